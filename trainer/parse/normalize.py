"""Folding and cleaning document text once, at the edge; string work only, no parsing decisions."""

from __future__ import annotations

import re
from dataclasses import dataclass

from trainer.parse.hant import HANT_TO_HANS
from trainer.parse.injected import without_injected
from trainer.parse.markers import match_line
from trainer.parse.markup import has_markup, unwrap

# Characters that vanish before anything else looks at a line: zero-width marks, and the private-use
# glyphs of a web page's icon font (`\ue60a 分享`) a copy carries along.
_INVISIBLE = dict.fromkeys([*map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), *range(0xE000, 0xF900)], None)
_HAS_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\ue000-\uf8ff]")
_EMPHASIS = re.compile(r"\*\*|__|~~|`")
# A bold lead glued to the sentence after it (`2. **完善考核机制**各地要…`): the bold set the head apart,
# so a space keeps it apart once the marks are gone (a head and its body apart by a space, see heads.py).
_BOLD_LEAD = re.compile(
    r"^([\s\d一二三四五六七八九十是要第（）()、.．\-—•·■◆★●▲☆◇□]{0,8}\*\*[^*\n]{1,30}?[\u4e00-\u9fff])\*\*(?=[\u4e00-\u9fff])"
)
_SINGLE_STAR = re.compile(r"(?<![*A-Za-z0-9])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![*A-Za-z0-9])")

# Half-width punctuation shown in full-width form when it sits in Chinese prose.
_TO_FULL = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）"}


def _build_fold() -> dict[int, str]:
    table: dict[int, str] = {}
    keep_full = set("，：；！？（）")
    for code in range(0xFF01, 0xFF5F):
        ch = chr(code)
        if ch not in keep_full:
            table[code] = chr(code - 0xFEE0)
    for half, full in _TO_FULL.items():
        table[ord(half)] = full
    table.update({0x3000: " ", 0x00A0: " ", 0x09: " ", 0xFF61: "。", 0xFF64: "、"})
    # `❶`, `➊`, `➀`, `⓵` (a 公众号's numbering): the circled numbers `①`…`⑩` they are drawn as.
    table.update({first + i: chr(0x2460 + i) for first in (0x2776, 0x2780, 0x278A, 0x24F5) for i in range(10)})
    table[0x4E28] = "|"  # `丨`, the radical pages set between an author and a title (`章政、闵瑛美丨健全…`): a bar
    table.update(HANT_TO_HANS)  # 繁體 read as 简体: `最後`, `對策` match as `最后`, `对策` do
    return table


_FOLD = _build_fold()
_NEEDS_FOLD = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_FOLD)) + "]")


def fold(text: str) -> str:
    """Fold width variants one character for one character (offsets are kept).

    Full-width digits, letters and `．` become ASCII; half-width `, : ; ! ? ( )` become their
    Chinese forms; odd spaces become a plain space; `❶` `➊` `➀` `⓵` become `①`; traditional
    characters become simplified (`trainer.parse.hant`).
    """
    return text.translate(_FOLD) if _NEEDS_FOLD.search(text) else text


def is_cjk(ch: str) -> bool:
    """True for a CJK ideograph or a CJK/full-width punctuation mark or quote."""
    if len(ch) != 1:
        return False
    o = ord(ch)
    return (
        0x4E00 <= o <= 0x9FFF
        or 0x3400 <= o <= 0x4DBF
        or 0x3000 <= o <= 0x303F
        or 0xFF00 <= o <= 0xFFEF
        or 0xF900 <= o <= 0xFAFF
        or ch in "“”‘’…—·"
    )


def _neighbour(text: str, i: int, step: int) -> str:
    j = i + step
    while 0 <= j < len(text) and text[j] == " ":
        j += step
    return text[j] if 0 <= j < len(text) else ""


_CJK_CLASS = "[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef“”‘’…—·]"
_HAS_CJK = re.compile(_CJK_CLASS)
_PUNCT_AFTER_CJK = re.compile(f"(?<={_CJK_CLASS})( *)([,:;!?])")
_PUNCT_BEFORE_CJK = re.compile(f"([,:;!?])(?= *{_CJK_CLASS})")
_PARENS = re.compile(r"[()]")


