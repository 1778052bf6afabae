"""The five seed documents of the genre parse to the outline a learner would write down."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.fixtures.outline import expected_outline, outline_of
from trainer.core.model import Deck, SectionKind, point_id
from trainer.parse import decode, parse_document

SEEDS = Path(__file__).parent / "fixtures" / "seeds"
NAMES = sorted(p.stem for p in SEEDS.glob("*.txt"))


def _parse(stem: str) -> Deck:
    path = SEEDS / f"{stem}.txt"
    return parse_document(decode(path.read_bytes()), source=path.name)


def _seed(prefix: str) -> Deck:
    (stem,) = [n for n in NAMES if n.startswith(prefix)]
    return _parse(stem)


def _point(deck: Deck, head: str):
    (found,) = [p for _, _, p in deck.points() if p.head == head]
    return found


@pytest.mark.parametrize("stem", NAMES, ids=[n[:3] for n in NAMES])
def test_seed_outline(stem: str) -> None:
    expected = yaml.safe_load((SEEDS / f"{stem}.expected.yaml").read_text(encoding="utf-8"))
    deck = _parse(stem)
    assert deck.name == expected["deck"]
    assert outline_of(deck) == expected_outline(expected)
    long_heads = sorted(p.head for _, _, p in deck.points() if p.long_head)
    assert long_heads == sorted(expected.get("long_heads", []))


def test_seed_000_topics_and_noisy_points() -> None:
    deck = _seed("000")
    assert [t.title for t in deck.topics] == ["优化基层政企服务", "优化营商环境", "规范执法"]
    for topic in deck.topics:
        assert [s.kind for s in topic.sections] == [
            SectionKind.SIGNIFICANCE,
            SectionKind.PROBLEMS,
            SectionKind.COUNTERMEASURES,
        ]
    assert _point(deck, "着力打造市场化的营商环境").body == ""
    # The stray `3. 有利于提升综合国力` under 对策 (a significance phrase breaking the succession) is dropped.
    assert all(p.head != "有利于提升综合国力" for _, _, p in deck.points())
    assert _point(deck, "方便群众办事").line == 13


def test_seed_001_nested_lists_stay_in_bodies() -> None:
    deck = _seed("001")
    body = _point(deck, "在改革方面").body
    assert body.startswith("加强基层政务服务体系建设，加快推动基层行政审批局（营商环境建设局）实质运行。")
    assert "实质运行。\n一是配强" in body
    assert "\n二是坚持优化、协同、高效原则" in body
    # The PDF line break inside 三是 is joined back into one sentence.
    assert "部分标准简明的审批事项，结合" in _point(deck, "在服务创新方面").body
    weak = _point(deck, "基层政务服务力量薄弱")
    assert weak.body.startswith("由于基层行政审批机构（营商环境建设机构）刚刚起步")


def test_seed_002_broken_paragraph_and_nested_yishi() -> None:
    deck = _seed("002")
    assert _point(deck, "开展并联审批").body.endswith("由原来的约8个月的总审批时限压缩到3个月内办结。")
    level = _point(deck, "要全面提高政务服务水平")
    assert level.body.startswith("以县级政务服务中心标准化建设为切入点，做实县级")
    body = _point(deck, "要全面落实优化环境制度").body
    assert body.startswith("一是将专项治理制度化。") and "四是将强力推行" in body
    assert _point(deck, "整治“红顶”中介").line == 13


def test_seed_003_prose_sections_and_subtitle() -> None:
    deck = _seed("003")
    (topic,) = deck.topics
    assert topic.title == "以良好政务环境推动经济社会高质量发展"
    assert topic.subtitle == "以S省为例"
    kinds = [s.kind for s in topic.sections]
    assert kinds.count(SectionKind.PROBLEMS) == 3
    assert kinds.count(SectionKind.COUNTERMEASURES) == 5
    body = _point(deck, "要提升工作人员服务市场主体的能力").body
    assert body.startswith("第一，要组织开展经验交流活动。") and "第二，要设置末位处罚制度。" in body
    assert _point(deck, "要增加对数据平台建设的投入").body.startswith("进一步建设跨层级、跨地域")


def test_seed_004_star_topics() -> None:
    deck = _seed("004")
    titles = [t.title for t in deck.topics]
    assert titles == ["国家政策", "自治区政策", "优化营商环境大会", "政府职能转变", "实战应用"]
    meeting = deck.topics[2]
    assert [(s.kind, s.heading, len(s.points)) for s in meeting.sections] == [
        (SectionKind.ACHIEVEMENTS, "取得成效", 6),
        (SectionKind.COUNTERMEASURES, "重要启示", 6),
        (SectionKind.COUNTERMEASURES, "领导要求", 3),  # 必须…, 一定要…: calls to act, as under 重要启示
        (SectionKind.COUNTERMEASURES, "对策措施", 4),
    ]
    practice = deck.topics[4]
    # A question label (问题1) names no kind; what its answer lists does (issue 12: the heads' kind).
    assert [s.kind for s in practice.sections] == [SectionKind.COUNTERMEASURES, SectionKind.PROBLEMS]


@pytest.mark.parametrize("stem", NAMES, ids=[n[:3] for n in NAMES])
def test_seed_ids_unique_and_stable(stem: str) -> None:
    deck, again = _parse(stem), _parse(stem)
    ids = [p.id for _, _, p in deck.points()]
    assert len(ids) == len(set(ids))
    assert ids == [p.id for _, _, p in again.points()]
    first = deck.points()[0]
    assert first[2].id == point_id(first[0].title, first[1].kind, first[2].head)


@pytest.mark.parametrize("stem", NAMES, ids=[n[:3] for n in NAMES])
def test_seed_display_text_is_chinese(stem: str) -> None:
    deck = _parse(stem)
    for _, section, point in deck.points():
        for text in (section.heading, point.head, point.body):
            for bad in (",", "**", "  "):
                assert bad not in text, (bad, text)
