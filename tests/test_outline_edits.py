"""The outline screen's edits as pure functions on a Deck (trainer.core.outline_edits), table-driven."""

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