def _fix_parens(text: str) -> str:
    chars = list(text)
    opens: list[int] = []
    for m in _PARENS.finditer(text):
        i = m.start()
        if m.group() == "(":
            opens.append(i)
        elif opens:
            start = opens.pop()
            if _HAS_CJK.search(text, start + 1, i) or is_cjk(_neighbour(text, start, -1)):
                chars[start], chars[i] = "（", "）"
    return "".join(chars)


# A comma doubling the mark after it (`委员，、河北`, `一，、基础理论…；`, `脱节，。四，、…`, `认为，，新中国`): a copy's
# stray comma, never written so; it goes and the mark after it stays.
_STRAY_COMMA = re.compile(r"，(?=[，、。；：！？])")


def _fix_punct(text: str) -> str:
    """Show half-width `,:;!?()` in Chinese prose as full-width marks, and drop a copy's stray comma before
    another mark (the one change of length)."""
    if not _HAS_CJK.search(text):
        return text
    text = _PUNCT_AFTER_CJK.sub(lambda m: m.group(1) + _TO_FULL[m.group(2)], text)
    text = _PUNCT_BEFORE_CJK.sub(lambda m: _TO_FULL[m.group(1)], text)
    if "，" in text:
        text = _STRAY_COMMA.sub("", text)
    return _fix_parens(text) if "(" in text else text


def display_line(raw: str) -> str:
    """One physical line as shown to the learner: no emphasis marks, Chinese punctuation fixed
    (pinyin after characters went with what a broken copy leaves, `injected.py`)."""
    text = raw.translate(_INVISIBLE) if _HAS_INVISIBLE.search(raw) else raw
    if "*" in text or "_" in text or "~" in text or "`" in text:
        text = _EMPHASIS.sub("", _BOLD_LEAD.sub(r"\1 ", text))
        text = _SINGLE_STAR.sub(r"\1", text)
    return _fix_punct(text.replace("\t", " "))


def display_text(text: str) -> str:
    """The whole document in display form, line by line (what heads are drawn from)."""
    return "\n".join(display_line(line) for line in text.splitlines())


_SPACES = re.compile(r"[ \u3000\u00a0]+")


def clean(text: str) -> str:
    """Drop stray spaces next to Chinese characters and collapse the rest; strip the ends."""
    if " " not in text and "\u3000" not in text and "\u00a0" not in text:
        return text.strip()

    def repl(m: re.Match[str]) -> str:
        s, e = m.start(), m.end()
        before = text[s - 1] if s > 0 else ""
        after = text[e] if e < len(text) else ""
        if not before or not after or is_cjk(before) or is_cjk(after):
            return ""
        return " "

    return _SPACES.sub(repl, text).strip()


_GAP = re.compile(r"[ \u3000\u00a0]+")
_PHRASE = 4  # a headline gap separates two phrases at least this long: `加快数字政府建设 提升政务服务效能`


def clean_title(text: str) -> str:
    """`clean` for a headline, keeping the one space that separates its two phrases."""
    parts = _GAP.split(text.strip())
    phrases = [[parts[0]]]  # each phrase as its parts, joined once at the end (not n^2 by concatenation)
    size = len(parts[0])  # the length of the phrase being built, spaces included
    for part in parts[1:]:
        last = phrases[-1][-1]
        if is_cjk(last[-1:]) and is_cjk(part[:1]) and size >= _PHRASE and len(part) >= _PHRASE:
            phrases.append([part])
            size = len(part)
        else:
            phrases[-1].append(part)
            size += 1 + len(part)
    return " ".join(clean(" ".join(p)) for p in phrases)


@dataclass(frozen=True, slots=True)
class Line:
    """One physical source line: display text, its 1:1 folded key, its 1-based number, its indent."""

    text: str
    key: str
    lineno: int
    indent: int


