"""Cloze text, pure: blanks sized to their answer, the key part of a long head, slogans and hand-written
{{cloze}} marks; no I/O, no card assembly (that is `trainer.core.cards`)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

from trainer.core.model import normalize_key

# The fill is a visible full-width low line, not an ideographic space: terminals (and Textual) wrap
# at spaces, which split a blank across lines.
BLANK_OPEN, BLANK_FILL, BLANK_CLOSE = "［", "＿", "］"

# Slogans learners must recall word for word: “网上办、马上办、就近办、一次办”.
SLOGAN = re.compile(r"“([^“”\n]{2,20})”")
# A cloze the learner wrote into a body by hand: {{text}} or {{text::hint}}. Linear in the text: the text
# and the hint hold no `{{`, `}}` or line break (nor the text `::`), and `++`/`*+` never backtrack, so a
# body of many unclosed `{{` is read in one pass instead of once per `{{`.
MANUAL = re.compile(r"\{\{((?:[^{}:\n]|:(?!:)|\{(?!\{)|\}(?!\}))++)(?:::((?:[^{}\n]|\{(?!\{)|\}(?!\}))*+))?\}\}")
CLAUSE = re.compile(r"[，,；;：:]")


def blank(answer: str, hint: str = "") -> str:
    """A gap as wide as the answer: ［　　　　］, one full-width ＿ per character (or the hint)."""
    inner = f"{hint}…" if hint else BLANK_FILL * max(len(answer), 2)
    return f"{BLANK_OPEN}{inner}{BLANK_CLOSE}"


def plain(text: str) -> str:
    """Text with manual cloze marks removed: `{{网上办::口诀}}` reads as 网上办."""
    return MANUAL.sub(lambda m: m.group(1), text)


def mnemonic(heads: Iterable[str]) -> str:
    """The 口诀 of a list: the first character of each head, joined: 人·权·线."""
    return "·".join(h[:1] for h in heads if h)


def part_key(text: str) -> str:
    """A short stable key for a piece of text (the slogan or cloze a card blanks)."""
    return hashlib.sha1(normalize_key(text).encode("utf-8")).hexdigest()[:8]


def key_part(head: str) -> str:
    """The part of a long head a card blanks: its longest quoted slogan, else its first short clause."""
    quoted = sorted(SLOGAN.findall(head), key=len, reverse=True)
    if quoted:
        return quoted[0]
    clauses = [c.strip() for c in CLAUSE.split(head) if c.strip()]
    # A clause naming a policy or a document (`《…意见》（国发〔2022〕5号）提出`) is where the point comes
    # from, not what to recall: blank another clause when there is one.
    plain = [c for c in clauses if "《" not in c and "〔" not in c] or clauses
    for clause in plain:
        if 4 <= len(clause) <= 20:
            return clause
    return plain[0] if plain else head


def hide(text: str, answer: str, gap: str | None = None) -> str:
    """`text` with every occurrence of `answer` replaced by its blank, so a card never shows its own
    answer elsewhere in its text (a slogan quoted twice, a head repeated in its elaboration)."""
    return text.replace(answer, blank(answer) if gap is None else gap) if answer else text
