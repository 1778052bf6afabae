"""Rebuilding a deck the learner changed: the three-way merge of the last build, the learner's deck and
the new build (trainer.core.rebuild), table-driven: a named case per rule."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from trainer.core import built as builtmod
from trainer.core.model import Deck, Point, Section, SectionKind, Topic
from trainer.core.rebuild import Source, merge, reapply_marks
from trainer.parse.deckops import unique_ids

P, C = "problems", "countermeasures"
# A document as the builder read it: {topic: [(kind, heading, [(head, body)])]}
BASE: dict[str, Any] = {
    "优化营商环境": [
        (
            P,
            "存在的问题",
            [("人才队伍不完善", "人员紧缺。"), ("权力下放不到位", "“放而不接”。"), ("信息化水平不高", "数据不通。")],
        ),
        (C, "对策建议", [("加强人才队伍建设", "配齐人员。"), ("推动权力真正下放", "建立清单。")]),
    ],
    "规范执法": [(C, "对策", [("完善执法程序", "规范流程。"), ("强化执法监督", "公开透明。")])],
}


def build(spec: dict[str, Any]) -> Deck:
    """A deck as the builder makes it: fresh ids from topic, kind and head."""
    topics = [
        Topic(title, tuple(Section(SectionKind(k), h, tuple(Point("", p[0], p[1]) for p in pts)) for k, h, pts in secs))
        for title, secs in spec.items()
    ]
    return Deck("卡组", unique_ids(topics), ("doc.txt",))


def learner(base: Deck, spec: dict[str, Any]) -> Deck:
    """The learner's deck: a point keeps the base id of the head it names as third item (or its own head)."""
    ids = {p.head: p.id for _, _, p in base.points()}
    topics = []
    for title, secs in spec.items():
        sections = []
        for k, h, pts in secs:
            points = []
            for item in pts:
                head, body = item[0], item[1]
                origin = item[2] if len(item) > 2 else head
                points.append(Point(ids.get(origin, f"own-{head}"), head, body))
            sections.append(Section(SectionKind(k), h, tuple(points)))
        topics.append(Topic(title, tuple(sections)))
    return Deck("我的卡组", tuple(topics), ("doc.txt",), {"scheduler": "fsrs"})


