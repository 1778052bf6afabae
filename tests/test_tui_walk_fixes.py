"""Fixes from a new user's walkthrough at 80x24 (session 12): each checked as the user meets it."""

from __future__ import annotations

import re
from datetime import date

import pytest
from rich.cells import cell_len
from sqlalchemy import select
from sqlalchemy.orm import Session
from textual.widgets import Input, Select, Static, TextArea

from tests.conftest import SHANGHAI
from tests.test_tui_exam_plan import db_points, settle, static_text, studied
from tests.tui_support import ExamSettings, app_for, log, sync
from trainer.core.model import Deck, Point, Section, SectionKind, Topic
from trainer.services.config import DeckLimits
from trainer.store.models import CardRow, DeckRow
from trainer.tui.screens.browse import BrowseScreen
from trainer.tui.screens.exam_plan import ExamPlanScreen
from trainer.tui.screens.help import HelpScreen
from trainer.tui.screens.home import HomeScreen
from trainer.tui.screens.new_deck import NewDeckScreen
from trainer.tui.screens.outline import OutlineScreen
from trainer.tui.screens.review import ReviewScreen
from trainer.tui.screens.summary import SummaryScreen
from trainer.tui.widgets.key_bar import KeyBar
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


PASTED = "# 营商环境\n\n## 存在的问题\n\n1. 审批慢。材料多。\n2. 收费乱。标准不一。\n"


def _error_line(app) -> str:
    return str(app.screen.query_one("#new-deck-error", Static).render())


async def _type_text(pilot, text: str) -> None:
    await pilot.press(*["enter" if c == "\n" else "space" if c == " " else c for c in text])


async def test_ctrl_o_goes_to_the_empty_paste_box_and_builds_from_a_filled_one(engine) -> None:
    async with app_for(engine).run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, NewDeckScreen)
        label = " ".join(str(w.render()) for w in screen.query(Static))
        assert "Tab" in label and "Ctrl+O 生成大纲" in label  # how to reach the box, and how to build from it
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert screen.focused is screen.query_one("#new-deck-paste", TextArea)
        await _type_text(pilot, PASTED)
        await pilot.pause()
        assert screen.query_one("#new-deck-path", Input).value == ""
        assert _error_line(pilot.app) == ""  # the hint Ctrl+O gave is gone once the box is typed in
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(pilot.app.screen, OutlineScreen)
        await pilot.press("tab", "tab", "enter")  # outline -> source -> 保存
        await pilot.pause()
    with Session(engine) as s:
        decks = list(s.scalars(select(DeckRow.name)))
        kinds = sorted(s.scalars(select(CardRow.kind)))
    assert decks == ["营商环境"] and kinds.count("head") == 2, (decks, kinds)


async def test_a_stale_message_goes_when_the_paste_box_is_filled(engine) -> None:
    async with app_for(engine).run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        await pilot.click("#new-deck-open-paste")
        await pilot.pause()
        assert "粘贴框是空的" in _error_line(pilot.app)
        pilot.app.screen.query_one("#new-deck-path", Input).focus()
        await pilot.press("tab")  # path -> paste box
        await _type_text(pilot, "一")
        await pilot.pause()
        assert _error_line(pilot.app) == ""
        pilot.app.screen.query_one("#new-deck-path", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert "先输入文档的路径" in _error_line(pilot.app)
        await pilot.press("x")
        await pilot.pause()
        assert _error_line(pilot.app) == ""


@pytest.mark.parametrize("start", [("p", "k"), ("k",)], ids=["from-the-plan", "from-home"])
async def test_the_cram_summary_counts_a_list_as_one_card_and_says_where_enter_goes(engine, start) -> None:
    studied(engine)  # six lists of five points
    settings = ExamSettings(zone=SHANGHAI, exam_date=date(2026, 11, 22), new_per_day=5)  # the exam is today
    async with app_for(engine, settings, repeat_guard=0).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for key in start:
            await pilot.press(key)
            await settle(pilot)
        review = pilot.app.screen
        assert isinstance(review, ReviewScreen)
        before = len(log(engine))
        await pilot.press("space")  # reveal the list
        await pilot.pause()
        await pilot.press("space")  # every point 4
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        summary = pilot.app.screen
        assert isinstance(summary, SummaryScreen)
        answered = log(engine)[before:]
        n = len(answered)  # the list and its points, as the log counts them
        assert n >= 3 and len({card for card, _ in answered}) == n
        text = str(summary.query_one("#summary", Static).render())
        assert f"回答：{n} 次（1 张卡片）" in text and f"其中列表：1 次，逐点评分 {n - 1} 个要点" in text
        bar = summary.query_one(KeyBar).text()
        back_to = ExamPlanScreen if start == ("p", "k") else HomeScreen
        assert ("⏎ 返回备考计划" if back_to is ExamPlanScreen else "⏎ 返回首页") in bar
        await pilot.press("enter")
        await pilot.pause()
        assert type(pilot.app.screen) is back_to


@pytest.mark.parametrize(
    ("everywhere", "own", "paused"),
    [(0, 5, False), (5, 0, True), (0, None, True), (5, None, False)],
    ids=["global-0-deck-5", "global-5-deck-0", "global-0", "global-5"],
)
async def test_home_and_the_exam_plan_agree_on_a_deck_set_to_no_new_cards(engine, everywhere, own, paused) -> None:
    studied(engine)  # one deck, 大卡组: some points never answered
    points, seen, _lists = db_points(engine)
    settings = ExamSettings(
        zone=SHANGHAI,
        exam_date=date(2027, 1, 10),
        new_per_day=everywhere,
        decks={"大卡组": DeckLimits(new_per_day=own)},
    )
    async with app_for(engine, settings).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        home = static_text(pilot.app.screen, "#home-status")
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ExamPlanScreen)
        advice = static_text(pilot.app.screen, "#plan-advice")
    said_home = re.search(r"新卡已设为每天 0 张：考试计划要每天 (\d+) 个新要点", home.replace("\n", ""))
    said_plan = re.search(r"每天新卡设为 0：还有 (\d+) 个要点没学过，考试计划要每天约 (\d+) 个新要点", advice)
    assert bool(said_home) is paused and bool(said_plan) is paused, (home, advice)
    if paused:
        assert int(said_plan[1]) == points - seen  # the deck's unseen points, as the database holds them
        assert said_home[1] == said_plan[2] and int(said_home[1]) > 0


async def test_typing_chinese_on_the_browse_table_searches_and_letters_stay_keys(engine, deck) -> None:
    sync(engine, deck)
    async with app_for(engine).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, BrowseScreen) and screen.focused is screen.table
        assert screen.total == 3
        await pilot.press("权", "力")
        await pilot.pause(0.5)  # the search waits for typing to stop
        await settle(pilot)
        box = screen.query_one("#browse-text", Input)
        assert box.value == "权力" and screen.focused is box
        assert [r.head for r in screen.page.rows] == ["权力下放不到位"] and screen.total == 1
        await pilot.press("enter")  # back to the table; a letter there is the screen's key, not a search
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        assert box.value == "权力" and screen.query_one("#browse-state", Select).value == "new"
    with Session(engine) as s:
        (shown,) = [r.card_id for r in screen.page.rows] or [None]
        assert s.get(CardRow, shown).kind == "head"
