"""Numbered headings a flattened page glued to the text before them; lines only, no tree."""

from __future__ import annotations

import re
from itertools import pairwise

from trainer.parse.markers import match_line
from trainer.parse.normalize import Line

# A title a copy glued to the first heading under it (`…实施方案一、背景分析`): a first marker of a
# succession (`一、`, `（一）`, `第一部分`) after the title's words opens a short heading, and a line below
# opens with the second of that succession (`二、问题定义`) before any opens with its first.
_FIRST_MARKER = re.compile(r"(?<=[\u4e00-\u9fff”》）])(?:一、|（一）|第一(?:部分|章|节))")
_SENTENCE_MARK = re.compile(r"[，。；！？,.;!?]")
GLUED_TITLE_MIN = 6  # the title's own words before the heading
GLUED_HEADING_MAX = 16
SIBLING_LOOK = 400  # lines searched below for the heading's sibling (a bounded look: linear)
# A numbering glued to a character before it: `…未来展望一、背景分析1.1政策背景1.1.1国家政策导向 这几年…`.
_GLUED_MARK = re.compile(r"(?<=[\u4e00-\u9fff。！？；”])(?:[一二三四五六七八九十]{1,3}、|\d{1,2}(?:\.\d{1,2}){1,2})")
_ENTRY = re.compile(r"^((?:[一二三四五六七八九十]{1,3}、|\d{1,2}(?:\.\d{1,2}){1,2}) ?)[^，。；：！？、,.;:!?\s]{2,20}$")
_OPENS = re.compile(
    r"(?:[一二三四五六七八九十]{1,3}、|\d{1,2}(?:\.\d{1,2}){1,2})[^，。；：！？、\s]{2,20}?[\u4e00-\u9fff]"
)
GLUED_MIN = 2  # a line holding this many glued headings said on lines of their own above is a flattened text


def _split(line: Line, cuts: list[int]) -> list[Line]:
    bounds = [0, *cuts, len(line.key)]
    return [
        Line(line.text[a:b].strip(), line.key[a:b].strip(), line.lineno, line.indent if a == 0 else 0)
        for a, b in pairwise(bounds)
        if line.key[a:b].strip()
    ]


def glued_heading(lines: list[Line], index: int) -> int:
    """Where in the line at `index` the first heading a copy glued to the title before it starts, or -1."""
    key = lines[index].key
    for m in _FIRST_MARKER.finditer(key, GLUED_TITLE_MIN):
        marker = match_line(key[m.start() :])
        if marker is None or marker.ordinal != 1:
            continue
        heading = key[m.start() + marker.end :].strip()
        if not 2 <= len(heading) <= GLUED_HEADING_MAX or _SENTENCE_MARK.search(heading):
            return -1
        for line in lines[index + 1 : index + 1 + SIBLING_LOOK]:
            below = match_line(line.key) if line.key else None
            if below is not None and below.style == marker.style and below.ordinal == 1:
                return -1  # the first heading has a line of its own: `统一、开放` is the title's words
            if below is not None and below.style == marker.style and below.ordinal == 2:
                return m.start()
        return -1
    return -1


def _first_glued(lines: list[Line]) -> list[Line]:
    for i, line in enumerate(lines):
        if _FIRST_MARKER.search(line.key, GLUED_TITLE_MIN) and not _SENTENCE_MARK.search(line.key):
            glued = glued_heading(lines, i)  # the first line of that shape, as the title is the first line
            return lines if glued < 0 else [*lines[:i], *_split(line, [glued]), *lines[i + 1 :]]
    return lines


def _cuts(key: str, entries: dict[str, set[str]]) -> list[int]:
    """Where each numbered heading in `entries` glued into `key` starts and ends."""
    cuts: list[int] = []
    for m in _GLUED_MARK.finditer(key):
        said = entries.get(m.group())
        hit = next((e for e in said or () if key.startswith(e, m.start())), None)
        if hit is not None and (not cuts or m.start() >= cuts[-1]):
            cuts += [m.start(), m.start() + len(hit)]
    return cuts


def _note(line: Line, entries: dict[str, set[str]]) -> None:
    entry = _ENTRY.match(line.key)
    if entry is not None:
        entries.setdefault(entry.group(1).strip(), set()).add(line.key)


# `一、问题分析1. 乡村旅游缺乏…`: a numbered heading phrase with the first member of the list under it glued
# on, on one line of a flattened page. One row per numbering of that list: its first member as glued, and
# its second as it opens a line.
_FIRST_MEMBERS = (
    (r"1[.．、](?!\d)", r"2[.．、](?!\d)"),
    (r"[（(]1[）)]", r"[（(]2[）)]"),
    (r"1[）)]", r"2[）)]"),
    ("①", "②"),
)
_HEADING_NUMBER = r"(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)])"
_GLUED_ITEM = tuple(
    (
        re.compile(rf"^{_HEADING_NUMBER} ?[^，。；：！？、,.;:!?\s\d]{{2,14}}(?={first} ?[\u4e00-\u9fff“])"),
        re.compile(rf"^{second}"),
    )
    for first, second in _FIRST_MEMBERS
)


_HEAD_START = frozenset("一二三四五六七八九十（(")
_SECOND_START = frozenset("2（(②")


