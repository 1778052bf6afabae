"""`trainer build DOC -o EXISTING.yaml` keeps what the learner changed in the deck file (issue 17's story,
as a new user tried it), and `--dry-run` says what the merge would do without writing."""

from __future__ import annotations

from pathlib import Path

from trainer.cli import main
from trainer.core.model import Deck
from trainer.deckfile import decks

DOC_V1 = """# 范文积累

#### 优化基层政企服务

##### 存在的问题

1. 人才队伍不完善。便民服务中心人员紧缺。
2. 权力下放不到位。服务事项“放而不接”。
3. 线上线下未融合。信息不互通。

##### 对策建议

1. 加强人才队伍建设。配齐人员，开展培训。
2. 推动权力真正下放。做到“网上办、马上办”。
"""

# The document's next version: the topic title changed, a head lightly edited, a body extended, a point
# added at the end, and one point gone.
DOC_V2 = (
    DOC_V1.replace("优化基层政企服务", "持续优化基层政企服务")
    .replace("人才队伍不完善", "人才队伍建设不完善")
    .replace("做到“网上办", "尽快做到“网上办")
    .replace("3. 线上线下未融合。信息不互通。\n", "")
    .replace("2. 推动权力真正下放。做到", "2. 推动权力真正下放。尽快做到")
    + "3. 提升数字化水平。打通数据。\n"
).replace("尽快尽快", "尽快")


def _point(deck: Deck, head: str):
    return next(p for _, _, p in deck.points() if p.head == head)


def _learner_edits(out: Path) -> Deck:
    """What the learner did to the first build, in the file (by hand and in the app)."""
    text = out.read_text(encoding="utf-8")
    text = text.replace("title: 优化基层政企服务", "title: 基层政企服务")  # a fixed topic title
    text = text.replace("做到“网上办、马上办”", "做到“{{网上办}}、马上办”")  # a hand-written cloze
    text = text.replace("head: 权力下放不到位", "head: 放权不到位")  # an in-app head edit
    out.write_text(text, encoding="utf-8")
    return decks.load(out)


def test_rebuild_keeps_every_change_the_learner_made(tmp_path: Path, capsys) -> None:
    doc, out = tmp_path / "doc.txt", tmp_path / "deck.yaml"
    doc.write_text(DOC_V1, encoding="utf-8")
    assert main(["build", str(doc), "-o", str(out)]) == 0
    first = decks.load(out)
    mine = _learner_edits(out)
    doc.write_text(DOC_V2, encoding="utf-8")
    capsys.readouterr()
    assert main(["build", str(doc), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    second = decks.load(out)

    assert [t.title for t in second.topics] == ["基层政企服务"]  # the learner's title, not the document's
    assert _point(second, "推动权力真正下放").body == "尽快做到“{{网上办}}、马上办”。"  # new text, cloze kept
    assert _point(second, "放权不到位").id == _point(mine, "放权不到位").id  # the in-app edit kept
    # The lightly edited point keeps its id though its topic title changed in the document.
    assert _point(second, "人才队伍建设不完善").id == _point(first, "人才队伍不完善").id
    heads = [p.head for _, _, p in second.points()]
    assert heads == ["人才队伍建设不完善", "放权不到位", "加强人才队伍建设", "推动权力真正下放", "提升数字化水平"]
    # Nothing silently: the title conflict is listed, and the summary counts the rest.
    assert "conflict: 基层政企服务: topic title “基层政企服务” / document “持续优化基层政企服务”" in err
    assert "taken from the document, 1 conflicts (yours kept)" in err


def test_dry_run_on_an_existing_deck_prints_the_merge_and_writes_nothing(tmp_path: Path, capsys) -> None:
    doc, out = tmp_path / "doc.txt", tmp_path / "deck.yaml"
    doc.write_text(DOC_V1, encoding="utf-8")
    assert main(["build", str(doc), "-o", str(out)]) == 0
    _learner_edits(out)
    before = out.read_bytes()
    doc.write_text(DOC_V2, encoding="utf-8")
    capsys.readouterr()
    assert main(["build", str(doc), "-o", str(out), "--dry-run"]) == 0
    printed = capsys.readouterr().out
    assert out.read_bytes() == before
    assert f"the rebuild would make 6 changes to {out}:" in printed
    for line in [
        "yours kept: 基层政企服务 › 存在的问题 › 放权不到位: head -> “放权不到位”",
        "from the document: 基层政企服务 › 存在的问题 › 线上线下未融合: removed: the document no longer has it",
        "from the document: 持续优化基层政企服务 › 对策建议 › 提升数字化水平: added in the document",
        "conflict: 基层政企服务: topic title “基层政企服务” / document “持续优化基层政企服务”",
    ]:
        assert f"  {line}\n" in printed


def test_a_deck_without_a_record_of_its_last_build_still_loads_and_rebuilds(tmp_path: Path, capsys) -> None:
    doc, out = tmp_path / "doc.txt", tmp_path / "deck.yaml"
    doc.write_text(DOC_V1, encoding="utf-8")
    assert main(["build", str(doc), "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    out.write_text(text[: text.index("built:")], encoding="utf-8")  # as decks were before
    old = decks.load(out)
    doc.write_text(DOC_V2, encoding="utf-8")
    assert main(["build", str(doc), "-o", str(out)]) == 0
    assert "had no record of its last build" in capsys.readouterr().err
    new = decks.load(out)
    assert _point(new, "人才队伍建设不完善").id == _point(old, "人才队伍不完善").id
    assert decks.built_of(new) is not None


def test_a_hand_broken_built_key_is_a_deck_without_a_record(tmp_path: Path, capsys) -> None:
    doc, out = tmp_path / "doc.txt", tmp_path / "deck.yaml"
    doc.write_text(DOC_V1, encoding="utf-8")
    assert main(["build", str(doc), "-o", str(out)]) == 0
    out.write_text(out.read_text(encoding="utf-8").replace("  v1\n", "  v9\n"), encoding="utf-8")
    assert decks.built_of(decks.load(out)) is None
    assert main(["build", str(doc), "-o", str(out)]) == 0
    assert decks.built_of(decks.load(out)) is not None


def test_review_takes_one_document_and_no_dry_run(tmp_path: Path, capsys) -> None:
    doc = tmp_path / "doc.txt"
    doc.write_text(DOC_V1, encoding="utf-8")
    for args in (["build", str(doc), str(doc), "--review"], ["build", str(doc), "--review", "--dry-run"]):
        assert main(args) == 2
        err = capsys.readouterr().err
        assert "--review opens one document" in err and "Traceback" not in err


def test_review_of_a_folder_says_so_and_writes_nothing(tmp_path: Path, capsys) -> None:
    assert main(["build", str(tmp_path), "--review", "-o", str(tmp_path / "d.yaml")]) == 2
    assert "is a folder" in capsys.readouterr().err
    assert not (tmp_path / "d.yaml").exists()
