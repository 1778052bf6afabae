"""A page's table of contents and form fields at the top (lines said again below; `姓名：`); no titles."""

from __future__ import annotations

import re

from trainer.core.model import normalize_key
from trainer.parse.markers import match_line
from trainer.parse.normalize import Line
from trainer.parse.vocab import is_heading_phrase

# `本文目录导读：` / `1. 网络谣言的危害` / `2. …` over the article whose headings they are: a contents
# list is two or more short lines near the top, each said again as a line further down; the short line
# that announces it (ends with a colon) goes with it.
CONTENTS_WINDOW = 30  # content lines from the top where a contents list may start
ENTRY_MAX = 40
ENTRIES_MIN = 2
LABEL_MAX = 12
BOX_MAX = 100  # numbered lines a contents box set over a title may hold (a bounded look: linear)
_SENTENCE = re.compile(r"[。；！？]")
_CONTENTS_LABEL = re.compile(r"目录|目次")


def _entry_key(key: str) -> str:
    marker = match_line(key)
    return normalize_key(key[marker.end :] if marker is not None else key)


def _entry(key: str) -> str:
    """A line's text as a contents entry (no number), or "" for a line too long or a sentence."""
    return _entry_key(key) if key and len(key) <= ENTRY_MAX and not _SENTENCE.search(key) else ""


# `3.县医疗保障局2025年上半年工作总结20`: a numbered entry with its page number glued on (a collection's
# index over the first of its pieces); a year (four digits) or a figure's unit is no page number.
_PAGED = re.compile(r"[\u4e00-\u9fff]\d{1,3}$")


def _paged(key: str) -> bool:
    return match_line(key) is not None and _PAGED.search(key) is not None


def _is_label(key: str) -> bool:
    """`本文目录导读：`, `目录/提纲：……`: a short line naming a contents list, ended by a colon (and the
    dots a page leaves where the list was)."""
    key = key.rstrip(".…·。 ")
    return len(key) <= LABEL_MAX and key.endswith(("：", ":")) and _CONTENTS_LABEL.search(key) is not None


def _goes_on(lines: list[Line], content: list[int], n: int, size: int) -> bool:
    """True when the numbered short lines from content line `n` on outnumber `size`: the entries said
    again were the head of a longer list said once (a page's contents whose text was cut off after its
    first headings), which is the outline there is, not a contents list to drop: the headings said
    again are dropped where they open the cut-off text instead."""
    count = 0
    for i in content[n : n + size + 1]:
        key = lines[i].key.strip()
        if not _entry(key) or match_line(key) is None:
            break
        count += 1
    return count > size


def _boxed_over_title(lines: list[Line], content: list[int], n: int, copy: int) -> list[int]:
    """The numbered short lines from content line `n` on, when they end at a title (a short line with no
    number and no stop) and the text whose first headings they list starts below that title (at `copy`):
    a document site's contents box set over the document, whose text it cuts off after a heading or
    two; else nothing."""
    rest: list[int] = []
    for i in content[n : n + BOX_MAX + 1]:
        key = lines[i].key.strip()
        if _entry(key) and match_line(key) is not None:
            rest.append(i)
            continue
        title = bool(_entry(key)) and match_line(key) is None and not is_heading_phrase(key)
        return rest if title and i < copy else []
    return []


def _said_again(lines: list[Line], run: list[int], said: dict[str, int]) -> list[int]:
    """Where the entries of a contents list are said again below it."""
    return [said[e] for e in (_entry(lines[i].key.strip()) for i in run) if said[e] > run[-1]]


def _opening_below(lines: list[Line], content: list[int], run: list[int]) -> int:
    """How many entries of a contents list open a line below it, heading and text on one line
    (`1. 人才队伍不完善。便民服务中心…`): its text reaches them. A look at each later line's start, by the
    entries' lengths (a few): linear in the lines."""
    entries = {_entry(lines[i].key.strip()) for i in run} - {""}
    sizes = {len(e) for e in entries}
    opened: set[str] = set()
    for i in content:
        if i > run[-1]:
            key = _entry_key(lines[i].key.strip())
            opened.update(key[:n] for n in sizes if key[:n] in entries)
    return len(opened)


