"""Typed-answer checking, pure: fold width and punctuation, diff by character, suggest a grade; no UI."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher
from enum import StrEnum


class Mark(StrEnum):
    """How one character of the diff compares."""

    SAME = "same"  # typed and expected
    MISSING = "missing"  # expected but not typed
    EXTRA = "extra"  # typed but not expected


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of characters with the same mark."""

    mark: Mark
    text: str


@dataclass(frozen=True, slots=True)
class Comparison:
    """The result of checking one typed answer against the expected one.

    Attributes:
        typed: What the learner typed, as typed.
        expected: The expected answer, as stored.
        diff: Character runs over the folded texts, in reading order.
        similarity: 0.0 (nothing in common) to 1.0 (equal once folded).
        grade: The suggested SM-2 grade, 0–5.
    """

    typed: str
    expected: str
    diff: tuple[Segment, ...]
    similarity: float
    grade: int

    @property
    def exact(self) -> bool:
        """True when the answer matches once width and punctuation are folded."""
        return self.similarity == 1.0


def fold(text: str) -> str:
    """Fold text for comparison: NFKC (full/half width), drop punctuation, symbols and spaces, lower case."""
    out = []
    for ch in unicodedata.normalize("NFKC", text):
        cat = unicodedata.category(ch)
        if cat[0] in "PZSC":
            continue
        out.append(ch.lower())
    return "".join(out)


# Similarity floors for each suggested grade, highest first (grade 5 needs an exact match).
GRADE_FLOORS: tuple[tuple[float, int], ...] = ((0.9, 4), (0.75, 3), (0.5, 2), (0.0001, 1))


def grade_for(similarity: float) -> int:
    """The suggested grade for a similarity: 5 exact, 4 from 0.9, 3 from 0.75, 2 from 0.5, 1 above 0, else 0."""
    if similarity >= 1.0:
        return 5
    for floor, grade in GRADE_FLOORS:
        if similarity >= floor:
            return grade
    return 0


def char_diff(typed: str, expected: str) -> tuple[Segment, ...]:
    """Character-level diff of two (already folded) texts as runs of SAME, MISSING and EXTRA."""
    segments: list[Segment] = []

    def add(mark: Mark, text: str) -> None:
        if not text:
            return
        if segments and segments[-1].mark is mark:
            segments[-1] = Segment(mark, segments[-1].text + text)
        else:
            segments.append(Segment(mark, text))

    matcher = SequenceMatcher(None, typed, expected, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            add(Mark.SAME, expected[j1:j2])
        else:
            # Show what was typed wrong before what was expected, like a teacher's correction.
            add(Mark.EXTRA, typed[i1:i2])
            add(Mark.MISSING, expected[j1:j2])
    return tuple(segments)


def similarity(typed: str, expected: str) -> float:
    """Similarity of two folded texts: 2·matches / total length (1.0 when both are empty)."""
    if not typed and not expected:
        return 1.0
    return SequenceMatcher(None, typed, expected, autojunk=False).ratio()


def compare(typed: str, expected: str) -> Comparison:
    """Check a typed answer: width and punctuation differences never count against the learner."""
    a, b = fold(typed), fold(expected)
    if not a:
        return Comparison(typed, expected, (Segment(Mark.MISSING, b),) if b else (), 0.0, 0)
    sim = similarity(a, b)
    return Comparison(typed, expected, char_diff(a, b), sim, grade_for(sim))


def combined_grade(grades: list[int]) -> int:
    """One grade for a list card from its points' grades: the weakest point decides (0 for no points)."""
    return min(grades) if grades else 0