def edit(spec: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """A copy of a spec with some changes applied (see the cases)."""
    out = {t: [(k, h, list(pts)) for k, h, pts in secs] for t, secs in spec.items()}
    for rename in changes.get("title", []):
        old, new = rename
        out = {(new if t == old else t): secs for t, secs in out.items()}
    for old, new in changes.get("heads", {}).items():
        for secs in out.values():
            for _, _, pts in secs:
                pts[:] = [(new, p[1], old) if p[0] == old else p for p in pts]
    for head, body in changes.get("bodies", {}).items():
        for secs in out.values():
            for _, _, pts in secs:
                pts[:] = [(p[0], body, *p[2:]) if p[0] == head else p for p in pts]
    for head in changes.get("drop", []):
        for secs in out.values():
            for _, _, pts in secs:
                pts[:] = [p for p in pts if p[0] != head]
    for after, point in changes.get("add", []):
        for secs in out.values():
            for _, _, pts in secs:
                at = [k for k, p in enumerate(pts) if p[0] == after]
                if at:
                    pts.insert(at[0] + 1, point)
    return out


@dataclass
class Case:
    mine: dict[str, Any] = field(default_factory=dict)  # edits by the learner
    new: dict[str, Any] = field(default_factory=dict)  # edits in the document
    heads: list[str] | None = None  # the merged deck's heads, in order
    bodies: dict[str, str] = field(default_factory=dict)
    titles: list[str] | None = None
    sources: dict[Source, int] = field(default_factory=dict)  # how many changes of each kind
    same_id: dict[str, str] = field(default_factory=dict)  # merged head -> base head whose id it keeps


HEADS = [
    "人才队伍不完善",
    "权力下放不到位",
    "信息化水平不高",
    "加强人才队伍建设",
    "推动权力真正下放",
    "完善执法程序",
    "强化执法监督",
]

CASES = {
    "nothing-changed": Case(heads=HEADS, sources={Source.YOURS: 0, Source.BUILD: 0, Source.CONFLICT: 0}),
    "your-head-kept": Case(
        mine={"heads": {"人才队伍不完善": "基层人才不足"}},
        heads=["基层人才不足", *HEADS[1:]],
        sources={Source.YOURS: 1, Source.BUILD: 0},
        same_id={"基层人才不足": "人才队伍不完善"},
    ),
    "build-body-taken": Case(
        new={"bodies": {"权力下放不到位": "事项“放而不接”。"}},
        bodies={"权力下放不到位": "事项“放而不接”。"},
        sources={Source.BUILD: 1, Source.CONFLICT: 0},
    ),
    "both-changed-head-yours-kept": Case(
        mine={"heads": {"人才队伍不完善": "基层人才不足"}},
        new={"heads": {"人才队伍不完善": "人才队伍建设不完善"}},
        heads=["基层人才不足", *HEADS[1:]],
        sources={Source.CONFLICT: 1},
        same_id={"基层人才不足": "人才队伍不完善"},
    ),
    "your-title-kept-build-body-taken": Case(
        mine={"title": [("优化营商环境", "营商环境")]},
        new={"bodies": {"人才队伍不完善": "人员严重紧缺。"}},
        titles=["营商环境", "规范执法"],
        bodies={"人才队伍不完善": "人员严重紧缺。"},
        sources={Source.YOURS: 1, Source.BUILD: 1, Source.CONFLICT: 0},
        same_id={"人才队伍不完善": "人才队伍不完善"},
    ),
    "document-title-and-head-changed-ids-survive": Case(
        new={"title": [("优化营商环境", "持续优化营商环境")], "heads": {"权力下放不到位": "权力下放仍不到位"}},
        titles=["持续优化营商环境", "规范执法"],
        heads=[HEADS[0], "权力下放仍不到位", *HEADS[2:]],
        same_id={h: h for h in HEADS if h != "权力下放不到位"} | {"权力下放仍不到位": "权力下放不到位"},
    ),
    "your-cloze-marks-put-back-on-new-body": Case(
        mine={"bodies": {"权力下放不到位": "“{{放而不接}}”。"}},
        new={"bodies": {"权力下放不到位": "不少事项“放而不接”。"}},
        bodies={"权力下放不到位": "不少事项“{{放而不接}}”。"},
        sources={Source.CONFLICT: 0, Source.BUILD: 1},
    ),
    "your-cloze-word-gone-yours-kept": Case(
        mine={"bodies": {"权力下放不到位": "“{{放而不接}}”。"}},
        new={"bodies": {"权力下放不到位": "事项下放后无人承接。"}},
        bodies={"权力下放不到位": "“{{放而不接}}”。"},
        sources={Source.CONFLICT: 1},
    ),
    "your-removal-kept": Case(
        mine={"drop": ["信息化水平不高"]},
        heads=[h for h in HEADS if h != "信息化水平不高"],
        sources={Source.YOURS: 1, Source.CONFLICT: 0},
    ),
    "your-removal-kept-though-document-changed-it": Case(
        mine={"drop": ["信息化水平不高"]},
        new={"bodies": {"信息化水平不高": "数据不通，孤岛多。"}},
        heads=[h for h in HEADS if h != "信息化水平不高"],
        sources={Source.CONFLICT: 1},
    ),
    "build-removal-taken": Case(
        new={"drop": ["强化执法监督"]},
        heads=HEADS[:-1],
        sources={Source.BUILD: 1, Source.CONFLICT: 0},
    ),
    "build-removal-of-your-edited-point-refused": Case(
        mine={"bodies": {"强化执法监督": "公开透明，接受监督。"}},
        new={"drop": ["强化执法监督"]},
        heads=HEADS,
        bodies={"强化执法监督": "公开透明，接受监督。"},
        sources={Source.CONFLICT: 1},
    ),
    "your-added-point-kept-in-place": Case(
        mine={"add": [("人才队伍不完善", ("服务意识不强", "态度生硬。"))]},
        heads=[HEADS[0], "服务意识不强", *HEADS[1:]],
        sources={Source.YOURS: 1},
    ),
    "build-added-point-after-its-predecessor": Case(
        new={"add": [("加强人才队伍建设", ("提升数字化水平", "打通数据。"))]},
        heads=[*HEADS[:4], "提升数字化水平", *HEADS[4:]],
        sources={Source.BUILD: 1},
    ),
    "both-added-different-points": Case(
        mine={"add": [("人才队伍不完善", ("服务意识不强", "态度生硬。"))]},
        new={"add": [("加强人才队伍建设", ("提升数字化水平", "打通数据。"))]},
        heads=[HEADS[0], "服务意识不强", *HEADS[1:4], "提升数字化水平", *HEADS[4:]],
        sources={Source.YOURS: 1, Source.BUILD: 1, Source.CONFLICT: 0},
    ),
    "your-head-edit-and-build-addition-in-the-same-section": Case(
        mine={"heads": {"权力下放不到位": "放权不到位"}},
        new={"add": [("权力下放不到位", ("审批流程繁琐", "环节多。"))]},
        heads=[HEADS[0], "放权不到位", "审批流程繁琐", *HEADS[2:]],
        sources={Source.YOURS: 1, Source.BUILD: 1},
    ),
}


def _apply(case: Case) -> tuple[Deck, Deck, Any]:
    base = build(BASE)
    mine = learner(base, edit(BASE, **case.mine))
    new = build(edit(BASE, **case.new))
    return base, mine, merge(builtmod.outline_of(base), mine, new)


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_rebuild_merges_three_ways(case: Case) -> None:
    base, _mine, result = _apply(case)
    deck = result.deck
    heads = [p.head for _, _, p in deck.points()]
    if case.heads is not None:
        assert heads == case.heads
    bodies = {p.head: p.body for _, _, p in deck.points()}
    for head, body in case.bodies.items():
        assert bodies[head] == body
    if case.titles is not None:
        assert [t.title for t in deck.topics] == case.titles
    for source, n in case.sources.items():
        assert result.count(source) == n, [c for c in result.changes if c.source is source]
    base_ids = {p.head: p.id for _, _, p in base.points()}
    ids = {p.head: p.id for _, _, p in deck.points()}
    for head, origin in case.same_id.items():
        assert ids[head] == base_ids[origin], head
    assert deck.name == "我的卡组" and deck.settings == {"scheduler": "fsrs"}
    assert len(set(ids.values())) == len(heads)


def test_a_second_rebuild_of_the_same_document_changes_nothing() -> None:
    _base, _mine, first = _apply(CASES["both-added-different-points"])
    again = merge(first.built, first.deck, build(edit(BASE, **CASES["both-added-different-points"].new)))
    assert again.deck == first.deck
    assert again.count(Source.BUILD) == 0 and again.count(Source.CONFLICT) == 0


def test_the_builds_new_order_is_taken_where_you_kept_the_order() -> None:
    base = build(BASE)
    mine = learner(base, BASE)
    moved = edit(BASE)
    pts = moved["优化营商环境"][0][2]
    pts[0], pts[2] = pts[2], pts[0]
    result = merge(builtmod.outline_of(base), mine, build(moved))
    assert [p.head for _, _, p in result.deck.points()][:3] == ["信息化水平不高", "权力下放不到位", "人才队伍不完善"]


def test_your_order_is_kept_where_you_changed_it() -> None:
    base = build(BASE)
    reordered = edit(BASE)
    pts = reordered["优化营商环境"][0][2]
    pts[0], pts[1] = pts[1], pts[0]
    mine = learner(base, reordered)
    result = merge(builtmod.outline_of(base), mine, build(BASE))
    assert [p.head for _, _, p in result.deck.points()][:3] == ["权力下放不到位", "人才队伍不完善", "信息化水平不高"]


def test_a_section_and_a_topic_the_build_added_are_taken() -> None:
    base = build(BASE)
    new = edit(BASE)
    new["优化营商环境"].insert(
        1, ("significance", "重要意义", [("激发市场活力", "活力。"), ("增强发展动力", "动力。")])
    )
    new["新话题"] = [(C, "举措", [("做法一", "内容。"), ("做法二", "内容。")])]
    result = merge(builtmod.outline_of(base), learner(base, BASE), build(new))
    deck = result.deck
    assert [t.title for t in deck.topics] == ["优化营商环境", "规范执法", "新话题"]
    assert [s.heading for s in deck.topics[0].sections] == ["存在的问题", "对策建议", "重要意义"]
    assert result.count(Source.BUILD) == 4


def test_your_section_kind_and_the_builds_heading_both_kept() -> None:
    base = build(BASE)
    mine_spec = edit(BASE)
    mine_spec["规范执法"] = [("other", "对策", mine_spec["规范执法"][0][2])]
    new = edit(BASE)
    new["规范执法"] = [(C, "对策建议", new["规范执法"][0][2])]
    result = merge(builtmod.outline_of(base), learner(base, mine_spec), build(new))
    section = result.deck.topics[1].sections[0]
    assert (section.kind, section.heading) == (SectionKind.OTHER, "对策建议")


def test_a_point_you_moved_stays_where_you_put_it_with_the_builds_new_body() -> None:
    base = build(BASE)
    spec = edit(BASE)
    spec["规范执法"][0][2].append(("信息化水平不高", "数据不通。"))
    spec["优化营商环境"][0][2].pop(2)
    new = build(edit(BASE, bodies={"信息化水平不高": "数据不通，孤岛多。"}))
    result = merge(builtmod.outline_of(base), learner(base, spec), new)
    last = result.deck.topics[1].sections[0].points[-1]
    assert (last.head, last.body) == ("信息化水平不高", "数据不通，孤岛多。")
    assert last.id == base.points()[2][2].id


def test_without_a_record_of_the_last_build_the_documents_text_wins_and_ids_carry() -> None:
    base = build(BASE)
    mine = learner(base, edit(BASE, heads={"人才队伍不完善": "基层人才不足"}))
    new = build(edit(BASE, title=[("优化营商环境", "持续优化营商环境")]))
    result = merge(None, mine, new)
    assert not result.had_base
    first = result.deck.points()[0]
    assert (first[0].title, first[2].head, first[2].id) == (
        "持续优化营商环境",
        "人才队伍不完善",
        base.points()[0][2].id,
    )
    assert result.count(Source.BUILD) >= 2 and result.count(Source.YOURS) == 0


@pytest.mark.parametrize(
    ("marked", "body", "expected"),
    [
        ("做到“{{网上办}}、{{马上办}}”", "努力做到“网上办、马上办”", "努力做到“{{网上办}}、{{马上办}}”"),
        ("{{网上办::口诀}}", "网上办", "{{网上办::口诀}}"),
        ("{{网上办}}", "线下办", None),
        ("{{办}}再{{办}}", "办事办", "{{办}}事{{办}}"),
    ],
    ids=["two-marks", "hint", "word-gone", "repeated-word"],
)
def test_reapply_marks(marked: str, body: str, expected: str | None) -> None:
    assert reapply_marks(marked, body) == expected


def test_built_outline_round_trips_and_refuses_other_text() -> None:
    base = build(BASE)
    base = Deck(base.name, (Topic("a b", base.topics[0].sections, "sub"),), ())
    outline = builtmod.outline_of(base)
    assert builtmod.loads(builtmod.dumps(outline)) == outline
    odd = Deck("x", (Topic("t", (Section(SectionKind.OTHER, "h", (Point("id with space", "头", "", True),)),)),))
    assert builtmod.loads(builtmod.dumps(builtmod.outline_of(odd))) == builtmod.outline_of(odd)
    for bad in ["", "v2\n", "v1\nP x a b c\n", "v1\nT a\n", 3, None, "v1\nT a b\nS k h\nP i a b c X\n"]:
        assert builtmod.loads(bad) is None