def contents_lines(lines: list[Line]) -> set[int]:
    """Indices of the lines of a table of contents near the top, with its announcing label.

    Entries are distinct short lines in a row, each said again further down as a line; under a label
    that names a contents list (`本文目录导读：`) every short line counts, said again or not.
    """
    content = [i for i, line in enumerate(lines) if line.key.strip()]
    if len(content) < 2 * ENTRIES_MIN:
        return set()
    said: dict[str, int] = {}  # the last line each short text is said on
    for i in content:
        entry = _entry(lines[i].key.strip())
        if entry:
            said[entry] = i
    found: set[int] = set()
    label: int | None = None
    run: list[int] = []
    entries: set[str] = set()
    for n, i in enumerate([*content, -1]):
        key = lines[i].key.strip() if i >= 0 else ""
        entry = _entry(key)
        # Entries differ from each other: a title a site says three times over is no contents list.
        # A list begun near the top runs on as long as it goes (a report's contents may run to 80 lines).
        fresh = entry and entry not in entries and (run or n < CONTENTS_WINDOW)
        if fresh and (label is not None or said.get(entry, -1) > i or _paged(key)):
            run.append(i)
            entries.add(entry)
            continue
        boxed = _boxed_over_title(lines, content, n, said[_entry(lines[run[0]].key.strip())]) if run else []
        if len(run) >= ENTRIES_MIN and label is None and boxed:
            found.update(run + boxed)  # a contents box over the title: the text below is cut off
        elif len(run) >= ENTRIES_MIN and label is None and _goes_on(lines, content, n, len(run)):
            # The contents are the outline; their first headings said again below open a text cut off.
            found.update(said[_entry(lines[i].key.strip())] for i in run)
        elif (
            len(run) >= ENTRIES_MIN
            and label is not None
            and 2 * len(again := _said_again(lines, run, said)) < len(run)
            and 2 * _opening_below(lines, content, run) < len(run)
        ):
            # `目录/提纲：` over entries most of which the text below never reaches (the page shows its start
            # only): the contents are the outline there is; the few headings said again are dropped below.
            found.update([label, *again])
        elif len(run) >= ENTRIES_MIN:
            found.update(run)
            before = content[content.index(run[0]) - 1] if content.index(run[0]) > 0 else -1
            if label is not None:
                found.add(label)
            elif (
                before >= 0
                and len(lines[before].key.strip()) <= LABEL_MAX
                and lines[before].key.strip().endswith(("：", ":"))
            ):
                found.add(before)
        elif label is not None:
            found.add(label)  # a label over no list (the page left its contents out) names nothing below
        run, entries = [], set()
        if n >= CONTENTS_WINDOW:
            break
        label = i if i >= 0 and _is_label(key) else None
    return found


# `单位：____` / `姓名：____` / `日期：____`: the blanks a form leaves (the underscores are gone by now) are
# labels with nothing after their colon, two or more in a row; `对策：` heads the text under it.
_FIELD = re.compile(r"^[\u4e00-\u9fff]{1,6}[：:]$")


def form_lines(lines: list[Line]) -> set[int]:
    """Indices of a form's blank fields: two or more label-only lines in a row that name no section."""
    found: set[int] = set()
    run: list[int] = []
    for i in [*(i for i, line in enumerate(lines) if line.key.strip()), -1]:
        key = lines[i].key.strip() if i >= 0 else ""
        if key and _FIELD.match(key) and not is_heading_phrase(key):
            run.append(i)
            continue
        if len(run) >= ENTRIES_MIN:
            found.update(run)
        run = []
    return found
