"""Text from decks, documents and packages made inert for a terminal: no control codes, no escape
sequences, no bidirectional controls; pure, no I/O.

Deck text is data. A head holding `ESC ] 0 ; title BEL` would retitle the learner's terminal, and one
holding CSI sequences would move the cursor or recolour the screen, wherever it is printed. So every
text is cleaned once where it enters trainer (a document decoded, a deck file read, a package or CSV
imported): whole ANSI/OSC/DCS sequences are dropped, then every other C0/C1 control character and DEL.
Line feeds and tabs stay; CR LF, lone CRs and the other line separators become line feeds. Rich/Textual markup (`[bold]`) is
not touched here: it is harmless text, and the screens and tables show it as text (never as markup).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from trainer.core.model import Deck

# Every pattern is linear: single character classes with no nested or overlapping quantifiers.
# CSI (ESC [ or the C1 byte 0x9b): parameters, intermediates, one final byte.
_CSI = r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"
# OSC, DCS, SOS, PM, APC (7-bit and C1 forms): up to the string terminator (BEL, ESC \ or ST) or the end.
_STRING = r"(?:\x1b[\]P^_X]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
# Any other escape: ESC and the one character after it (ESC c resets the terminal, ESC 7 saves the cursor ...).
_ESC = r"\x1b[\x20-\x7e]?"
# Bidirectional controls (embeddings, overrides, isolates, marks) reorder what the terminal shows:
# `审批\u202e流程` reads backwards on screen. Chinese text never needs them.
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_CONTROL = f"[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f{_BIDI}]"
_UNSAFE = re.compile(f"{_STRING}|{_CSI}|{_ESC}|{_CONTROL}")
# Line ends other than LF (CR LF, CR, and the separators `str.splitlines` breaks at: VT, FF, FS-RS, NEL).
_NEWLINES = re.compile(r"\r\n?|[\x0b\x0c\x1c-\x1e\x85]")
# What can hold an unsafe character once parsed: a raw control character, or a YAML/JSON escape.
_MAYBE_UNSAFE = re.compile(f"[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f{_BIDI}\\\\]")


def clean_text(text: str) -> str:
    """`text` without terminal control: escape sequences and control characters dropped, line ends -> LF."""
    if text.isprintable():  # the common case, checked in C: no control character at all
        return text
    return _UNSAFE.sub("", _NEWLINES.sub("\n", text))


def may_need_cleaning(raw: str) -> bool:
    """False when `raw` (a file's text) can give no unsafe character however it is parsed."""
    return _MAYBE_UNSAFE.search(raw) is not None


_ANY_CONTROL = re.compile(_CONTROL)
_SEQUENCE = re.compile(f"{_STRING}|{_CSI}|{_ESC}")
_STRAY = re.compile(r"[\x00-\x08\x0e-\x1f]")


def stray_controls(text: str) -> int:
    """C0 control characters (but tab and line ends) in `text` outside whole terminal escape
    sequences: text copied from a terminal (colours, a title) has none; a binary file read as text has many."""
    if text.isprintable():
        return 0
    return len(_STRAY.findall(_SEQUENCE.sub("", text)))


def _texts(deck: Deck) -> list[str]:
    texts = [deck.name, *deck.sources]
    for t in deck.topics:
        texts += (t.title, t.subtitle)
        for s in t.sections:
            texts.append(s.heading)
            texts += [x for p in s.points for x in (p.head, p.body)]
    return texts


def clean_deck(deck: Deck) -> Deck:
    """The deck with every text cleaned (name, sources, titles, subtitles, headings, heads, bodies); the same
    deck, at the cost of one C-level search per text, when there is nothing to clean."""
    if not any(_ANY_CONTROL.search(text) for text in _texts(deck)):
        return deck
    topics = tuple(
        replace(
            t,
            title=clean_text(t.title),
            subtitle=clean_text(t.subtitle),
            sections=tuple(
                replace(
                    s,
                    heading=clean_text(s.heading),
                    points=tuple(replace(p, head=clean_text(p.head), body=clean_text(p.body)) for p in s.points),
                )
                for s in t.sections
            ),
        )
        for t in deck.topics
    )
    return replace(deck, name=clean_text(deck.name), sources=tuple(clean_text(s) for s in deck.sources), topics=topics)
