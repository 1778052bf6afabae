"""`trainer build`: outline, rebuild identity (ids carried to edited heads), bad input leaves files alone."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from trainer.cli import main
from trainer.core.model import Deck, Point, Section, SectionKind, Topic, point_id
from trainer.deckfile import decks
from trainer.parse import carry_ids

DOC = """# 范文积累

#### 优化基层政企服务

##### 存在的问题

1. 人才队伍不完善。便民服务中心人员紧缺。
2. 权力下放不到位。服务事项授权不到位。
3. 线上线下未融合。信息不互通。
"""


def _deck(*heads: str, topic: str = "优化基层政企服务") -> Deck:
    k = SectionKind.PROBLEMS
    points = tuple(Point(id=point_id(topic, k, h), head=h, body="说明") for h in heads)
    return Deck(name="d", topics=(Topic(topic, (Section(k, "存在的问题", points),)),))


@pytest.mark.parametrize(
    ("old_heads", "new_heads", "kept"),
    [
        (("人才队伍不完善", "权力下放不到位"), ("人才队伍不完善", "权力下放不到位"), [0, 1]),
        (("人才队伍不完善", "权力下放不到位"), ("人才队伍建设不完善", "权力下放不到位"), [0, 1]),
        (("人才队伍不完善", "权力下放不到位"), ("人才队伍不完善。", "权利下放不到位"), [0, 1]),
        (("人才队伍不完善", "权力下放不到位"), ("资金保障不充足", "权力下放不到位"), [1]),
        (("人才队伍不完善", "权力下放不到位"), ("权力下放不到位",), [1]),
    ],
    ids=["unchanged", "char-added", "punct-and-typo", "rewritten", "removed"],
)
def test_carry_ids_keeps_ids_of_same_and_lightly_edited_points(old_heads, new_heads, kept) -> None:
    old, new = _deck(*old_heads), _deck(*new_heads)
    carried = carry_ids(new, old)
    old_ids = [p.id for _, _, p in old.points()]
    new_ids = [p.id for _, _, p in carried.points()]
    assert sorted(set(new_ids) & set(old_ids)) == sorted(old_ids[i] for i in kept)
    assert len(set(new_ids)) == len(new_ids)


def test_carry_ids_never_gives_one_old_id_to_two_points() -> None:
    old = _deck("人才队伍不完善")
    carried = carry_ids(_deck("人才队伍很不完善", "人才队伍不太完善"), old)
    ids = [p.id for _, _, p in carried.points()]
    assert ids.count(old.topics[0].sections[0].points[0].id) == 1


def test_rebuild_keeps_ids_name_and_settings_of_the_existing_deck(tmp_path: Path) -> None:
    doc, out = tmp_path / "doc.txt", tmp_path / "deck.yaml"
    doc.write_text(DOC, encoding="utf-8")
    assert main(["build", str(doc), "-o", str(out)]) == 0
    first = decks.load(out)
    decks.save(replace(first, name="我的卡组", settings={"scheduler": "fsrs"}), out)
    doc.write_text(DOC.replace("人才队伍不完善。", "人才队伍建设不完善。"), encoding="utf-8")
    assert main(["build", str(doc), "-o", str(out)]) == 0
    second = decks.load(out)
    assert second.name == "我的卡组" and second.settings["scheduler"] == "fsrs"
    assert set(second.settings) == {"scheduler", "built"}  # the deck remembers this build from now on
    assert [p.id for _, _, p in second.points()] == [p.id for _, _, p in first.points()]
    assert second.points()[0][2].head == "人才队伍建设不完善"


def test_dry_run_prints_the_outline_and_writes_nothing(tmp_path: Path, capsys) -> None:
    doc, out = tmp_path / "doc.txt", tmp_path / "deck.yaml"
    doc.write_text(DOC, encoding="utf-8")
    assert main(["build", str(doc), "-o", str(out), "--dry-run"]) == 0
    assert not out.exists()
    printed = capsys.readouterr()
    assert (
        "[问题] 存在的问题  (confidence 1.00: heading, complete succession)\n      1. 人才队伍不完善\n      2. 权力下放不到位"
        in printed.out
    )
    assert "1 topics, 1 sections, 3 points" in printed.err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"   \n\t\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a text document"),
        ("只是一段话。".encode(), "no numbered"),
    ],
    ids=["empty", "whitespace", "png", "no-sections"],
)
def test_bad_documents_exit_2_and_leave_the_output_untouched(tmp_path: Path, capsys, content: bytes, message) -> None:
    doc, out = tmp_path / "doc.txt", tmp_path / "deck.yaml"
    doc.write_bytes(content)
    out.write_text("deck: 旧的\ntopics: []\n", encoding="utf-8")
    assert main(["build", str(doc), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert str(doc) in err and message in err.lower() and "Traceback" not in err
    assert out.read_text(encoding="utf-8") == "deck: 旧的\ntopics: []\n"


def test_dry_run_shows_confidence_and_prose_is_built_with_a_warning(tmp_path: Path, capsys) -> None:
    """Issue 12: every section shows how sure the builder is; a document with no list still gives a
    deck (its paragraphs as points) and exits 0, the section listed in the warnings."""
    doc = tmp_path / "doc.txt"
    doc.write_text(DOC, encoding="utf-8")
    assert main(["build", str(doc), "--dry-run"]) == 0
    assert "[问题] 存在的问题  (confidence 1.00: heading, complete succession)" in capsys.readouterr().out
    prose = tmp_path / "prose.txt"
    prose.write_text(
        "基层减负的思考\n\n近年来，基层负担有所减轻。但形式主义仍有反弹。\n\n减负要减到实处，不能以文件落实文件。\n"
    )
    assert main(["build", str(prose), "-o", str(tmp_path / "p.yaml")]) == 0
    err = capsys.readouterr().err
    assert "check this section" in err and "no list found" in err
    assert [p.head for _, _, p in decks.load(tmp_path / "p.yaml").points()] == [
        "近年来，基层负担有所减轻",
        "减负要减到实处，不能以文件落实文件",
    ]


def test_a_build_over_an_existing_deck_says_in_one_line_that_it_updated_it(tmp_path: Path, capsys) -> None:
    doc, out = tmp_path / "doc.txt", tmp_path / "deck.yaml"
    doc.write_text(DOC, encoding="utf-8")
    assert main(["build", str(doc), "-o", str(out)]) == 0
    assert "updated deck" not in capsys.readouterr().err  # a first build updates nothing
    changed = DOC.replace("信息不互通。", "信息不互通，数据重复录入。") + "4. 考核机制不健全。干好干坏一个样。\n"
    doc.write_text(changed, encoding="utf-8")
    assert main(["build", str(doc), "-o", str(out), "--dry-run"]) == 0
    assert "would update deck 范文积累 (1 new, 1 changed)" in capsys.readouterr().err
    assert main(["build", str(doc), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "updated deck 范文积累 (1 new, 1 changed)" in err.splitlines()