def split_lines(text: str) -> list[Line]:
    """Split on any line break (LF, CRLF, CR ...) and normalize each line; blank lines are kept.

    A line holding HTML (`<p>…<br>…</p>`, `&nbsp;`) gives the lines a browser shows, all with its number.
    """
    out: list[Line] = []
    for n, source in enumerate(text.splitlines(), start=1):
        if not source:
            out.append(Line("", "", n, 0))  # a blank line, as `_line("")` gives it, without the work
            continue
        for raw in unwrap(source) if has_markup(source) else (source,):
            kept = without_injected(raw)
            if kept or not raw.strip():  # a line of injected scraps only is no line (not even a blank)
                out.extend(_line(piece, n) for piece in _unflatten(kept))
    return out


# A sentence end, then spaces, then text: where a paragraph break was flattened into a space.
_FLAT_BREAK = re.compile(r"[。！？][”’」』]?([ \u3000\u00a0]+)(?=\S)")
_FLAT_MIN = 200  # only a line this long can be several paragraphs run together
_FLAT_BREAKS = 2  # and only when it holds at least this many such breaks
_WIDE_GAP = re.compile(r"(?<=\S)[ \u3000\u00a0]{3,}(?=\S)")
# A run of spaces where a line break was; or the one space before a bullet (`… - 产业链延伸不足 …`).
_LIST_GAP = re.compile(r"(?<=\S)[ \u3000\u00a0]{2,}(?=\S)|(?<=\S) (?=[-•] \S)")
# A reference mark that ends an item (`…成功样板 [1] 乡村产业现存问题 - …`): what follows it up to the
# next item is a line of its own, the heading the flattening ran in.
_ITEM_END = re.compile(r"(?<=\S) \[\d{1,2}\]( )(?=[^\s\[-])")
_FLAT_ITEMS = 3
_ITEM_MIN = 8  # characters an item of such a list holds on the average, its marker included
_MARKER_LOOK = 12  # characters read after a gap for the marker that opens an item


def _numbered_gaps(text: str) -> list[tuple[int, int]]:
    """The runs of spaces in `text` that each stand before a numbered item (`   （二）…`, `   三、…`), when
    there are FLAT_ITEMS or more of them and they are most of its runs: a list (a table of contents,
    a column of items) flattened onto one line, its line breaks turned into spaces."""
    gaps = [m.span() for m in _LIST_GAP.finditer(text)]
    numbered = [(a, b) for a, b in gaps if match_line(fold(text[b : b + _MARKER_LOOK])) is not None]
    if len(numbered) < _FLAT_ITEMS or 2 * len(numbered) <= len(gaps):
        return []
    if len(text) - numbered[0][1] < _ITEM_MIN * len(numbered):
        return []  # `- 首页 - 新闻 - 评论`: a bar of links, not a list of things said
    return sorted({*numbered, *(m.span(1) for m in _ITEM_END.finditer(text, numbered[0][0]))})


def _unflatten(raw: str) -> list[str]:
    """A long line whose paragraphs were run together with spaces (`…前景廣闊。 頂層引領，…。 潛力巨大，…`),
    or whose numbered items were (`一、…   二、…   （一）…`), as its paragraphs; any other line as itself."""
    cuts = [m.span(1) for m in _FLAT_BREAK.finditer(raw.strip())] if len(raw) >= _FLAT_MIN else []
    if len(cuts) < _FLAT_BREAKS:
        cuts = _numbered_gaps(raw.strip()) if "  " in raw or " - " in raw else []
        if not cuts:
            return [raw]
    # Once the line is known to be run together, a wide gap is a break too: after a heading that has
    # no stop (`一、乡镇工作的困难   从…来看`).
    cuts = sorted({*cuts, *(m.span() for m in _WIDE_GAP.finditer(raw.strip()))})
    text, pieces, start = raw.strip(), [], 0
    for begin, end in cuts:
        pieces.append(text[start:begin])
        start = end
    pieces.append(text[start:])
    return pieces


def _line(raw: str, n: int) -> Line:
    shown = display_line(raw)
    stripped = shown.lstrip(" \u3000\u00a0")
    indent = sum(2 if c == "\u3000" else 1 for c in shown[: len(shown) - len(stripped)])
    stripped = stripped.rstrip()
    return Line(stripped, fold(stripped), n, indent)
