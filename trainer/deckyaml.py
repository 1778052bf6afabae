"""A fast reader for the block-style YAML that `decks.dumps` writes; anything else is left to PyYAML.

PyYAML builds a Python node, mark and resolver call for every scalar, which costs ~15 s for a deck of
100k points. Deck files are almost always the plain block style `trainer build` writes: `key: value`
lines, `- ` list items, `|`/`|-` block texts, plain or single-quoted scalars. `fast_load` reads exactly
that subset line by line and returns None as soon as a line falls outside it (flow collections, double
quotes with escapes, anchors, tags, comments after values, multi-line plain scalars, scalars PyYAML
would read as numbers or dates...), so the caller reads the text with PyYAML instead and the result
is always what PyYAML gives. No file access, no deck shapes (see `decks`).
"""

from __future__ import annotations

import re
from typing import Any

from yaml.resolver import Resolver

__all__ = ["LineDict", "fast_load"]

_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_WORDS: dict[str, Any] = {"true": True, "false": False, "null": None, "~": None}
_DECIMAL = re.compile(r"(?:0|[1-9][0-9]*)\Z")
_IMPLICIT: dict[str | None, list[tuple[str, re.Pattern[str]]]] = Resolver.yaml_implicit_resolvers


class LineDict(dict[str, Any]):
    """A mapping that knows its 1-based line in the file (where its first key is, as PyYAML marks it)."""

    line: int = 0


class _Unsupported(Exception):
    """The text is outside the subset: PyYAML must read it."""


def fast_load(text: str) -> LineDict | None:
    """The YAML mapping in `text` as PyYAML's safe loader would build it, or None outside the subset.

    Every mapping is a `LineDict` carrying its line, as `decks`' line-tracking PyYAML loader gives.
    """
    if "\r" in text or "\t" in text or text.startswith(("---", "%")):
        return None
    lines: list[tuple[int, str]] = []
    for raw in text.split("\n"):
        stripped = raw.lstrip(" ")
        lines.append((len(raw) - len(stripped), stripped))
    reader = _Reader(lines)
    try:
        reader.skip_blank()
        if reader.i >= len(lines) or reader.indent() != 0:
            return None
        data = reader.mapping(0)
        reader.skip_blank()
        if reader.i != len(lines):
            return None
    except _Unsupported:
        return None
    return data


class _Reader:
    def __init__(self, lines: list[tuple[int, str]]) -> None:
        self.lines = lines
        self.i = 0

    def indent(self) -> int:
        return self.lines[self.i][0]

    def skip_blank(self) -> None:
        lines = self.lines
        while self.i < len(lines) and (not lines[self.i][1] or lines[self.i][1].startswith("#")):
            self.i += 1

    def at(self, indent: int, item: bool) -> bool:
        """True when the next line is at `indent` and is (item) or is not (not item) a list item."""
        self.skip_blank()
        if self.i >= len(self.lines):
            return False
        ind, content = self.lines[self.i]
        if ind > indent:
            raise _Unsupported  # a deeper line where none may be (multi-line plain scalar, bad nesting)
        return ind == indent and (content == "-" or content.startswith("- ")) == item

    def mapping(self, indent: int) -> LineDict:
        out = LineDict()
        out.line = self.i + 1
        lines, n = self.lines, len(self.lines)
        while True:  # `at(indent, item=False)`, inlined: this loop runs once per line of the file
            i = self.i
            while i < n and (not lines[i][1] or lines[i][1][0] == "#"):
                i += 1
            self.i = i
            if i >= n:
                break
            ind, content = lines[i]
            if ind != indent:
                if ind > indent:
                    raise _Unsupported
                break
            if content[0] == "-" and (len(content) == 1 or content[1] == " "):
                break
            key, sep, rest = content.partition(":")
            if not sep or not _is_key(key) or (rest and rest[0] != " "):
                raise _Unsupported
            rest = rest.strip(" ")
            self.i = i + 1
            if rest in ("|", "|-"):
                out[key] = self.block_text(indent, keep_last=rest == "|")
            elif rest:
                out[key] = _scalar(rest)
            else:
                out[key] = self.nested(indent)
        return out

    def nested(self, indent: int) -> Any:
        """The value of `key:` with nothing after it: a deeper block, an indentless list, or null."""
        self.skip_blank()
        if self.i >= len(self.lines):
            return None
        ind, content = self.lines[self.i]
        if ind > indent:
            return self.sequence(ind) if content == "-" or content.startswith("- ") else self.mapping(ind)
        if ind == indent and content.startswith("- "):
            return self.sequence(indent)
        return None

    def sequence(self, indent: int) -> list[Any]:
        out: list[Any] = []
        while self.at(indent, item=True):
            rest = self.lines[self.i][1][2:].lstrip(" ")
            if not rest or rest.startswith(("- ", "|", ">")) or rest == "-":
                raise _Unsupported
            key, sep, after = rest.partition(":")
            if sep and _is_key(key) and (not after or after[0] == " "):
                # `- key: value` opens a mapping whose keys sit two columns in.
                self.lines[self.i] = (indent + 2, rest)
                out.append(self.mapping(indent + 2))
            else:
                self.i += 1
                out.append(_scalar(rest))
        return out

    def block_text(self, indent: int, *, keep_last: bool) -> str:
        """A `|` (one final newline kept) or `|-` (stripped) literal block under a key at `indent`."""
        lines = self.lines
        body: list[str] = []
        block = -1
        while self.i < len(lines):
            ind, content = lines[self.i]
            if not content:
                if block >= 0 and ind > block:
                    raise _Unsupported  # spaces past the block's indent are text: let PyYAML keep them
                body.append("")
                self.i += 1
                continue
            if ind <= indent:
                break
            if block < 0:
                block = ind
            elif ind < block:
                raise _Unsupported
            body.append(" " * (ind - block) + content)
            self.i += 1
        if block < 0:
            raise _Unsupported
        while body and not body[-1]:
            body.pop()
            self.i -= 1  # leave trailing blank lines to the caller, as they belong to no value
        text = "\n".join(body)
        return text + "\n" if keep_last else text


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
    ok = _KEYS.get(key)
    if ok is None:
        ok = bool(_KEY.match(key)) and _is_text(key)
        if len(_KEYS) < 256:  # a deck has a handful of distinct keys
            _KEYS[key] = ok
    return ok
