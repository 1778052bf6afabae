"""The public parse API beyond parsing: ids, merging, linting, and the purity of the package."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from trainer.core.model import Deck, Point, Section, SectionKind, Topic, point_id
from trainer.parse import lint, merge_decks, parse_document

ROOT = Path(__file__).resolve().parents[1]

TWO_SECTIONS_SAME_HEAD = """城市治理
存在问题
1. 加强统筹。条块分割明显。
对策
1. 加强统筹。建立联席会议。
2. 加强统筹。同名的第二个要点。
"""


def test_colliding_heads_get_unique_deterministic_ids() -> None:
    deck = parse_document(TWO_SECTIONS_SAME_HEAD)
    points = deck.points()
    ids = [p.id for _, _, p in points]
    assert len(set(ids)) == 3
    # Different kinds never collide; the first of two equal points keeps the plain id.
    assert ids[0] == point_id("城市治理", SectionKind.PROBLEMS, "加强统筹")
    assert ids[1] == point_id("城市治理", SectionKind.COUNTERMEASURES, "加强统筹")
    assert ids == [p.id for _, _, p in parse_document(TWO_SECTIONS_SAME_HEAD).points()]


def _deck(name: str, topic: str, heads: list[str], source: str) -> Deck:
    points = tuple(Point(point_id(topic, SectionKind.PROBLEMS, h), h, "正文。") for h in heads)
    return Deck(name, (Topic(topic, (Section(SectionKind.PROBLEMS, "存在问题", points),)),), (source,))


def test_merge_decks_joins_topics_and_concatenates_sources() -> None:
    a = _deck("甲", "营商环境", ["审批多", "跑腿多"], "a.txt")
    b = _deck("乙", "基层治理", ["负担重"], "b.txt")
    c = _deck("丙", "营商环境", ["审批多"], "c.txt")
    merged = merge_decks([a, b, c])
    assert merged.name == "甲"
    assert merged.sources == ("a.txt", "b.txt", "c.txt")
    assert [t.title for t in merged.topics] == ["营商环境", "基层治理"]
    assert [len(s.points) for s in merged.topics[0].sections] == [2, 1]
    ids = [p.id for _, _, p in merged.points()]
    assert len(ids) == len(set(ids)) == 4
    assert merge_decks([a, b], name="合集").name == "合集"
    assert merge_decks([]).topics == ()


def test_merge_of_parsed_seeds_keeps_every_point() -> None:
    seeds = sorted((ROOT / "tests" / "fixtures" / "seeds").glob("*.txt"))
    decks = [parse_document(p.read_text(encoding="utf-8"), source=p.name) for p in seeds]
    merged = merge_decks(decks, name="全部")
    assert len(merged.points()) == sum(len(d.points()) for d in decks)
    assert merged.sources == tuple(p.name for p in seeds)


LONG = "部分执法者滥用自由裁量权导致情节轻重与处罚力度严重不相称且缺乏必要的沟通解释流程"


def test_lint_warnings() -> None:
    text = f"""# 规范执法
## 对策
1. 端正执法理念。
## 存在问题
1. {LONG}。这是第一点。
2. 执法制度有待完善。缺少有效的奖惩激励机制。
"""
    warnings = lint(parse_document(text))
    assert warnings == [
        "规范执法 / 对策: section has only one point",
        "规范执法 / 对策 / 端正执法理念 (line 3): point has an empty body",
        f"规范执法 / 存在问题 / {LONG} (line 5): head is 40 characters (over 30)",
    ]


def test_lint_clean_deck() -> None:
    deck = _deck("甲", "营商环境", ["审批多", "跑腿多"], "a.txt")
    assert lint(deck) == []


def test_import_does_not_pull_in_ui_or_storage() -> None:
    code = (
        "import sys, trainer.parse\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'sqlalchemy', 'alembic'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_package_does_no_io_and_reads_no_clock() -> None:
    forbidden = (
        "open(",
        "Path(",
        "read_text",
        "read_bytes",
        "datetime",
        "time.",
        "os.",
        "textual",
        "sqlalchemy",
    )
    for path in sorted((ROOT / "trainer" / "parse").glob("*.py")):
        source = path.read_text(encoding="utf-8")
        lines = source.splitlines()
        assert len(lines) < 400, path.name
        assert lines[0].startswith('"""') and lines[0].endswith('"""'), path.name
        for word in forbidden:
            assert word not in source.replace("PurePath(", ""), (path.name, word)
