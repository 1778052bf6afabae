"""Cards derived from a deck's points, pure: points in, cloze cards out; no I/O, no storage, no UI."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from trainer.core.cloze import (
    MANUAL,
    SLOGAN,
    blank,
    cells,
    fit_names,
    hide,
    key_part,
    length_hint,
    mnemonic,
    part_key,
    plain,
    short_heading,
)
from trainer.core.model import Deck, Point, Section, SectionKind, Topic, section_id

CONTEXT_CELLS = 64  # the context line leaves room for the review screen's `  ·  剩余 N` at 80 columns


class CardKind(StrEnum):
    """The kinds of card a point, a section or a topic gives."""

    HEAD = "head"  # one point: its head (or, for a long head, a key part of it) blanked, the body shown
    LIST = "list"  # one section: every head, in order
    OVERLAP = "overlap"  # point k blanked, point k-1's head shown as the cue
    SLOGAN = "slogan"  # one “quoted slogan” in a point's body blanked
    PAIR = "pair"  # a problem's head shown, its matching countermeasure's head asked
    CLOZE = "cloze"  # a {{manual cloze}} written into a body


ALL_KINDS: tuple[CardKind, ...] = tuple(CardKind)


@dataclass(frozen=True, slots=True)
class Card:
    """One card, ready to show.

    Attributes:
        key: Stable identity within a deck: `<point id>:<kind>[:<part>]` or `<section id>:list`;
            a pair card's part is the section id of the problems list it pairs with.
        kind: What the card asks for.
        point_ids: The points this card tests (siblings share a point).
        topic: The topic title.
        heading: The section heading.
        ordinal: k in 第k点 (0 for a list card).
        count: n in 共n点.
        prompt: The question, with blanks shown as ［＿＿］ gaps sized to the answer.
        answers: What the learner must recall, in order.
        body: The elaboration shown with the answer (manual cloze marks removed).
        section_key: The stable id of the section the card belongs to.
        hint: A cue offered on request: the 口诀 of first characters for a list card, a
            learner's own hint for a manual cloze, else the answer's length (`共7字`).
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
    hint: str = ""

    @property
    def position(self) -> str:
        """第k点/共n点 for a point card, 共n点 for a list card."""
        return f"第{self.ordinal}点/共{self.count}点" if self.ordinal else f"共{self.count}点"

    def context(self, deck: str = "") -> str:
        """The context line: deck › topic › section › 第k点/共n点 (the deck left out when the topic has its name)."""
        parts = [deck] if deck and deck != self.topic else []
        heading = short_heading(self.heading)
        # A section named after its topic (`国家政策 › 国家政策`) is said once.
        names = [*parts, self.topic, *([heading] if heading != self.topic else [])]
        budget = CONTEXT_CELLS - cells(self.position) - 3 * len(names)
        return " › ".join([*fit_names(names, budget), self.position])

    @property
    def answer(self) -> str:
        """The answer as one text: the head, or the numbered heads of a list."""
        if self.kind is CardKind.LIST:
            return "\n".join(f"{i}. {a}" for i, a in enumerate(self.answers, 1))
        return "\n".join(self.answers)


def head_key(point_id: str) -> str:
    """The key of a point's head cloze card."""
    return f"{point_id}:head"


def list_key(section_key: str) -> str:
    """The key of a section's list card."""
    return f"{section_key}:list"


def paired_section(key: str) -> str | None:
    """For a pair card's key, the section id of the problems list it pairs with; else None."""
    parts = key.split(":")
    return parts[2] if len(parts) == 3 and parts[1] == CardKind.PAIR else None


def point_of(key: str, kind: str) -> str:
    """The point a card tests, from its key; "" for a list card, which tests every point of its section."""
    return "" if kind == CardKind.LIST else key.split(":", 1)[0]


@dataclass(frozen=True, slots=True)
class _Where:
    topic: str
    section: Section
    section_key: str

    def card(self, point: Point, k: int, **fields: object) -> Card:
        return Card(
            point_ids=(point.id,),
            topic=self.topic,
            heading=self.section.heading,
            ordinal=k,
            count=len(self.section.points),
            section_key=self.section_key,
            **fields,  # type: ignore[arg-type]
        )


def _head_card(where: _Where, point: Point, k: int) -> Card:
    body = plain(point.body)
    tail = f"\n{body}" if body else ""
    if point.long_head:
        part = key_part(point.head)
        return where.card(
            point,
            k,
            key=head_key(point.id),
            kind=CardKind.HEAD,
            prompt=hide(point.head + tail, part),
            answers=(part,),
            body=body,
            hint=length_hint(part),
        )
    return where.card(
        point,
        k,
        key=head_key(point.id),
        kind=CardKind.HEAD,
        prompt=blank(point.head) + hide(tail, point.head),
        answers=(point.head,),
        body=body,
        hint=length_hint(point.head),
    )


