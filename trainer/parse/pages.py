"""Page numbers a PDF copy glued to each page's text, and the running headers it repeats; lines only."""

from __future__ import annotations

from trainer.parse.markers import find_inline, match_line
from trainer.parse.normalize import Line
from trainer.parse.vocab import is_facet_heading, is_heading_phrase

PAGE_TEXT_MIN = 200  # a page's text runs this long at least; a list item's seldom does


def _ends_on_word(key: str) -> bool:
    ch = key.rstrip()[-1:]
    return bool(ch) and ("\u4e00" <= ch <= "\u9fff" or ch.isalnum())


def _restarts(key: str) -> bool:
    """True when the text holds a numbering of its own after the line's number: `1、` begun again, or
    one of another style (`一是…二是…` going on from page to page, `（一）`, `第一`)."""
    marker = match_line(key)
    start = marker.end if marker is not None else 0
    return any(m.start >= start and (m.ordinal == 1 or m.style != "arabic") for m in find_inline(key))


def _numbered_twice(key: str) -> bool:
    """`2、一、2023年以来…`: the page's number before a heading's own, where a page begins with a heading."""
    marker = match_line(key)
    inner = match_line(key[marker.end :]) if marker is not None else None
    return inner is not None and inner.style != marker.style  # type: ignore[union-attr]


def page_numbers(lines: list[Line]) -> list[Line]:
    """Lines with the page's number glued on before its text (`1、…各行` then `2、业领域、…`): numbers
    1, 2, 3 … at line starts where each page from the second on goes on with a sentence the long page
    before it broke off on a word, and the pages hold the text's own numbering begun again at 1. They number
    pages, not items: the numbers are dropped, so the pages join again into their text (and the list the
    text holds is read as it is written)."""
    chain: list[int] = []
    for i, line in enumerate(lines):
        marker = match_line(line.key)
        if marker is not None and marker.style == "arabic" and marker.ordinal == len(chain) + 1:
            chain.append(i)
    if len(chain) < 2:
        return lines
    for i in chain[1:]:
        prev = next((lines[j] for j in range(i - 1, -1, -1) if lines[j].key), None)
        if (
            prev is None
            or len(prev.key) < PAGE_TEXT_MIN
            or not (_ends_on_word(prev.key) or _numbered_twice(lines[i].key))
        ):
            return lines
    # The pages hold the text's own numbering, begun again at 1 inside them (`…如下：1、…`) or of a style
    # of its own (`二是医疗` then `2、教育资源…。三是…`): a viewer's copy flattens each page into a line, so
    # the numbers at line starts are not that list's.
    if not any(_restarts(lines[i].key) for i in chain):
        return lines
    out = list(lines)
    for i in chain:
        line = lines[i]
        end = match_line(line.key).end  # type: ignore[union-attr]
        out[i] = Line(line.text[end:], line.key[end:], line.lineno, line.indent)
    return out


RUNNING_MIN = 3  # a short line said this often is a running header or footer of the copy's pages
RUNNING_MAX = 40


def running_lines(lines: list[Line]) -> set[str]:
    """Short lines a copy repeats page after page (`XX职业技术学院学报`, `内部资料 注意保存`): a running
    header or footer. Headings a collection repeats (`对策`, `政府层面`) and numbered lines are not."""
    counts: dict[str, int] = {}
    apart: dict[str, int] = {}  # said again after other text came since it was last said
    last_seen: dict[str, int] = {}
    text_lines = 0
    for line in lines:
        key = line.key.strip()
        if not key:
            continue
        text_lines += 1
        if 2 <= len(key) <= RUNNING_MAX:
            counts[key] = counts.get(key, 0) + 1
            if key in last_seen and text_lines - last_seen[key] > 1:
                apart[key] = apart.get(key, 0) + 1
            last_seen[key] = text_lines
    # A title a document site says three times in a row at the top is no running header: a header or
    # footer comes back page after page, with the page's text between.
    return {
        key
        for key, n in counts.items()
        if n >= RUNNING_MIN
        and apart.get(key, 0) >= RUNNING_MIN - 1
        and not is_heading_phrase(key)
        and not is_facet_heading(key)
        and match_line(key) is None
        and not key.startswith("#")
    }
