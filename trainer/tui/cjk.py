"""Line breaking for Chinese text in the terminal: `wrap` (pure) and `Wrapped`, a Textual Visual that uses it.

Textual folds a run of text without spaces at exactly the width, so a line can begin with "，" or "。",
end with "“", or cut a blank ［＿＿］ or a number in two. `wrap` breaks lines as Chinese typesetting
does (避头尾): no line begins with closing punctuation or ends with opening punctuation; a blank, an
ASCII word or number stays whole when it fits on a line; text with spaces in it (a context line,
English) breaks at the last space when that leaves the line at least half full. It never widens a line: the characters it
needs are carried down to the next line instead.
"""

from __future__ import annotations

import re

from rich.cells import cell_len
from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual

from trainer.core.safetext import clean_text

# Characters that may not begin a line (closing and pause punctuation, ellipsis and dash halves).
NO_START = frozenset("，。、；：？！）］｝」』】》〉”’…—～·%‰,.;:?!)]}>")
# Characters that may not end a line (opening punctuation).
NO_END = frozenset("（［｛「『【《〈“‘([{<")
# A line break may carry at most this many tokens down to keep a rule; past that it breaks as is.
MAX_CARRY = 3

_TOKEN = re.compile(r"［[^［］\n]*］|[A-Za-z0-9_@#&+\-./:'%]+|[ \t\u3000]+|.", re.S)


def _tokens(paragraph: str, width: int) -> list[str]:
    """Unbreakable pieces: a blank, an ASCII run, a run of spaces, else one character; a piece wider
    than a line is split into characters."""
    out: list[str] = []
    for tok in _TOKEN.findall(paragraph):
        if len(tok) > 1 and cell_len(tok) > width:
            out.extend(tok)
        else:
            out.append(tok)
    return out


def _wrap_paragraph(paragraph: str, width: int) -> list[str]:
    lines: list[list[str]] = []
    line: list[str] = []
    used = 0
    for tok in _tokens(paragraph, width):
        w = cell_len(tok)
        if used + w <= width:
            line.append(tok)
            used += w
            continue
        if tok.isspace():  # break at the space, which goes
            lines.append(line)
            line, used = [], 0
            continue
        carry: list[str] = []
        # The last space that leaves the line at least half full and puts no closing mark first.
        space = max(
            (i for i, t in enumerate(line) if t.isspace() and (line[i + 1 :] or [tok])[0][0] not in NO_START),
            default=-1,
        )
        if space > 0 and cell_len("".join(line[:space])) >= width // 2:
            carry = line[space + 1 :]  # text with spaces (a context line, English) breaks at the last one
            del line[space:]
        else:
            while (
                len(carry) < MAX_CARRY
                and len(line) > 1
                and ((carry[0] if carry else tok)[0] in NO_START or line[-1][-1] in NO_END)
            ):
                carry.insert(0, line.pop())
            kept = not ((carry[0] if carry else tok)[0] in NO_START or line[-1][-1] in NO_END)
            if not kept or cell_len("".join(carry)) + w > width:
                line += carry  # the rules cannot be kept: break where the text fills the line
                carry = []
        while line and line[-1].isspace():
            line.pop()
        lines.append(line)
        line = [*carry, tok]
        while line and line[0].isspace():
            line.pop(0)
        used = sum(cell_len(t) for t in line)
    lines.append(line)
    return ["".join(parts) for parts in lines]


def wrap(text: str, width: int) -> list[str]:
    """`text` broken into lines of at most `width` cells (newlines kept), by the rules above."""
    if width <= 0:
        return text.split("\n")
    out: list[str] = []
    for paragraph in text.split("\n"):
        out += _wrap_paragraph(paragraph, width) if paragraph else [""]
    return out


def pack(parts: list[str], width: int, sep: str = " · ") -> list[str]:
    """Short parts (`今日回答 3 次`, `连续 2 天`) joined with `sep` into lines of at most `width` cells,
    a line broken only between parts (never between a label and its number); a part wider than a
    line is wrapped by `wrap`."""
    lines: list[str] = []
    for part in parts:
        joined = f"{lines[-1]}{sep}{part}" if lines else part
        if lines and cell_len(joined) <= width:
            lines[-1] = joined
        else:
            lines += wrap(part, width) if width > 0 and cell_len(part) > width else [part]
    return lines


class Wrapped(Visual):
    """Plain text shown with `wrap`'s line breaks (give it to `Static.update`)."""

    def __init__(self, text: str) -> None:
        self.text = clean_text(text)  # card text from the database: never terminal control
        self._lines: tuple[int, Content] | None = None

    def __str__(self) -> str:
        return self.text

    def _content(self, width: int) -> Content:
        if self._lines is None or self._lines[0] != width:
            self._lines = (width, Content("\n".join(wrap(self.text, width))))
        return self._lines[1]

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        pad = int(options.rules.get("line_pad", 0)) * 2
        return self._content(width - pad).render_strips(width, height, style, options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return Content(self.text).get_optimal_width(rules, container_width)

    def get_minimal_width(self, rules: RulesMap) -> int:
        return Content(self.text).get_minimal_width(rules)

    def get_height(self, rules: RulesMap, width: int) -> int:
        pad = int(rules.get("line_pad", 0)) * 2
        return self._content(width - pad).get_height(rules, width)


class Packed(Wrapped):
    """Short parts shown with `pack`'s lines: a status line that wraps between its parts."""

    def __init__(self, parts: list[str], sep: str = " · ") -> None:
        super().__init__(sep.join(parts))
        self.parts, self.sep = [clean_text(p) for p in parts], sep

    def _content(self, width: int) -> Content:
        if self._lines is None or self._lines[0] != width:
            self._lines = (width, Content("\n".join(pack(self.parts, width, self.sep))))
        return self._lines[1]


class PackedLines(Wrapped):
    """Lines of short parts, each line packed as `Packed` packs its parts (a line never runs into the next)."""

    def __init__(self, lines: list[list[str]], sep: str = " · ") -> None:
        super().__init__("\n".join(sep.join(parts) for parts in lines))
        self.lines, self.sep = [[clean_text(p) for p in parts] for parts in lines], sep

    def _content(self, width: int) -> Content:
        if self._lines is None or self._lines[0] != width:
            packed = [line for parts in self.lines for line in pack(parts, width, self.sep)]
            self._lines = (width, Content("\n".join(packed)))
        return self._lines[1]
