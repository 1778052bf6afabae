"""Turning 申论 documents into typed decks: text in, Deck out; no file I/O, no clock, no UI."""

from __future__ import annotations

from trainer.model import Deck


def decode(data: bytes, *, source: str = "") -> str:
    """Decode a document's bytes (UTF-8 with or without BOM, GB18030/GBK, UTF-16) to text."""
    raise NotImplementedError


def parse_document(text: str, *, source: str = "") -> Deck:
    """Parse one document into a deck of topics, sections and points."""
    raise NotImplementedError
