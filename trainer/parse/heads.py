"""Cutting a point's text into the head phrase to recall and the body that elaborates it; no structure."""

from __future__ import annotations

import re

from trainer.parse.markers import COUNTED_LABEL
from trainer.parse.normalize import clean, fold

MAX_HEAD = 30  # a head longer than this is a whole sentence (long_head)
MIN_CLAUSE = 4  # a first clause shorter than this is no head (近年来，)
_STOPS = "。；：！？!?;…"
_OPEN = "“‘《（(「『〔【["
_CLOSE = "”’》）)」』〕】]"
_TRIM = " ，。；：、！？,.;:!?…—-"
_ADVERBIAL = re.compile(
    r"^(?:\d{4}年(?:\d{1,2}月)?(?:\d{1,2}日)?|\d{1,2}月\d{1,2}日|近年来|近些年|近几年|近年|目前|当前|同时"
    r"|此外|另外|因此|所以|总之|对此|为此|其中|例如|比如|一般来说|总的来说|具体来说|具体而言|.{0,8}以来"
    r"|在[^，,]{1,16}(?:中|上|下|里|内|方面|领域|地区|时期|阶段|背景下|过程中|同时|之际|之时)|.{1,8}(?:当前|面前|之下)"
    r"|.{1,6}(?:觉得|认为|指出|表示|强调|看来)|(?:就|拿|以|从)[^，,]{1,12}(?:来说|来看|而言)|为了?(?:深入)?(?:贯彻|落实|加快|进一步|推动|推进|适应|解决).*|按照.*|根据.*|依据.*|随着.*)$"
)


# A phrase of words (no punctuation but 、) ended by a space between two Chinese characters, then a sentence
# that runs on for a while before its first stop: a head and its body.
_GAP = re.compile(
    r"^([\u4e00-\u9fff][^\s，。；：！？,.;:!?“”《》（）()]{4,28}[\u4e00-\u9fff]) +(?=[\u4e00-\u9fff][^。；！？!?;]{14})"
)


def is_adverbial(clause: str) -> bool:
    """True for a clause that only sets the scene (`近年来`, `在基层治理中`, `随着…`): never a head."""
    return bool(_ADVERBIAL.match(clause))


def _scan(text: str, start: int = 0) -> tuple[int, int]:
    """Offsets of the first sentence stop and the first comma outside quotes and brackets from `start`
    (-1 if none)."""
    depth = 0
    comma = -1
    for i in range(start, len(text)):
        ch = text[i]
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0:
            if ch in _STOPS:
                return i, comma
            if ch in "，," and comma < 0:
                comma = i
    return -1, comma


def _clause_cut(sentence: str) -> int:
    """Where a long sentence's short lead clause ends, or -1 when it has none."""
    depth = 0
    for i, ch in enumerate(sentence):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0 and ch in "，,":
            clause = clean(sentence[:i]).strip(_TRIM)
            if len(clause) < MIN_CLAUSE or _ADVERBIAL.match(clause):
                return -1
            return i if len(clause) <= MAX_HEAD else -1
    return -1


def split_run_together(text: str) -> tuple[str, str, bool]:
    """`split_head` for an item of a list run together in one paragraph (`一是…，…；二是…`): its head
    is its lead up to the first ，；。 (unless that clause is an adverbial opener or too short)."""
    stripped = text.strip()
    _, comma = _scan(stripped)
    stop, _ = _scan(stripped)
    if comma >= 0 and (stop < 0 or comma < stop):
        clause = clean(stripped[:comma]).strip(_TRIM)
        if len(clause) >= MIN_CLAUSE and not _ADVERBIAL.match(clause):
            return clause, clean(stripped[comma + 1 :]).rstrip("；;，,、 "), len(clause) > MAX_HEAD
    return split_head(text)


def split_head(text: str) -> tuple[str, str, bool]:
    """Split a point's text (marker removed) into (head, body, long_head).

    The head is the lead up to the first 。；：！, or, when that sentence is long, its first short
    clause (`要增加对数据平台建设的投入，进一步建设…` gives `要增加对数据平台建设的投入`).
    A long sentence without a short first clause is kept whole and flagged long.
    """
    text = text.strip()
    label = COUNTED_LABEL.match(fold(text))
    if label:
        text = text[label.end() :]  # `难题一：治理主体能力不足`: the head is after the count
    gap = _GAP.match(text)
    if gap:
        # `基础文化设施利用率有待提高 近年来全市…`: a head whose stop was lost (it was bold on the page)
        # and its body, apart only by a space.
        return clean(gap.group(1)), clean(text[gap.end() :]).rstrip("；;，,、 "), False
    start = 0  # an offset, not a slice per sentence: a text of many stray stops stays linear
    while start < len(text):
        stop, _ = _scan(text, start)
        sentence = text[start:] if stop < 0 else text[start:stop]
        cut = stop
        if len(clean(sentence).strip(_TRIM)) > MAX_HEAD:
            comma = _clause_cut(sentence)
            if comma >= 0:
                cut = start + comma
        head = clean(text[start:] if cut < 0 else text[start:cut]).strip(_TRIM)
        if head:
            body = "" if cut < 0 else text[cut + 1 :]
            return head, clean(body).rstrip("；;，,、 "), len(head) > MAX_HEAD
        if cut < 0:
            break
        # Nothing before the first stop (a stray mark): take the next sentence instead.
        start = cut + 1
        while start < len(text) and text[start].isspace():
            start += 1
    return "", "", False
