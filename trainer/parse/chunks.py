"""What a document site sets into its text: chunk numbers (`…改革教` / `2、育方式`), its title in brackets."""

from __future__ import annotations

import re

from trainer.parse.markers import Marker, match_line
from trainer.parse.noise import ends_terminal
from trainer.parse.normalize import Line, fold

# A document site (a 文库 or 课件 reader) cuts the text into chunks of a fixed length and numbers each
# (`…改革教` / `2、育方式和优化课程设置…`): the number splits a word or a sentence. A chunk is this long
# at least (the last may be cut short).
CHUNK_MIN = 80


# A document site's own words about the copy (`《X.docx》由会员分享，可在线阅读`, `还剩13页未读`): only such
# a site numbers chunks, so the numbers are chunk numbers only on a page that shows one.
_DOCUMENT_SITE = re.compile(
    r"由会员分享|上传分享|可在线阅读|珍藏版|页未读|文库|\.(?:docx?|pdf|pptx?|wps)(?![a-z])", re.I
)


def _chunk_numbers(lines: list[Line]) -> list[tuple[int, int]]:
    """(line index, marker end) of each chunk number: on a page showing a document site's words, a run of
    numbers 1, 2, 3 … of one style at line starts, every chunk but the last long, and every number after
    the first right after a long line that does not end a sentence (a list's item follows a stop or a
    colon)."""
    marked: list[tuple[int, Marker, Line | None]] = []  # the line, its number, the line before it
    prev: Line | None = None
    for i, line in enumerate(lines):
        marker = match_line(line.key) if line.key[:1].isdigit() else None
        if marker is not None and marker.ordinal == len(marked) + 1:
            marked.append((i, marker, prev))
        elif marker is not None and marker.ordinal == 1:
            marked = [(i, marker, prev)]
        prev = line if line.key else prev
    if len(marked) < 2 or len({m.style for _, m, _ in marked}) != 1:
        return []
    if not any(_DOCUMENT_SITE.search(line.key) for line in lines[: marked[0][0] + 1]):
        return []  # a list of long items that lost their stops (`1. 要点1。说明…`) is a list
    for n, (i, _, before) in enumerate(marked):
        if n + 1 < len(marked) and len(lines[i].key) < CHUNK_MIN:
            return []
        if n and (
            before is None or len(before.key) < CHUNK_MIN or ends_terminal(before.key) or not before.key[-1].isalnum()
        ):
            return []
    return [(i, m.end) for i, m, _ in marked]


def unchunk(lines: list[Line]) -> list[Line]:
    """The lines without a document site's chunk numbers: the text around each is joined again."""
    found = _chunk_numbers(lines)
    if not found:
        return lines
    out = list(lines)
    for i, end in found:
        line = out[i]
        out[i] = Line(line.text[end:], line.key[end:], line.lineno, line.indent)
    return out


TITLE_ECHO_MIN = 6  # a title this long at least: a short bracketed label (`【摘要】`) is the page's own


def without_title_echo(lines: list[Line], title: str) -> list[Line]:
    """The lines without the document's title a site set into them in brackets (`【为何大学生就业难】2、…`,
    so that a copy carries its name): the text around it stays."""
    key = fold(title.strip())
    if len(key) < TITLE_ECHO_MIN:
        return lines
    echo = re.compile(rf"[【\[]\s*{re.escape(key)}\s*[】\]]")
    out = []
    for line in lines:
        m = echo.search(line.key) if key in line.key else None
        if m is not None and (m.start() or m.end() < len(line.key)):  # a title line of its own stays
            cut = line.text[: m.start()] + line.text[m.end() :]
            kept = line.key[: m.start()] + line.key[m.end() :]
            line = Line(cut.strip(), kept.strip(), line.lineno, line.indent)
        out.append(line)
    return out
