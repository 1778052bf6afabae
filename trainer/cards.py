"""Cards derived from a deck's points, pure: points in, cloze cards out; no I/O, no storage, no UI."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from trainer.model import Deck, Section, Topic, section_id

BLANK_OPEN, BLANK_FILL, BLANK_CLOSE = "［", "　", "］"


class CardKind(StrEnum):
    """The kinds of card a point or a section gives."""

    HEAD = "head"  # one point: its head blanked, its body shown
    LIST = "list"  # one section: every head, in order


@dataclass(frozen=True, slots=True)
class Card:
    """One card, ready to show.

    Attributes:
        key: Stable identity within a deck: `<point id>:head` or `<section id>:list`.
        kind: What the card asks for.
        point_ids: The points this card tests (siblings share a point).
        topic: The topic title.
        heading: The section heading.
        ordinal: k in 第k点 (0 for a list card).
        count: n in 共n点.
        prompt: The question, with blanks shown as ［　　］ gaps sized to the answer.
        answers: What the learner must recall, in order.
        body: The elaboration shown with the answer.
        section_key: The stable id of the section the card belongs to.
    """

    key: str
    kind: CardKind
    point_ids: tuple[str, ...]
    topic: str
    heading: str
    ordinal: int
    count: int
    prompt: str
    answers: tuple[str, ...]
    body: str = ""
    section_key: str = ""

    @property
    def position(self) -> str:
        """第k点/共n点 for a point card, 共n点 for a list card."""
        return f"第{self.ordinal}点/共{self.count}点" if self.ordinal else f"共{self.count}点"

    def context(self, deck: str = "") -> str:
        """The context line: deck › topic › section › 第k点/共n点."""
        parts = [deck] if deck else []
        return " › ".join([*parts, self.topic, self.heading, self.position])

    @property
    def answer(self) -> str:
        """The answer as one text: the head, or the numbered heads of a list."""
        if self.kind is CardKind.LIST:
            return "\n".join(f"{i}. {a}" for i, a in enumerate(self.answers, 1))
        return self.answers[0]


def blank(answer: str) -> str:
    """A gap as wide as the answer: ［　　　　］, one full-width space per character."""
    return f"{BLANK_OPEN}{BLANK_FILL * max(len(answer), 2)}{BLANK_CLOSE}"


def head_key(point_id: str) -> str:
    """The key of a point's head cloze card."""
    return f"{point_id}:head"


def list_key(section_key: str) -> str:
    """The key of a section's list card."""
    return f"{section_key}:list"


def cards_for_section(topic: Topic | str, section: Section) -> list[Card]:
    """Every card of one section: a head cloze per point, and a list card when it has 2+ points."""
    title = topic if isinstance(topic, str) else topic.title
    n = len(section.points)
    skey = section_id(title, section.kind, section.heading)
    cards = []
    for k, point in enumerate(section.points, 1):
        tail = f"\n{point.body}" if point.body else ""
        cards.append(
            Card(
                key=head_key(point.id),
                kind=CardKind.HEAD,
                point_ids=(point.id,),
                topic=title,
                heading=section.heading,
                ordinal=k,
                count=n,
                prompt=f"{blank(point.head)}{tail}",
                answers=(point.head,),
                body=point.body,
                section_key=skey,
            )
        )
    if n >= 2:
        heads = tuple(p.head for p in section.points)
        cards.append(
            Card(
                key=list_key(skey),
                kind=CardKind.LIST,
                point_ids=tuple(p.id for p in section.points),
                topic=title,
                heading=section.heading,
                ordinal=0,
                count=n,
                prompt=f"按顺序说出「{section.heading}」的{n}点：\n"
                + "\n".join(f"{i}. {blank(h)}" for i, h in enumerate(heads, 1)),
                answers=heads,
                section_key=skey,
            )
        )
    return cards


def cards_for_deck(deck: Deck) -> list[Card]:
    """Every card of a deck, in document order."""
    return [c for t in deck.topics for s in t.sections for c in cards_for_section(t, s)]