def _recall(point: Point) -> tuple[str, str]:
    """What a card asks of a point (its head, or a long head's key part) and the head as shown then:
    a blank over the head, or the long head with only its key part blanked, never a blank over a
    whole sentence citing a policy."""
    if point.long_head:
        part = key_part(point.head)
        return part, hide(point.head, part)
    return point.head, blank(point.head)


def _overlap_card(where: _Where, previous: Point, point: Point, k: int) -> Card:
    answer, shown = _recall(point)
    prompt = f"第{k - 1}点：{previous.head}\n第{k}点：{shown}"
    return where.card(
        point,
        k,
        key=f"{point.id}:overlap",
        kind=CardKind.OVERLAP,
        prompt=prompt,
        answers=(answer,),
        body=plain(point.body),
        hint=length_hint(answer),
    )


def _slogan_cards(where: _Where, point: Point, k: int) -> list[Card]:
    body = plain(point.body)
    cards, seen = [], set()
    for m in SLOGAN.finditer(body):
        slogan = m.group(1)
        if slogan in seen:
            continue
        seen.add(slogan)
        prompt = hide(f"{point.head}\n{body}", slogan)
        cards.append(
            where.card(
                point,
                k,
                key=f"{point.id}:slogan:{part_key(slogan)}",
                kind=CardKind.SLOGAN,
                prompt=prompt,
                answers=(slogan,),
                body=body,
                hint=length_hint(slogan),
            )
        )
    return cards


def _manual_cards(where: _Where, point: Point, k: int) -> list[Card]:
    matches = list(MANUAL.finditer(point.body))
    cards = []
    for m in matches:
        answer, hint = m.group(1), (m.group(2) or "").strip()
        before, after = plain(point.body[: m.start()]), plain(point.body[m.end() :])
        gap = blank(answer, hint)
        prompt = hide(f"{point.head}\n{before}", answer, gap) + gap + hide(after, answer, gap)
        cards.append(
            where.card(
                point,
                k,
                key=f"{point.id}:cloze:{part_key(answer)}",
                kind=CardKind.CLOZE,
                prompt=prompt,
                answers=(answer,),
                body=plain(point.body),
                hint=hint,
            )
        )
    return cards


def _list_card(where: _Where) -> Card:
    section = where.section
    recall = [_recall(p) for p in section.points]
    heads = tuple(answer for answer, _ in recall)
    n = len(heads)
    prompt = f"按顺序说出「{short_heading(section.heading)}」的{n}点：\n" + "\n".join(
        f"{i}. {shown}" for i, (_, shown) in enumerate(recall, 1)
    )
    return Card(
        key=list_key(where.section_key),
        kind=CardKind.LIST,
        point_ids=tuple(p.id for p in section.points),
        topic=where.topic,
        heading=section.heading,
        ordinal=0,
        count=n,
        prompt=prompt,
        answers=heads,
        section_key=where.section_key,
        hint=mnemonic(heads),
    )


def cards_for_section(topic: Topic | str, section: Section, kinds: Iterable[CardKind] = ALL_KINDS) -> list[Card]:
    """The cards of one section: per point a head cloze (plus overlap, slogan and manual clozes),
    and a list card when the section has two or more points.
    """
    title = topic if isinstance(topic, str) else topic.title
    want = frozenset(kinds)
    where = _Where(title, section, section_id(title, section.kind, section.heading))
    cards: list[Card] = []
    previous: Point | None = None
    for k, point in enumerate(section.points, 1):
        if CardKind.HEAD in want:
            cards.append(_head_card(where, point, k))
        if CardKind.OVERLAP in want and previous is not None:
            cards.append(_overlap_card(where, previous, point, k))
        if CardKind.SLOGAN in want:
            cards += _slogan_cards(where, point, k)
        if CardKind.CLOZE in want:
            cards += _manual_cards(where, point, k)
        previous = point
    if CardKind.LIST in want and len(section.points) >= 2:
        cards.append(_list_card(where))
    return cards


def _pairs(topic: Topic) -> list[tuple[Section, Section]]:
    problems = [s for s in topic.sections if s.kind is SectionKind.PROBLEMS and len(s.points) >= 2]
    answers = [s for s in topic.sections if s.kind is SectionKind.COUNTERMEASURES and len(s.points) >= 2]
    pairs: list[tuple[Section, Section]] = []
    # Positions by identity: `sections.index` compares whole sections, n^2 deep comparisons on a long topic.
    position = {id(s): i for i, s in enumerate(topic.sections)}
    for p in problems:
        # The first countermeasure list after this problem list with as many points answers it.
        after = [c for c in answers if position[id(c)] > position[id(p)]]
        match = next((c for c in after if len(c.points) == len(p.points)), None)
        if match is not None and all(match is not q for _, q in pairs):
            pairs.append((p, match))
    return pairs


