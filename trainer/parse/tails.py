"""Head lines a copy glued onto the end of the paragraph before them; lines only, no tree."""

# A page of heads on lines of their own, each over its paragraph (`医保基金压力增大` then `人口老龄化…。`),
# whose copy lost the line break before some of them: the head runs on after the stop that ends the
# paragraph above (`…远高于同期增速。管理体系不完善`) and its own paragraph follows on the next line. Such
# a tail is cut off onto a line of its own when it has the shape of the heads that stand alone nearby:
# a short phrase with no mark, after a sentence stop, over a line of prose, in a run of prose lines
# under a head line of that shape; and only on a page where the copy did so twice or more. A PDF copy
# (lines broken at one page width) is left alone: there a line ends wherever the width falls, and a
# short phrase after a stop is the next sentence's start.

from __future__ import annotations

import re

from trainer.parse.markers import match_line
from trainer.parse.normalize import Line
from trainer.parse.paragraphs import page_width

# A short phrase with no mark after the stop that ends a line's last sentence.
_TAIL = re.compile(r"[。！？][”’」』]?([^\s，。；：！？、,.;:!?“”‘’「」『』（）()《》【】\[\]]{4,20})$")
_MARKS = re.compile(r"[，。；：！？、,.;:!?]")
HEAD_MAX = 20  # a head line standing alone: this short, no mark, no number
PROSE_MIN = 20  # a line of prose: this long, with a sentence stop inside
TAILS_MIN = 2  # a copy that lost the break before one head of a page lost it before others too
RUN_MAX = 8  # lines of prose looked through above a tail for the head line that opens the run


def _is_head(line: Line) -> bool:
    key = line.key
    return (
        4 <= len(key) <= HEAD_MAX
        and "\u4e00" <= key[0] <= "\u9fff"
        and not _MARKS.search(key)
        and match_line(key) is None
    )


def _is_prose(line: Line) -> bool:
    return len(line.key) >= PROSE_MIN and "。" in line.key and match_line(line.key) is None


def _under_head(lines: list[Line], at: int) -> bool:
    """True when the prose line at `at` belongs to a run of prose lines opened by a head line alone
    (blank lines between them looked through)."""
    seen = 0
    for line in reversed(lines[max(0, at - 2 * RUN_MAX) : at]):
        if not line.key:
            continue
        if _is_head(line):
            return True
        if not _is_prose(line) or seen >= RUN_MAX:
            return False
        seen += 1
    return False


def _next_line(lines: list[Line], at: int) -> Line | None:
    return next((line for line in lines[at + 1 : at + 3] if line.key), None)


def unglue_tails(lines: list[Line]) -> list[Line]:
    """Lines with the heads a copy glued onto the end of the paragraph above back on lines of their own."""
    cuts: dict[int, int] = {}
    for i, line in enumerate(lines):
        m = _TAIL.search(line.key) if len(line.key) > PROSE_MIN else None
        if m is None or not _is_prose(Line(line.text, line.key[: m.start(1)], 0, 0)):
            continue
        below = _next_line(lines, i)
        if below is not None and _is_prose(below) and _under_head(lines, i):
            cuts[i] = m.start(1)
    if len(cuts) < TAILS_MIN or page_width(lines):
        return lines
    out: list[Line] = []
    for i, line in enumerate(lines):
        at = cuts.get(i)
        if at is None:
            out.append(line)
            continue
        out.append(Line(line.text[:at], line.key[:at], line.lineno, line.indent))
        out.append(Line(line.text[at:].strip(), line.key[at:].strip(), line.lineno, 0))
    return out
