"""Fixes from a new user's walkthrough at 80x24 (session 12): each checked as the user meets it."""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from textual.widgets import Static

from tests.tui_support import app_for, sync
from trainer.core.model import Deck, Point, Section, SectionKind, Topic
from trainer.tui.screens.help import HelpScreen
from trainer.tui.screens.review import ReviewScreen
from trainer.tui.widgets.outline_list import outline_rows


@pytest.mark.parametrize("brk", ["\n", "\r\n", "\r", "\u2028"], ids=["lf", "crlf", "cr", "ls"])
def test_an_outline_row_shows_a_line_break_in_a_body_as_a_space(brk: str) -> None:
    body = f"1.物业管理市场供需失衡{brk}从走访情况看，供需矛盾突出"
    point = Point(id="p1", head="调查结果", body=body)
    deck = Deck(name="d", topics=(Topic(title="题", sections=(Section(SectionKind.PROBLEMS, "问题", (point,)),)),))
    row = str(outline_rows(deck)[-1][1])
    assert "第1点 调查结果 | 1.物业管理市场供需失衡 从走访情况看" in row
    assert not any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 or c in "\ufffd\u2028" for c in row)


async def test_the_help_says_how_to_grade_a_list_point_by_point_at_80x24(engine, deck) -> None:
    sync(engine, deck)
    async with app_for(engine).run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(pilot.app.screen, HelpScreen)
        widget = pilot.app.screen.query_one("#help-text", Static)
        rows = [
            "".join(seg.text for seg in strip).rstrip() for strip in widget.render_lines(widget.region.reset_offset)
        ]
    review = "\n".join(rows[rows.index("复习") : rows.index("浏览")])
    assert all(cell_len(row) <= 80 for row in rows)
    # Picking a point, grading the highlighted one, and Space/Enter for the rest: each on its own key line.
    keys = {row.split(None, 1)[0] for row in review.splitlines() if row.startswith("  ") and row[2] != " "}
    assert {"↑", "0–5", "空格"} <= keys
    assert "选要点" in review and "高亮的要点" in review and "未评的要点按 4 分" in review and "整组" in review
    # The keys named are the review screen's keys for moving between points.
    bound = {k for b in ReviewScreen.BINDINGS if b.action.startswith("point(") for k in b.key.split(",")}
    assert {"up", "down", "tab"} <= bound
