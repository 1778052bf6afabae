"""Other readings of a document: one group of numbered items read the other way, offered to the learner
(`trainer.parse.alternatives`, `trainer build --dry-run` / `--reading N`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from trainer.cli import main
from trainer.deckfile import decks
from trainer.parse import READING_BUDGET, alternatives, parse_document
from trainer.parse.choices import decided, reading

# Three numbered claims, two of which argue with 一方面/另一方面 inside: the builder may take either level
# as the list; a reader who wants the three claims chooses the other reading.
DOC = """社区养老服务的重要作用

一、社区养老减轻家庭照护负担
子女工作繁忙，老人白天无人照看。一方面，日间照料中心提供午餐和看护，让子女安心上班；另一方面，上门服务解决了失能老人的洗浴难题，减少了家庭的开支。
二、社区养老提升老人生活质量
老人在熟悉的环境中安度晚年，情绪更加稳定。一方面，兴趣小组丰富了精神生活；另一方面，健康讲座提高了老人的保健意识。
三、社区养老促进邻里互助
低龄老人帮助高龄老人，形成了互帮互助的风气，社区更有温度。
"""


def _heads(deck) -> list[str]:
    return [p.head for _, _, p in deck.points()]


def _outline(deck) -> list[tuple[str, list[str]]]:
    return [(s.heading, [p.head for p in s.points]) for t in deck.topics for s in t.sections]


def test_each_other_reading_differs_from_the_builders_and_from_the_others() -> None:
    base = parse_document(DOC)
    others = alternatives(DOC)
    assert others, "a page with lists at two levels has another reading"
    outlines = [_outline(base), *(_outline(a.deck) for a in others)]
    assert len({repr(o) for o in outlines}) == len(outlines)


# The same shape after an opening paragraph and with no title line, each item opening on 一方面…另一方面…:
# the builder takes those lists.
DOC_INNER = """在数字时代，平台已经成为推动发展的重要力量。本文围绕平台建设展开论述，探讨平台建设的重要意义。
一、平台建设助力产业升级
一方面，平台能够整合产业资源，提升整体竞争力；另一方面，平台能够拓展市场空间，扩大经营规模。
二、平台建设促进创新驱动
一方面，平台可以集聚创新资源，吸引人才集聚；另一方面，平台有助于打通信息壁垒，加快成果转化。
三、平台建设推动治理现代化
一方面，平台能够促进信息共享，提升治理效能；另一方面，平台能够强化社会监督，推动政务公开。
"""
CLAIMS = ["平台建设助力产业升级", "平台建设促进创新驱动", "平台建设推动治理现代化"]


def test_a_reading_takes_the_numbered_claims_as_the_points_and_says_so() -> None:
    assert _heads(parse_document(DOC_INNER)) != CLAIMS
    chosen = [a for a in alternatives(DOC_INNER) if _heads(a.deck) == CLAIMS]
    assert [a.what for a in chosen] == ["把「平台建设助力产业升级」等 3 项当作要点"]


def test_a_reading_takes_numbered_points_as_headings_and_says_so() -> None:
    assert _heads(parse_document(DOC)) == [
        "社区养老减轻家庭照护负担",
        "社区养老提升老人生活质量",
        "社区养老促进邻里互助",
    ]
    assert [a.what for a in alternatives(DOC)] == ["把「社区养老减轻家庭照护负担」等 3 项当作小标题"]


def test_outside_a_reading_the_rules_decide_and_inside_groups_are_recorded() -> None:
    assert decided(("甲", "乙"), True) is True
    with reading(frozenset({("甲", "乙")})) as state:
        assert decided(("甲", "乙"), True) is False  # flipped
        assert decided(("丙", "丁"), False) is False  # not flipped
    assert state.met == {("甲", "乙"): True, ("丙", "丁"): False}


def test_a_very_long_document_is_offered_no_other_reading() -> None:
    long = DOC + "\n" + "社区治理需要多方参与，形成合力。" * (READING_BUDGET // 16 + 1)
    assert alternatives(long) == []


@pytest.fixture
def doc(tmp_path: Path) -> Path:
    path = tmp_path / "养老.txt"
    path.write_text(DOC, encoding="utf-8")
    return path


def test_dry_run_lists_the_other_readings(doc: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", str(doc), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert out.endswith(
        "other readings of this document (this is reading 1; build another with --reading N):\n"
        "  2. 把「社区养老减轻家庭照护负担」等 3 项当作小标题 (leaves out 3 of the builder's points)\n"
    )


@pytest.fixture
def inner(tmp_path: Path) -> Path:
    path = tmp_path / "平台.txt"
    path.write_text(DOC_INNER, encoding="utf-8")
    return path


def test_reading_n_writes_that_reading_and_a_plain_rebuild_keeps_it(
    inner: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "deck.yaml"
    others = alternatives(DOC_INNER)
    claims = str(2 + [_heads(a.deck) for a in others].index(CLAIMS))  # reading 1 is the builder's own
    assert main(["build", str(inner), "-o", str(out)]) == 0
    assert f"can be read {len(others)} other way(s)" in capsys.readouterr().err
    assert _heads(decks.load(out)) != CLAIMS
    assert main(["build", str(inner), "--reading", claims, "-o", str(out)]) == 0
    assert _heads(decks.load(out)) == CLAIMS
    # The reading is the learner's choice over the builder's own outline: building again keeps it.
    assert main(["build", str(inner), "-o", str(out)]) == 0
    assert _heads(decks.load(out)) == CLAIMS
    fresh = tmp_path / "fresh.yaml"
    assert main(["build", str(inner), "--reading", claims, "-o", str(fresh)]) == 0
    assert main(["build", str(inner), "-o", str(fresh)]) == 0
    assert _heads(decks.load(fresh)) == CLAIMS


def test_a_reading_the_document_has_not_is_one_line_and_exit_2(
    doc: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "deck.yaml"
    assert main(["build", str(doc), "--reading", "3", "-o", str(out)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"trainer: error: {doc}: has 2 reading(s); --reading 3 is not one of them"]
    assert not out.exists()
    assert main(["build", str(doc), str(doc), "--reading", "2"]) == 2
    assert main(["build", str(doc), "--reading", "2", "--review"]) == 2
    assert "--reading builds one reading of one document" in capsys.readouterr().err
