"""How sure the builder is of each section it found, and the prose fallback; no structure finding."""

from __future__ import annotations

from dataclasses import dataclass

from trainer.model import SectionKind
from trainer.parse.heads import split_head
from trainer.parse.paragraphs import Para
from trainer.parse.structure import PointDraft, SectionDraft, TopicDraft
from trainer.parse.vocab import heads_kind

LOW = 0.6  # a section below this is listed in the warnings
PROSE_MIN = 12  # a paragraph shorter than this is a heading or a stray line, not an argument
PROSE_MAX_UNBROKEN = 200  # a paragraph this long without one sentence mark is not prose
_SENTENCE = "。！？；，!?;,"

# (how the section was found, how sure that makes the builder): a heading that names the section,
# a prose lead before a list, a list under no heading, paragraphs taken as points for want of a list.
_HOW = {"heading": 1.0, "lead": 0.9, "untitled": 0.8, "prose": 0.3}


@dataclass(frozen=True, slots=True)
class SectionNote:
    """What the builder knows about one section of the deck, in deck order."""

    topic: str
    heading: str
    kind: SectionKind
    points: int
    confidence: float
    why: str

    @property
    def low(self) -> bool:
        """True when the learner should check this section."""
        return self.confidence < LOW


def _succession(points: list[PointDraft]) -> tuple[float, str]:
    ordinals = [p.ordinal for p in points]
    if len(points) == 1:
        return 0.6, "one point"
    if not any(ordinals):
        return 0.9, "unnumbered"
    if ordinals == list(range(1, len(ordinals) + 1)):
        return 1.0, "complete succession"
    if ordinals[-1] == 99 and ordinals[:-1] == list(range(1, len(ordinals))):
        return 1.0, "complete succession"  # 首先 … 最后
    if len(set(ordinals)) < len(ordinals):
        return 0.5, "numbers repeat"
    return 0.7, "numbers skip"


def note_for(topic: str, section: SectionDraft) -> SectionNote:
    """The note for one drafted section: how it was found times how complete its succession is."""
    found = _HOW.get(section.how, 0.8)
    succession, why = _succession(section.points)
    kind_factor = 0.9 if section.kind is SectionKind.OTHER and section.how != "prose" else 1.0
    reason = "paragraphs taken as points (no list found)" if section.how == "prose" else f"{section.how}, {why}"
    confidence = round(found * succession * kind_factor, 2)
    return SectionNote(topic, section.heading, section.kind, len(section.points), confidence, reason)


def prose_topic(paras: list[Para], title: str) -> TopicDraft | None:
    """Never nothing: a document with no list gives its paragraphs of prose as points, lead clause as
    head, in one section of kind other; None when no paragraph of prose is left."""
    points = []
    for para in paras:
        text = para.text.strip()
        if len(text) < PROSE_MIN or (len(text) > PROSE_MAX_UNBROKEN and not any(c in text for c in _SENTENCE)):
            continue
        if not any(c in text for c in _SENTENCE):
            continue  # a line without one sentence mark is a heading or a caption
        head, body, long_head = split_head(text)
        if head:
            points.append(PointDraft(head, body, long_head, para.lineno))
    if not points:
        return None
    kind = heads_kind([p.head for p in points])
    return TopicDraft(title, "", [SectionDraft(kind, title, points, "prose")])
