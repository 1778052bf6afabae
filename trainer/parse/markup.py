"""Unwrapping HTML left in pasted text (tags, `&nbsp;` entities) into plain lines; no parsing decisions."""

from __future__ import annotations

import html
import re

# Only real tag names are touched: Chinese prose uses 《》 and a bare `<` may be a comparison.
_NAMES = (
    r"p|br|div|span|strong|b|em|i|u|s|font|a|img|h[1-6]|li|ul|ol|section|article|blockquote|center"
    r"|table|tbody|thead|tr|td|th|sup|sub|hr|mark|small|big|label|header|footer|nav|figure|figcaption"
)
_TAG = re.compile(rf"</?(?:{_NAMES})(?:\s[^<>]*)?/?>", re.I)
# Tags that end a line of text in a browser.
_BLOCK = re.compile(
    r"<(?:br|hr)\b[^<>]*>|</?(?:p|div|h[1-6]|li|ul|ol|section|article|blockquote|tr|table)\b[^<>]*>", re.I
)
_ENTITY = re.compile(r"&(?:[a-zA-Z]{2,8}|#\d{2,7}|#[xX][0-9a-fA-F]{2,6});")
_HINT = re.compile(rf"</?(?:{_NAMES})\b|&(?:[a-zA-Z]{{2,8}}|#[xX]?[0-9a-fA-F]{{2,7}});", re.I)


def has_markup(line: str) -> bool:
    """True when a line holds an HTML tag or character entity."""
    return bool(_HINT.search(line))


def unwrap(line: str) -> list[str]:
    """One physical line with HTML in it as the text lines a browser shows (tags gone, entities decoded).

    `<p>一是…<br>二是…</p>` gives two lines; `<strong>一、问题</strong>` gives `一、问题`.
    """
    pieces = _BLOCK.split(line)
    out = []
    for piece in pieces:
        text = _TAG.sub("", piece)
        text = _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)
        out.append(text)
    # A line that was only tags gives one blank line, not several.
    while len(out) > 1 and not out[0].strip():
        out.pop(0)
    while len(out) > 1 and not out[-1].strip():
        out.pop()
    return out
