"""The outline screen's edits as pure functions on a Deck (trainer.core.outline_edits), table-driven;
and the lists `o` finds in a point's body (trainer.services.outline_draft.list_items)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from trainer.core import outline_edits as ed
from trainer.core.model import Deck, Point, Section, SectionKind, Topic
from trainer.parse.deckops import unique_ids

P, C = SectionKind.PROBLEMS, SectionKind.COUNTERMEASURES


def _deck() -> Deck:
    topics = (
        Topic(
            "优化营商环境",
            (
                Section(
                    P,
                    "存在的问题",
                    (
                        Point("", "人才不足", "人员紧缺。编制不足。", line=3),
                        Point("", "权力下放不到位", "放而不接。", line=4),
                    ),
                ),
                Section(C, "对策", (Point("", "加强队伍", "配齐人员。", line=7),)),
            ),
        ),
        Topic("规范执法", (Section(C, "对策", (Point("", "完善程序", "规范流程。", line=11),)),)),
    )
    return Deck("卡组", unique_ids(topics))


def outline(deck: Deck) -> list[str]:
    """The deck as short lines: topic | kind heading | head / body."""
    out = []
    for t in deck.topics:
        out.append(t.title)
        for s in t.sections:
            out.append(f"  {s.kind.value} {s.heading}")
            out += [f"    {p.head} / {p.body}" for p in s.points]
    return out


BASE = outline(_deck())

CASES: dict[str, tuple[Callable[[Deck], Deck], list[str]]] = {
    "edit-head": (
        lambda d: ed.edit_point(d, 0, 0, 0, " 人才 队伍不足 "),
        [*BASE[:2], "    人才 队伍不足 / 人员紧缺。编制不足。", *BASE[3:]],
    ),
    "edit-head-and-body": (
        lambda d: ed.edit_point(d, 0, 0, 1, "放权", "不到位。"),
        [*BASE[:3], "    放权 / 不到位。", *BASE[4:]],
    ),
    "split-at-cursor": (
        lambda d: ed.split_point(d, 0, 0, 0, 5),
        [*BASE[:2], "    人才不足 / 人员紧缺。", "    编制不足 / ", *BASE[3:]],
    ),
    "merge-into-previous": (
        lambda d: ed.merge_into_previous(d, 0, 0, 1),
        [*BASE[:2], "    人才不足 / 人员紧缺。编制不足。权力下放不到位。放而不接。", *BASE[4:]],
    ),
    "drop-point": (lambda d: ed.drop_point(d, 0, 0, 1), [*BASE[:3], *BASE[4:]]),
    "drop-last-point-drops-section": (lambda d: ed.drop_point(d, 0, 1, 0), [*BASE[:4], *BASE[6:]]),
    "next-kind": (lambda d: ed.next_kind(d, 0, 0), [BASE[0], "  countermeasures 存在的问题", *BASE[2:]]),
    "set-kind": (lambda d: ed.set_kind(d, 0, 0, SectionKind.OTHER), [BASE[0], "  other 存在的问题", *BASE[2:]]),
    "rename-section": (
        lambda d: ed.rename_section(d, 0, 1, "对策建议"),
        [*BASE[:4], "  countermeasures 对策建议", *BASE[5:]],
    ),
    "rename-topic": (lambda d: ed.rename_topic(d, 1, "严格规范执法"), [*BASE[:6], "严格规范执法", *BASE[7:]]),
    "move-down": (lambda d: ed.move_point(d, 0, 0, 0, 1)[0], [*BASE[:2], BASE[3], BASE[2], *BASE[4:]]),
    "move-up": (lambda d: ed.move_point(d, 0, 0, 1, -1)[0], [*BASE[:2], BASE[3], BASE[2], *BASE[4:]]),
    "move-to-section": (lambda d: ed.move_point_to(d, 0, 0, 1, 1, 0), [*BASE[:3], *BASE[4:], BASE[3]]),
    "drop-section": (lambda d: ed.drop_section(d, 0, 0), [BASE[0], *BASE[4:]]),
    "drop-only-section-of-topic": (lambda d: ed.drop_section(d, 1, 0), BASE[:6]),
    "add-from-source-line": (
        lambda d: ed.add_point(d, 0, 0, 0, "3. 服务意识不强：态度生硬。", 9),
        [*BASE[:3], "    3. 服务意识不强 / 态度生硬。", *BASE[3:]],
    ),
    "add-first": (lambda d: ed.add_point(d, 0, 1, -1, "数字赋能"), [*BASE[:5], "    数字赋能 / ", *BASE[5:]]),
}


@pytest.mark.parametrize(("edit", "expected"), CASES.values(), ids=CASES.keys())
def test_each_edit(edit: Callable[[Deck], Deck], expected: list[str]) -> None:
    deck = _deck()
    after = edit(deck)
    assert outline(after) == expected
    ids = [p.id for _, _, p in after.points()]
    assert len(set(ids)) == len(ids)
    kept = {p.id for _, _, p in deck.points()}
    assert sum(1 for i in ids if i not in kept) <= 1  # only a new point gets a new id
    assert outline(deck) == BASE  # the value edited is left as it was


REFUSED: dict[str, tuple[Callable[[Deck], Deck], str]] = {
    "empty-head": (lambda d: ed.edit_point(d, 0, 0, 0, "  "), "cannot be empty"),
    "split-outside-body": (lambda d: ed.split_point(d, 0, 0, 0, 0), "inside the body"),
    "merge-first": (lambda d: ed.merge_into_previous(d, 0, 0, 0), "no previous point"),
    "move-first-up": (lambda d: ed.move_point(d, 0, 0, 0, -1)[0], "already first"),
    "move-to-own-section": (lambda d: ed.move_point_to(d, 0, 0, 0, 0, 0), "in that section already"),
    "rename-deck-empty": (lambda d: ed.rename_deck(d, ""), "cannot be empty"),
    "no-such-point": (lambda d: ed.drop_point(d, 0, 0, 9), "no such point"),
    "add-blank-line": (lambda d: ed.add_point(d, 0, 0, 0, "   "), "cannot be empty"),
}


@pytest.mark.parametrize(("edit", "message"), REFUSED.values(), ids=REFUSED.keys())
def test_edits_that_cannot_apply_say_why(edit: Callable[[Deck], Deck], message: str) -> None:
    with pytest.raises(ed.EditError, match=message):
        edit(_deck())


def test_the_last_section_cannot_be_dropped() -> None:
    deck = ed.drop_section(ed.drop_section(_deck(), 0, 0), 0, 0)
    with pytest.raises(ed.EditError, match="at least one section"):
        ed.drop_section(deck, 0, 0)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("人才不足。人员紧缺。", ("人才不足", "人员紧缺。")),
        ("“放而不接。”问题。", ("“放而不接。”问题", "")),
        ("没有句号", ("没有句号", "")),
    ],
    ids=["stop", "quoted-stop", "no-stop"],
)
def test_lead(text: str, expected: tuple[str, str]) -> None:
    assert ed.lead(text) == expected


# Expanding a point whose body holds a list (`o`): the items are given as data (the screen finds them
# with the builder, `trainer.services.outline_draft.list_items`).
ITEMS = [("学习教育", "抓好理论学习。"), ("查摆问题", "对照检查。"), ("整改落实", "")]


def _listed() -> Deck:
    points = (
        Point("", "提高认识", "统一思想。", line=2),
        Point("", "三个环节注意方面", "第一环节：学习教育…；第二环节：查摆问题…；第三环节：整改落实…", line=3),
        Point("", "健全机制", "建章立制。", line=4),
        Point("", "强化考核", "奖优罚劣。", line=5),
    )
    topics = (Topic("主题教育", (Section(C, "工作要求", points), Section(P, "存在的问题", (Point("", "走过场"),)))),)
    return Deck("卡组", unique_ids(topics))


EXPANDED = {
    "middle-point": (
        1,
        [
            "主题教育",
            "  countermeasures 工作要求",
            "    提高认识 / 统一思想。",
            "  countermeasures 三个环节注意方面",
            "    学习教育 / 抓好理论学习。",
            "    查摆问题 / 对照检查。",
            "    整改落实 / ",
            "  countermeasures 工作要求（续）",
            "    健全机制 / 建章立制。",
            "    强化考核 / 奖优罚劣。",
            "  problems 存在的问题",
            "    走过场 / ",
        ],
    ),
    "first-point": (  # nothing before it: the points after it keep the section's own heading
        0,
        [
            "主题教育",
            "  countermeasures 提高认识",
            "    学习教育 / 抓好理论学习。",
            "    查摆问题 / 对照检查。",
            "    整改落实 / ",
            "  countermeasures 工作要求",
            "    三个环节注意方面 / 第一环节：学习教育…；第二环节：查摆问题…；第三环节：整改落实…",
            "    健全机制 / 建章立制。",
            "    强化考核 / 奖优罚劣。",
            "  problems 存在的问题",
            "    走过场 / ",
        ],
    ),
    "last-point": (  # nothing after it: no continuation
        3,
        [
            "主题教育",
            "  countermeasures 工作要求",
            "    提高认识 / 统一思想。",
            "    三个环节注意方面 / 第一环节：学习教育…；第二环节：查摆问题…；第三环节：整改落实…",
            "    健全机制 / 建章立制。",
            "  countermeasures 强化考核",
            "    学习教育 / 抓好理论学习。",
            "    查摆问题 / 对照检查。",
            "    整改落实 / ",
            "  problems 存在的问题",
            "    走过场 / ",
        ],
    ),
}


@pytest.mark.parametrize(("p", "expected"), EXPANDED.values(), ids=EXPANDED.keys())
def test_expand_point_makes_a_section_of_the_items(p: int, expected: list[str]) -> None:
    from trainer.core.cards import section_keys

    deck = _listed()
    after = ed.expand_point(deck, 0, 0, p, ITEMS)
    assert outline(after) == expected
    old = {q.id: q for _, _, q in deck.points()}
    kept = [q for _, _, q in after.points() if q.id in old]
    assert [q.id for q in kept] == [q.id for i, (_, _, q) in enumerate(deck.points()) if i != p]  # order and ids
    assert all(q == old[q.id] for q in kept)
    new = [q for _, _, q in after.points() if q.id not in old]
    assert [q.head for q in new] == [h for h, _ in ITEMS]
    assert len({q.id for q in new}) == 3 and all(q.line == deck.points()[p][2].line for q in new)
    keys = section_keys(after)
    assert len(set(keys)) == len(keys)  # one list card per section
    assert outline(deck) == outline(_listed())  # the value edited is left as it was: undo is the old value


def test_expand_the_only_point_replaces_its_section() -> None:
    after = ed.expand_point(_listed(), 0, 1, 0, [("形式主义", "材料多。"), ("官僚主义", "")])
    assert outline(after)[-3:] == ["  problems 走过场", "    形式主义 / 材料多。", "    官僚主义 / "]
    assert [s.heading for s in after.topics[0].sections] == ["工作要求", "走过场"]


def test_expand_gives_new_sections_headings_no_other_section_of_their_kind_has() -> None:
    from trainer.core.cards import section_keys

    deck = _listed()
    # The topic has a 「提高认识」 countermeasures section and a 「工作要求（续）」 already.
    topic = deck.topics[0]
    extra = (Section(C, "提高认识", (Point("x1", "甲"),)), Section(C, "工作要求（续）", (Point("x2", "乙"),)))
    deck = Deck(deck.name, (Topic(topic.title, (*topic.sections, *extra)),))
    deck = ed.move_point(deck, 0, 0, 0, 1)[0]  # 提高认识 second, so points come before and after it
    after = ed.expand_point(deck, 0, 0, 1, ITEMS)
    headings = [s.heading for s in after.topics[0].sections]
    assert headings[:3] == ["工作要求", "提高认识 2", "工作要求（续） 2"]
    keys = section_keys(after)
    assert len(set(keys)) == len(keys)


def test_expand_items_with_a_long_head_are_marked_long() -> None:
    long = "把学习教育贯穿始终，做到学思用贯通、知信行统一，真正学懂弄通做实"
    after = ed.expand_point(_listed(), 0, 0, 1, [(long, ""), ("查摆问题", "")])
    assert [q.long_head for q in after.topics[0].sections[1].points] == [True, False]


@pytest.mark.parametrize("items", [[], [("只有一项", "说明。")], [("一项", ""), ("  ", "空的要点不算")]])
def test_expand_a_point_whose_body_holds_no_list_is_refused(items) -> None:
    with pytest.raises(ed.EditError, match="holds no list"):
        ed.expand_point(_listed(), 0, 0, 1, items)


@pytest.mark.parametrize(
    ("body", "heads"),
    [
        (
            "一是加强领导，落实责任，二是完善制度，健全机制，三是强化监督，严肃问责。",
            ["加强领导", "完善制度", "强化监督"],
        ),
        (
            "第一环节：学习教育，抓好理论学习；第二环节：查摆问题，对照检查；第三环节：整改落实，建立台账。",
            ["第一环节", "第二环节", "第三环节"],
        ),
        (
            "1.不少村的互助幸福院只挂了牌子。\n2.乡镇敬老院设备老旧。",
            ["不少村的互助幸福院只挂了牌子", "乡镇敬老院设备老旧"],
        ),
        ("人员紧缺，编制长期空缺。", []),  # a sentence
        ("", []),
        # paragraphs of prose: what the builder takes as points for want of a list is not a list
        (
            "这是一段相当长的论述文字，讲的是基层治理的种种情况。\n\n这是另一段相当长的论述文字，讲的是改革的各项要求。\n\n第三段同样很长的论述文字，讲的是未来的发展方向。",
            [],
        ),
        # lists under headings of their own: one section would lose 学习 and 查摆
        ("一、学习\n1.读原文。\n2.悟原理。\n二、查摆\n1.找差距。\n2.抓落实。", []),
    ],
    ids=["yi-shi", "huanjie", "numbered-lines", "sentence", "empty", "prose", "two-headed-lists"],
)
def test_list_items_are_the_lists_a_body_holds_as_the_builder_reads_them(body: str, heads: list[str]) -> None:
    from trainer.services.outline_draft import list_items

    items = list_items(body)
    assert [h for h, _ in items] == heads
    if heads == ["加强领导", "完善制度", "强化监督"]:
        assert [b for _, b in items] == ["落实责任", "健全机制", "严肃问责。"]