def _first_items_glued(lines: list[Line]) -> list[Line]:
    """Lines cut where a numbered heading phrase ends and the first member of its list begins, when
    that list's second member opens a line further on (its first lost its line break in the copy)."""
    heads = [i for i, line in enumerate(lines) if line.key[:1] in _HEAD_START]
    if not heads:
        return lines  # one cheap pass over a page of no numbered heading (a million empty lines)
    seconds = [i for i, line in enumerate(lines) if line.key[:1] in _SECOND_START]
    # the last line each row's second member opens (-1: none)
    last = [max((i for i in seconds if second.match(lines[i].key)), default=-1) for _, second in _GLUED_ITEM]
    cuts: dict[int, int] = {}
    for i in heads:
        found = (glued.match(lines[i].key) for (glued, _), end in zip(_GLUED_ITEM, last, strict=True) if end > i)
        cut = next((m.end() for m in found if m), -1)
        if cut > 0:
            cuts[i] = cut
    if not cuts:
        return lines
    return [piece for i, line in enumerate(lines) for piece in (_split(line, [cuts[i]]) if i in cuts else [line])]


# `一、真实痛点：…的“三重门槛”（一）硬件之困：…`: a heading and the first sub-heading under it on one line, both
# phrases (no sentence stop): two lines of the outline.
_TWO_HEADINGS = re.compile(r"^[一二三四五六七八九十]{1,3}、[^。；！？（(]{2,30}(?=[（(]一[）)][^。；！？]{2,30}$)")


def _sub_heading_glued(lines: list[Line]) -> list[Line]:
    if not any(line.key[:1] in _HEAD_START for line in lines):
        return lines
    out: list[Line] = []
    for line in lines:
        m = _TWO_HEADINGS.match(line.key)
        out.extend(_split(line, [m.end()]) if m else [line])
    return out


# `【提纲】一、肯定成绩，…。（一）政策体系持续完善…。（二）…二、正视问题…`: an outline a copy ran together on
# one line, each heading after the stop of the one before: its headings go back on lines of their own.
_OUTLINE_OPENS = re.compile(
    r"^(?:[【\[]\s*(?:提纲|大纲|框架|目录)\s*[】\]]|(?:提纲|大纲|框架)\s*：)?\s*[一二三四五六七八九十]{1,3}、"
)
_OUTLINE_LABEL = re.compile(
    r"^(?:[【\[]\s*(?:提纲|大纲|框架|目录)\s*[】\]]|(?:提纲|大纲|框架)\s*：)"
)  # its label, dropped
_OUTLINE_CUT = re.compile(r"(?<=[。；])\s*(?=[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)])")
OUTLINE_HEADINGS = 2  # of each of the two numberings at least, after stops: an outline, not a sentence


SAID_AGAIN = 8  # an entry's first characters found again in the text below: the text reaches it


def _outline_run_together(lines: list[Line]) -> list[Line]:
    """Each outline run together on one line (`_OUTLINE_CUT`) split into its headings, when the text below
    never says one of them again: a page cut off before its text reaches them (where it does, the text's own
    headings and lists are the outline, and the line is a table of contents)."""
    out: list[Line] = []
    for at, line in enumerate(lines):
        cuts = [m.start() for m in _OUTLINE_CUT.finditer(line.key)] if _OUTLINE_OPENS.match(line.key) else []
        outer = sum(1 for c in cuts if line.key[c:].lstrip()[:1] not in "（(")
        if outer + 1 < OUTLINE_HEADINGS or len(cuts) - outer < OUTLINE_HEADINGS:
            out.append(line)
            continue
        label = _OUTLINE_LABEL.match(line.key)
        pieces = _split(line, [label.end(), *cuts])[1:] if label else _split(line, cuts)  # the label goes
        below = "".join(ln.key for ln in lines[at + 1 :])
        entries = [_ENTRY_TEXT.sub("", p.key)[:SAID_AGAIN] for p in pieces]
        said = any(len(e) == SAID_AGAIN and e in below for e in entries)
        out.extend([line] if said else pieces)
    return out


_ENTRY_TEXT = re.compile(
    r"^\s*+(?:[【\[][^】\]]*[】\]]|[^：]{0,4}：)?\s*+(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)])"
)


def unglue_headings(lines: list[Line]) -> list[Line]:
    """Lines of a page flattened by its copy, with their numbered headings back on lines of their own.

    A numbering's first heading glued to the title before it (`…实施方案一、背景分析`, a line below opening
    on `二、` before any on `一、`; likewise `（一）`, `第一部分`) is cut off it; then a line that holds two or more numbered headings said on
    lines of their own (a table of contents run into the text it lists: `10.4未来展望一、背景分析
    1.1政策背景…`, `…。1.2物资储备情况 目前…`) is cut before and after each of them, and so, once cut, is
    each piece holding one more. A numbered heading phrase with its list's first member glued on
    (`一、问题分析1. …`, `2.` opening a line below) is cut where that member begins.
    """
    lines = _sub_heading_glued(_first_items_glued(_first_glued(_outline_run_together(lines))))
    entries: dict[str, set[str]] = {}  # a heading's numbering -> the headings said with it
    for line in lines:
        _note(line, entries)
    if not entries:
        return lines
    out: list[Line] = []
    for line in lines:
        # A flattened text opens on a heading (`10.4未来展望一、…`, `一、现状分析1.1…`): only such lines are read.
        cuts = _cuts(line.key, entries) if _OPENS.match(line.key) and not _ENTRY.match(line.key) else []
        if len(cuts) < 2 * GLUED_MIN:
            out.append(line)
            continue
        pieces = _split(line, cuts)
        for piece in pieces:
            _note(piece, entries)
        out.extend(pieces)
        out[-len(pieces) :] = [p for piece in pieces for p in _split(piece, _cuts(piece.key, entries))]
    return out
