"""Fixes from a new user's walkthrough at 80x24 (session 12): each checked as the user meets it."""

from __future__ import annotations

import pytest

from trainer.core.model import Deck, Point, Section, SectionKind, Topic
from trainer.tui.widgets.outline_list import outline_rows


@pytest.mark.parametrize("brk", ["\n", "\r\n", "\r", "\u2028"], ids=["lf", "crlf", "cr", "ls"])
def test_an_outline_row_shows_a_line_break_in_a_body_as_a_space(brk: str) -> None:
    body = f"1.物业管理市场供需失衡{brk}从走访情况看，供需矛盾突出"
    point = Point(id="p1", head="调查结果", body=body)
    deck = Deck(name="d", topics=(Topic(title="题", sections=(Section(SectionKind.PROBLEMS, "问题", (point,)),)),))
    row = str(outline_rows(deck)[-1][1])
    assert "第1点 调查结果 | 1.物业管理市场供需失衡 从走访情况看" in row
    assert not any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 or c in "\ufffd\u2028" for c in row)
