"""Cloze text, pure: blanks sized to their answer, the key part of a long head, slogans and hand-written
{{cloze}} marks; no I/O, no card assembly (that is `trainer.core.cards`)."""

from __future__ import annotations

import hashlib
import re
import unicodedata
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
_SUB_CLAUSE = re.compile(r"、|(?<=[\u4e00-\u9fff]{4})是")
_DATE_CLAUSE = re.compile(r"^(?:自|于|从)?\d{4}年(?:\d{1,2}月(?:\d{1,2}日)?)?(?:起|以来|前后)?$")


def blank(answer: str, hint: str = "") -> str:
    """A gap as wide as the answer: ［　　　　］, one full-width ＿ per character (or the hint)."""
    inner = f"{hint}…" if hint else BLANK_FILL * max(len(answer), 2)
    return f"{BLANK_OPEN}{inner}{BLANK_CLOSE}"


def plain(text: str) -> str:
    """Text with manual cloze marks removed: `{{网上办::口诀}}` reads as 网上办."""
    return MANUAL.sub(lambda m: m.group(1), text)


def mnemonic(heads: Iterable[str]) -> str:
    """The 口诀 of a list: the first character of each head, joined: 人·权·线. When every head opens
    with the same words (`要…`, `平台建设…`), those words once, then each head's first character after
    them: 要…进·加·健 (the same character four times tells the points apart no better than none)."""
    heads = [h for h in heads if h]
    common = heads[0] if len(heads) > 1 else ""
    for h in heads[1:]:
        while not h.startswith(common):
            common = common[:-1]
    if common and all(len(h) > len(common) for h in heads):
        return f"{common}…" + "·".join(h[len(common)] for h in heads)
    return "·".join(h[:1] for h in heads)


def length_hint(answer: str) -> str:
    """The hint of a cloze the learner did not write a hint for (a head, a long head's key part, a
    slogan): how many characters it has, as the Anki export's `{{c1::head::N字}}` says."""
    return f"共{len(answer)}字"


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
    # A clause that only dates it (`2021年9月16日，…`) says when, not what: blanked only when every
    # other clause names a policy.
    cited = [c for c in clauses if "《" in c or "〔" in c]
    dated = [c for c in clauses if _DATE_CLAUSE.match(c)]
    plain = [c for c in clauses if c not in cited and c not in dated] or dated or clauses
    for clause in plain:
        if 4 <= len(clause) <= 20:
            return clause
    if plain:
        # One long clause (`持续优化政务服务是便利企业…的重要支撑`): its subject, or its first item.
        pieces = [p for p in _SUB_CLAUSE.split(plain[0]) if p]
        return next((p for p in pieces if 4 <= len(p) <= 20), plain[0])
    return head


def hide(text: str, answer: str, gap: str | None = None) -> str:
    """`text` with every occurrence of `answer` replaced by its blank, so a card never shows its own
    answer elsewhere in its text (a slogan quoted twice, a head repeated in its elaboration)."""
    return text.replace(answer, blank(answer) if gap is None else gap) if answer else text


# A section heading on a card is the heading phrase, not the sentence a lead-in made it
# (`理顺政务部门间的权责关系、推进部门间协同合作`): so the card's header stays one line at 80 columns.
SHORT_HEADING = 16
_HEADING_CLAUSE = re.compile(r"[，,；;：:、]")
_HEADING_OF = re.compile(r"(?:的|存在|面临|取得)([^的]{2,16})$")


def short_heading(heading: str) -> str:
    """The heading as a card shows it: whole when short; else its first clause (`理顺政务部门间的权责
    关系`), else what follows its last 的 (`…所取得的工作成效及特点` → `工作成效及特点`), else cut."""
    text = heading.strip()
    if len(text) <= SHORT_HEADING:
        return text
    first = _HEADING_CLAUSE.split(text, maxsplit=1)[0].strip()
    if 4 <= len(first) <= SHORT_HEADING:
        return first
    tail = _HEADING_OF.search(text)
    if tail:
        return tail.group(1)
    return text[: SHORT_HEADING - 1] + "…"


def cells(text: str) -> int:
    """Terminal columns a text takes: two for a wide (CJK, full-width) character, else one."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


CLIP_MIN = 6  # a name is never cut below this many characters


def fit_names(names: list[str], budget: int) -> list[str]:
    """The names cut, longest first, to CLIP_MIN characters at least (a cut one ends with …), until
    together they take at most `budget` columns, when they can."""
    out = list(names)
    while sum(cells(n) for n in out) > budget:
        i = max(range(len(out)), key=lambda j: cells(out[j]), default=-1)
        text = out[i].rstrip("…")
        if i < 0 or len(text) <= CLIP_MIN:
            break
        out[i] = text[:-1] + "…"
    return out
