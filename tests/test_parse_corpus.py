"""Table-driven parser tests: every `tests/corpus/NAME.txt` against `NAME.expected.yaml`."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.fixtures.outline import expected_outline, outline_of
from trainer.errors import DocumentError
from trainer.parse import decode, parse_document

CORPUS = Path(__file__).parent / "corpus"
CASES = sorted(p.name.removesuffix(".expected.yaml") for p in CORPUS.glob("*.expected.yaml"))


def _load(name: str) -> tuple[str, dict[str, object]]:
    expected = yaml.safe_load((CORPUS / f"{name}.expected.yaml").read_text(encoding="utf-8"))
    text = decode((CORPUS / f"{name}.txt").read_bytes(), source=f"{name}.txt")
    return text, expected


def test_corpus_is_large_and_paired() -> None:
    texts = {p.stem for p in CORPUS.glob("*.txt")}
    assert texts == set(CASES)
    assert len(CASES) >= 40


@pytest.mark.parametrize("name", CASES, ids=CASES)
def test_outline(name: str) -> None:
    text, expected = _load(name)
    if expected.get("error"):
        with pytest.raises(DocumentError, match="no numbered points or sections"):
            parse_document(text, source=f"{name}.txt")
        return
    deck = parse_document(text, source=f"{name}.txt")
    assert outline_of(deck) == expected_outline(expected)
    assert deck.name == expected.get("deck", deck.name)
    assert deck.sources == (f"{name}.txt",)


@pytest.mark.parametrize("name", CASES, ids=CASES)
def test_heads_bodies_and_flags(name: str) -> None:
    text, expected = _load(name)
    if expected.get("error"):
        return
    deck = parse_document(text, source=f"{name}.txt")
    points = {p.head: p for _, _, p in deck.points()}
    long_heads = set(expected.get("long_heads") or [])
    for head, point in points.items():
        assert point.long_head == (head in long_heads), head
        assert point.line > 0
    bodies = expected.get("bodies") or {}
    assert isinstance(bodies, dict)
    for head, body in bodies.items():
        assert points[head].body == body
