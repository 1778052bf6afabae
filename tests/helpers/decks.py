"""Big decks of realistic shape for the reliability tests: many topics of a few short sections."""

from __future__ import annotations

from trainer.core.model import Deck, Point, Section, SectionKind, Topic, point_id


def big_deck(name: str, cards: int, *, per_section: int = 8) -> Deck:
    """A deck of at least `cards` head cards, in topics of one problems section of `per_section` points."""
    topics = []
    for t in range(-(-cards // per_section)):
        title = f"{name}专题{t + 1}"
        heads = [f"{name}{t + 1}第{i + 1}条加强基层治理" for i in range(per_section)]
        points = tuple(
            Point(id=point_id(title, SectionKind.PROBLEMS, h), head=h, body=f"{h}的说明，便民服务中心人员紧缺。")
            for h in heads
        )
        topics.append(Topic(title=title, sections=(Section(SectionKind.PROBLEMS, "存在的问题", points),)))
    return Deck(name=name, sources=(f"{name}.txt",), topics=tuple(topics))
