"""Property tests: the parser never crashes, and every head it returns comes from the input."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trainer.core.model import Deck
from trainer.errors import DocumentError
from trainer.parse import decode, parse_document
from trainer.parse.normalize import display_text

FRAGMENTS = [
    "\n", "\n\n", "\r\n", "\r", " ", "\u3000", "\t", "#", "## ", "#### ", "**", "*", "`", "★", "- ",
    "1. ", "2、", "３．", "(1)", "（2）", "①", "②", "一、", "二、", "（一）", "(二)", "一是", "二是",
    "一要", "第一，", "第二、", "其一，", "首先，", "其次，", "最后，", "一方面，", "另一方面，",
    "存在问题", "对策", "重要意义", "取得成效", "问题1：", "主要表现在以下两方面：", "可从以下三方面着手：",
    "加强组织领导", "人才总量不足", "完善制度", "群众办事", "2019年10月8日", "3.0版", "12345热线",
    "。", "，", ",", "；", "：", ":", "！", "？", "、", "“", "”", "《", "》", "（", "）", "(", ")",
    "——以S省为例", "王亚峰", "发布时间:2020-09-16", "www.example.cn", "相关文章", "Top", "版权所有",
    "a", "Z", "0", "\x00", "\ufeff", "\u200b", "…", "——",
]  # fmt: skip
genre_text = st.lists(st.sampled_from(FRAGMENTS), max_size=80).map("".join)
any_text = st.text(max_size=400)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _check(text: str) -> Deck | None:
    try:
        deck = parse_document(text, source="prop.txt")
    except DocumentError:
        return None
    shown = _squash(display_text(text))
    assert deck.topics
    for topic, section, point in deck.points():
        assert topic.title and section.heading
        assert point.head.strip()
        assert _squash(point.head) in shown, point.head
        assert point.line >= 1
    ids = [p.id for _, _, p in deck.points()]
    assert len(ids) == len(set(ids))
    return deck


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(genre_text)
def test_genre_like_text_never_crashes(text: str) -> None:
    _check(text)


@settings(max_examples=300, deadline=None)
@given(any_text)
def test_arbitrary_text_never_crashes(text: str) -> None:
    _check(text)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("".join), st.sampled_from(["utf-8", "gb18030"]))
def test_decode_then_parse_never_crashes(text: str, encoding: str) -> None:
    try:
        decoded = decode(text.encode(encoding, errors="ignore"))
    except DocumentError:
        return
    _check(decoded)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_decode_arbitrary_bytes_only_raises_document_error(data: bytes) -> None:
    try:
        text = decode(data)
    except DocumentError:
        return
    assert text.strip()