def pair_cards(topic: Topic) -> list[Card]:
    """Problem ↔ countermeasure cards, where a problems list and a later countermeasures list of the
    same topic match one to one: the problem's head is shown and its countermeasure's head asked.
    """
    cards = []
    for problems, measures in _pairs(topic):
        where = _Where(topic.title, measures, section_id(topic.title, measures.kind, measures.heading))
        problems_key = section_id(topic.title, problems.kind, problems.heading)
        for k, (problem, measure) in enumerate(zip(problems.points, measures.points, strict=True), 1):
            answer, shown = _recall(measure)
            prompt = f"问题：{problem.head}\n对策：{shown}"
            key = f"{measure.id}:pair:{problems_key}"
            cards.append(
                where.card(
                    measure,
                    k,
                    key=key,
                    kind=CardKind.PAIR,
                    prompt=prompt,
                    answers=(answer,),
                    body=plain(measure.body),
                    hint=length_hint(answer),
                )
            )
    return cards


def cards_for_topic(topic: Topic, kinds: Iterable[CardKind] = ALL_KINDS) -> list[Card]:
    """Every card of one topic, in document order, pair cards last."""
    want = tuple(kinds)
    cards = [c for s in topic.sections for c in cards_for_section(topic, s, want)]
    if CardKind.PAIR in want:
        cards += pair_cards(topic)
    return cards


def deck_kinds(deck: Deck) -> tuple[CardKind, ...]:
    """The card kinds a deck asks for with its optional `cards:` key (default: every kind)."""
    chosen = deck.settings.get("cards")
    if not isinstance(chosen, list):
        return ALL_KINDS
    return tuple(k for k in ALL_KINDS if k.value in {str(c) for c in chosen})


def cards_for_deck(deck: Deck) -> list[Card]:
    """Every card of a deck, in document order."""
    kinds = deck_kinds(deck)
    return [c for t in deck.topics for c in cards_for_topic(t, kinds)]


CardRef = tuple[str, CardKind, str]


def section_keys(deck: Deck) -> list[str]:
    """The stable id of every section of a deck, in order."""
    return [section_id(t.title, s.kind, s.heading) for t in deck.topics for s in t.sections]


def card_refs(deck: Deck, keys: Sequence[str] | None = None) -> list[CardRef]:
    """(key, kind, section key) of every card of a deck, as `cards_for_deck` gives them, in its order.

    What a sync needs to match cards, without building any prompt or answer text (a deck of 100k
    points: 0.4 s here against 2.2 s for the cards themselves).

    Args:
        deck: The deck.
        keys: `section_keys(deck)`, when the caller has them already (they cost a quarter of the time).
    """
    want = frozenset(deck_kinds(deck))
    head, overlap, slogan = CardKind.HEAD in want, CardKind.OVERLAP in want, CardKind.SLOGAN in want
    cloze, listed, paired = CardKind.CLOZE in want, CardKind.LIST in want, CardKind.PAIR in want
    ids = iter(section_keys(deck) if keys is None else keys)
    out: list[CardRef] = []
    add = out.append
    for topic in deck.topics:
        topic_keys: dict[int, str] = {}
        for section in topic.sections:
            skey = topic_keys[id(section)] = next(ids)
            first = True
            for point in section.points:
                pid, body = point.id, point.body
                if head:
                    add((pid + ":head", CardKind.HEAD, skey))
                if overlap and not first:
                    add((pid + ":overlap", CardKind.OVERLAP, skey))
                first = False
                if slogan and "“" in body:  # cheap test first: most bodies quote nothing
                    seen: set[str] = set()
                    for found in SLOGAN.findall(plain(body) if "{{" in body else body):
                        if found not in seen:
                            seen.add(found)
                            add((f"{pid}:slogan:{part_key(found)}", CardKind.SLOGAN, skey))
                if cloze and "{{" in body:
                    for m in MANUAL.finditer(body):
                        add((f"{pid}:cloze:{part_key(m.group(1))}", CardKind.CLOZE, skey))
            if listed and len(section.points) >= 2:
                add((list_key(skey), CardKind.LIST, skey))
        if paired:
            for problems, measures in _pairs(topic):
                skey, problems_key = topic_keys[id(measures)], topic_keys[id(problems)]
                for measure in measures.points:  # as many as the problems: `_pairs` matched them so
                    add((f"{measure.id}:pair:{problems_key}", CardKind.PAIR, skey))
    return out
