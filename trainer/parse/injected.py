"""Anti-copy garbage a site injects into the text a reader copies; string work only, no parsing decisions."""

# Some sites scatter runs of random ASCII scraps through a page so that a copy is spoilt
# (`- f6 U# {) L1 t; v 伴随…`, `…的依据 ; r& m. s5 G, p! a# q6 \. u`). A run of five or more scraps of
# one to three characters, some of them symbols and some a letter with a digit, is such garbage: it goes
# from the line and the text around it stays. Code (`tax_rate * (1 - x)`), a formula (`a + b = c`) or
# a list's letters (`A B C D E`) have no scraps that mix a letter with a digit and a letter with a mark.

from __future__ import annotations

import re

# A run may be glued to the characters around it (`…解题技巧0 |2 [1 Y" @5 \\+ F第一节`).
_RUN = re.compile(r"(?<![!-~])[!-~]{1,3}(?: {1,2}[!-~]{1,3}){4,}(?![!-~])")
_MIXED = re.compile(r"[A-Za-z]\d|\d[A-Za-z]")
_MARKED = re.compile(r"[A-Za-z0-9][^A-Za-z0-9]|[^A-Za-z0-9][A-Za-z0-9]")  # `U#`, `t;`, `{2`
_MARKER = re.compile(r"^(?:\d{1,2}[.、]?|[(（]\d{1,2}[)）])$")  # `1.` before the text it numbers
MIXED_MIN = 1
SYMBOLS_MIN = 2
_CHEAP = re.compile(r"[!-~] {1,2}[!-~]{1,3} {1,2}[!-~]")  # no run is possible without this


MANY_MIXED = 3  # this many scraps of a letter with a digit, and one mark anywhere
MANY_MARKED = 4  # with no letter beside a digit, this many scraps with a mark, of
MARKS_MIN = 3  # this many different marks (`|2 [1 Y" @5 \\+`; an options row `A. B. C. D. E.` has one)


def _is_garbage(tokens: list[str], whole: bool = False) -> bool:
    """True for a run of scraps; a run that is the whole line (`# * b4 ?" I! D`: no text beside it to
    share it with) needs one scrap of each kind, a letter with a digit, a letter with a mark, a mark alone."""
    mixed = sum(1 for t in tokens if _MIXED.search(t))
    marked = [t for t in tokens if _MARKED.search(t)]
    if mixed >= MIXED_MIN and len(marked) >= SYMBOLS_MIN:
        return True
    if whole and mixed >= MIXED_MIN and marked and any(not any(c.isalnum() for c in t) for t in tokens):
        return True
    if mixed >= MANY_MIXED and any(not t.isalnum() for t in tokens):
        return True  # `* \`. S! X0 F7 R1 A`: three scraps of a letter with a digit, and marks
    marks = {c for t in marked for c in t if not c.isalnum()}
    return len(marked) >= MANY_MARKED and len(marks) >= MARKS_MIN


# What a broken copy leaves in the text, one row a kind: in place of characters it lost, `锟斤拷` (U+FFFD
# read through GBK) and the `烫烫烫` / `屯屯屯` of memory never written; a page's ruby printed after each
# character it annotates, a pinyin reading with its tone mark in brackets (`營商環(huán)境`, `優（yōu）化`;
# an abbreviation `(BRT)` has no tone mark and stays).
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
PINYIN_READING = rf"(?<=[\u3400-\u9fff])[(（][a-zü{_TONED}]{{0,5}}[{_TONED}][a-zü{_TONED}]{{0,5}} ?[)）]"
_LEFT_OVER = (r"(?:锟斤拷)+|烫{3,}|屯{3,}", PINYIN_READING)
_LOST = re.compile("|".join(_LEFT_OVER))
_READING = re.compile(PINYIN_READING)
# On a line whose characters carry such readings (a copy through a narrow charset), an ASCII `?` glued to
# letters after it (`規(guī)?;B(yǎng)殖`, `重?cái)?shù)量`) stands for a character the copy lost, with the `;` it
# left: no question mark, so never the end of a sentence. A real `?` is followed by Chinese, a quote, a
# space or the line's end.
_LOST_MARK = re.compile(rf"\?;?(?=[A-Za-zü{_TONED}])")


def without_injected(raw: str) -> str:
    """The line without the runs of random ASCII scraps a site injected into it, and without what a broken
    copy left for the characters it lost."""
    if "锟斤拷" in raw or "烫烫烫" in raw or "屯屯屯" in raw or "(" in raw or "（" in raw:
        if "?" in raw and _READING.search(raw):
            raw = _LOST_MARK.sub("", raw)
        raw = _LOST.sub("", raw)
    if not _CHEAP.search(raw):
        return raw
    out: list[str] = []
    last = 0
    for m in _RUN.finditer(raw):
        tokens = m.group().split()
        if not _is_garbage(tokens, whole=not raw[: m.start()].strip() and not raw[m.end() :].strip()):
            continue
        end = m.end()
        after = raw[end:].lstrip(" ")[:1]
        if _MARKER.match(tokens[-1]) and after and not after.isascii():
            end = m.start() + m.group().rindex(tokens[-1])  # `~ 1. 撰写…`: the number belongs to the text
        out.append(raw[last : m.start()])
        last = end
    if not out:
        return raw
    out.append(raw[last:])
    return re.sub(r" {2,}", " ", "".join(out)).strip(" ")
