"""A fast reader for the block-style YAML that `decks.dumps` writes; anything else is left to PyYAML.

PyYAML builds a Python node, mark and resolver call for every scalar: even its C loader reads a deck
file 2.6–3x slower than this reader (1k–20k points, collector paused as sync runs it; `python -m
benchmarks.deck_readers`). The layout reader (`layout`) reads the header, `|` bodies and unusual
scalars of the files `trainer build` writes through this module. Deck files are almost always the
plain block style `trainer build` writes: `key: value` lines, `- ` list items, `|`/`|-` block texts,
plain or single-quoted scalars. `fast_load` reads exactly that subset and returns None as soon as a
line falls outside it (flow collections, double quotes with escapes, anchors, tags, comments after
values, multi-line plain scalars, scalars PyYAML would read as numbers or dates, characters PyYAML
refuses or reads as line breaks...), so the caller reads the text with PyYAML instead and the result
is always what PyYAML gives. No file access, no deck shapes (see `decks`).

One compiled regex splits every line into indent, `- `, key and value in C; the Python loops then
look at each line once (~1 µs a line).
"""

from __future__ import annotations

import re
from typing import Any

from yaml.resolver import Resolver

__all__ = ["LineDict", "fast_load", "text_value", "within_subset"]

# indent, content (everything after the indent), item dash, key, value: for every line of the text.
_LINE = re.compile(r"^( *)((- )?(?:([A-Za-z_][A-Za-z0-9_]*):(?: +|$))?(.*))$", re.M)
_Line = tuple[str, str, str, str, str]
# Characters outside PyYAML's printable set, tabs, CRs, the line breaks only PyYAML knows (NEL,
# U+2028/9) and byte order marks: a text holding any of them is PyYAML's to read (or refuse).
_OUTSIDE = re.compile("[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_WORDS: dict[str, Any] = {"true": True, "false": False, "null": None, "~": None}
_DECIMAL = re.compile(r"(?:0|[1-9][0-9]*)\Z")
_IMPLICIT: dict[str | None, list[tuple[str, re.Pattern[str]]]] = Resolver.yaml_implicit_resolvers
_BLOCKS = {"|": True, "|-": False}  # block indicator -> keep the final newline


class LineDict(dict[str, Any]):
    """A mapping that knows its 1-based line in the file (where its first key is, as PyYAML marks it)."""

    line: int = 0


class _Unsupported(Exception):
    """The text is outside the subset: PyYAML must read it."""


def fast_load(text: str) -> LineDict | None:
    """The YAML mapping in `text` as PyYAML's safe loader would build it, or None outside the subset.

    Every mapping is a `LineDict` carrying its line, as `decks`' line-tracking PyYAML loader gives.
    """
    if text.startswith(("---", "%")) or not within_subset(text):
        return None
    lines: list[_Line] = _LINE.findall(text)
    n = len(lines)
    try:
        i = _skip_blank(lines, 0)
        if i >= n or lines[i][0]:
            return None
        data, i = _mapping(lines, i, 0, item=False)
        if _skip_blank(lines, i) != n:
            return None
    except _Unsupported:
        return None
    return data


def within_subset(text: str) -> bool:
    """False when `text` holds a character the subset leaves to PyYAML (a tab, a CR, a control character ...)."""
    # Python's printable characters are all printable to PyYAML, and the test is 4x faster than the
    # regex; the regex decides for texts with others (an ideographic space, a zero-width joiner ...).
    return text.replace("\n", " ").isprintable() or _OUTSIDE.search(text) is None


def _skip_blank(lines: list[_Line], i: int) -> int:
    """The first line from `i` on that is neither blank nor a comment."""
    n = len(lines)
    while i < n and (not lines[i][1] or lines[i][1][0] == "#"):
        i += 1
    return i


def _mapping(lines: list[_Line], i: int, indent: int, *, item: bool) -> tuple[LineDict, int]:
    """The `key: value` lines at `indent` from line `i`; with `item`, line `i` is the `- key: value`
    that opens the mapping (its keys sit two columns in from the dash, at `indent`)."""
    out = LineDict()
    out.line = i + 1
    n = len(lines)
    while i < n:  # runs once per line of the file: kept inline
        ind, content, dash, key, value = lines[i]
        if item:
            item = False
        else:
            if not content or content[0] == "#":
                i += 1
                continue
            if len(ind) != indent:
                if len(ind) > indent:
                    raise _Unsupported  # a deeper line where none may be (multi-line plain scalar, bad nesting)
                break
            if dash:
                break  # an item at this indent ends the mapping; whoever called decides what it is
            if not key:
                raise _Unsupported  # not `key: ...` (a `-` alone, a quoted or complex key ...)
        ok = _KEYS.get(key)
        if ok is None:
            ok = _is_key(key)
        if not ok or key in out:
            raise _Unsupported  # a key said twice: the full reader reports it
        i += 1
        if not value:
            out[key], i = _nested(lines, i, indent)
        elif value[0] >= "\x80" and ": " not in value and " #" not in value and value[-1] not in ": ":
            out[key] = value  # the usual Chinese text: a plain string whatever follows its first character
        else:
            value = value.rstrip(" ")
            keep = _BLOCKS.get(value)
            if keep is None:
                out[key] = _scalar(value)
            else:
                out[key], i = _block_text(lines, i, indent, keep_last=keep)
    return out, i


def _nested(lines: list[_Line], i: int, indent: int) -> tuple[Any, int]:
    """The value of `key:` with nothing after it: a deeper block, an indentless list, or null."""
    i = _skip_blank(lines, i)
    if i >= len(lines):
        return None, i
    ind, content, dash = lines[i][:3]
    if content == "-":
        raise _Unsupported  # an empty item
    if len(ind) > indent:
        return _sequence(lines, i, len(ind)) if dash else _mapping(lines, i, len(ind), item=False)
    if len(ind) == indent and dash:
        return _sequence(lines, i, indent)
    return None, i


def _sequence(lines: list[_Line], i: int, indent: int) -> tuple[list[Any], int]:
    out: list[Any] = []
    n = len(lines)
    while True:
        i = _skip_blank(lines, i)
        if i >= n:
            break
        ind, content, dash, key, value = lines[i]
        if len(ind) != indent or not dash:
            if len(ind) > indent or content == "-":
                raise _Unsupported
            break
        if not value or value[0] == " ":
            raise _Unsupported  # `- ` alone or `-  x` (the next lines' indents would mean other things)
        if key:
            item, i = _mapping(lines, i, indent + 2, item=True)
            out.append(item)
        elif value[0] in "-|>":
            raise _Unsupported  # a nested list or a block text as an item
        else:
            out.append(_scalar(value.rstrip(" ")))
            i += 1
    return out, i


def _block_text(lines: list[_Line], i: int, indent: int, *, keep_last: bool) -> tuple[str, int]:
    """A `|` (one final newline kept) or `|-` (stripped) literal block under a key at `indent`."""
    n = len(lines)
    body: list[str] = []
    block = -1
    while i < n:
        ind_text, content = lines[i][:2]
        ind = len(ind_text)
        if not content:
            if block >= 0 and ind > block:
                raise _Unsupported  # spaces past the block's indent are text: let PyYAML keep them
            body.append("")
            i += 1
            continue
        if ind <= indent:
            break
        if block < 0:
            block = ind
        elif ind < block:
            raise _Unsupported
        body.append(content if ind == block else " " * (ind - block) + content)
        i += 1
    if block < 0:
        raise _Unsupported
    while body and not body[-1]:
        body.pop()
        i -= 1  # leave trailing blank lines to the caller, as they belong to no value
    text = "\n".join(body)
    return (text + "\n" if keep_last else text), i


# Ids and other ASCII words with a letter a-f are texts to PyYAML, unless binary ints (0b101).
_HEX_WORD = re.compile(r"(?!0b[01_]*\Z)[0-9]*[a-f][0-9a-f]*\Z")


def text_value(value: str) -> str | None:
    """The text PyYAML reads from the one-line scalar `value` written after `key: `, or None when it
    reads something else (a number, a date, null, a list ...) or the value is outside the subset."""
    if not value:
        return None
    if value[0] >= "\x80" and ": " not in value and " #" not in value and value[-1] not in ": ":
        return value
    if _HEX_WORD.match(value):
        return value
    value = value.rstrip(" ")
    try:
        out = _scalar(value) if value else None
    except _Unsupported:
        return None
    return out if isinstance(out, str) else None


def _scalar(value: str) -> Any:
    first = value[0]
    if first == "'":
        inner = value[1:-1]
        if len(value) < 2 or value[-1] != "'" or "'" in inner.replace("''", ""):
            raise _Unsupported
        return inner.replace("''", "'")
    if first == '"':
        inner = value[1:-1]
        if len(value) < 2 or value[-1] != '"' or '"' in inner or "\\" in inner:
            raise _Unsupported
        return inner
    if value == "[]":
        return []
    if value == "{}":
        return {}
    if first in _INDICATORS or ": " in value or " #" in value or value.endswith(":"):
        raise _Unsupported
    if value in _WORDS:
        return _WORDS[value]
    if _DECIMAL.match(value):
        return int(value)
    if not _is_text(value):
        raise _Unsupported  # another number, a date or other non-text scalar: PyYAML decides
    return value


def _is_text(plain: str) -> bool:
    """True when PyYAML reads this plain scalar as a string (no implicit int, float, bool, date ...)."""
    patterns = _IMPLICIT.get(plain[0])
    return not patterns or not any(pattern.match(plain) for _tag, pattern in patterns)


_KEYS: dict[str, bool] = {}


def _is_key(key: str) -> bool:
    """A key the subset reads (the line pattern has checked its characters): one PyYAML reads as text."""
    ok = _is_text(key)
    if len(_KEYS) < 256:  # a deck has a handful of distinct keys
        _KEYS[key] = ok
    return ok
