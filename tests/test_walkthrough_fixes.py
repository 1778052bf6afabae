"""What a new learner's walkthrough found inconsistent, each driven as the learner met it and checked
against the screen and the database: new cards set to 0 before an exam, a list's intervals, the
streak in card info, home's 学习中, and 考前速记 months before the exam."""

from __future__ import annotations

import math
from datetime import date

from sqlalchemy import text
from sqlalchemy.orm import Session
from textual.widgets import DataTable, Static

from tests.conftest import SHANGHAI, make_deck
from tests.tui_support import app_for, sync
from trainer.sched.budget import NEW_LEAD_DAYS, paced_new
from trainer.services.config import Settings
from trainer.services.exam_plan import exam_plan
from trainer.store.queries import runner

TODAY = date(2026, 11, 22).toordinal()  # the study day of tests.conftest.FIXED_NOW
EXAM = date(2027, 1, 10)
HEADS = ("人才队伍不完善", "权力下放不到位", "线上线下未融合", "服务意识不够强", "办事流程不规范")


async def settle(pilot) -> None:
    for _ in range(2):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def _status(app) -> str:
    return str(app.screen.query_one("#home-status", Static).render())


# 1. New cards set to 0 stay 0 with an exam date; home and the plan say what the exam would want.


def test_a_limit_of_0_is_kept_before_an_exam() -> None:
    assert paced_new(600, 0, 90, 0) == 0
    assert paced_new(600, 0, 90, 5) == 9  # a limit above 0 is still raised to the exam's pace


async def test_home_keeps_new_cards_at_0_and_says_what_the_exam_plan_wants(engine) -> None:
    sync(engine, make_deck(heads=HEADS))
    settings = Settings(zone=SHANGHAI, exam_date=EXAM, new_per_day=0)
    pace = math.ceil(len(HEADS) / (EXAM.toordinal() - NEW_LEAD_DAYS - TODAY))
    async with app_for(engine, settings).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = pilot.app.screen.query_one("#decks", DataTable)
        assert str(table.get_row_at(0)[2]) == "0"  # 新卡
        status = _status(pilot.app)
        assert "新卡 0" in status
        assert f"考试计划要每天 {pace} 个新要点" in status
        await pilot.press("enter")  # nothing to study: no card is shown, nothing is answered
        await settle(pilot)
    with engine.connect() as c:
        assert c.execute(text("SELECT COUNT(*) FROM review_log")).scalar() == 0
    with Session(engine) as s:
        plan = exam_plan(runner(s), settings, TODAY)
    assert plan.unseen == len(HEADS)
    assert f"还有 {len(HEADS)} 个要点没学过，考试计划要每天约 {pace} 个新要点" in plan.advice


async def test_home_says_nothing_of_the_pace_when_new_cards_are_allowed(engine) -> None:
    sync(engine, make_deck(heads=HEADS))
    settings = Settings(zone=SHANGHAI, exam_date=EXAM, new_per_day=2)
    async with app_for(engine, settings).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "考试计划要每天" not in _status(pilot.app)
        table = pilot.app.screen.query_one("#decks", DataTable)
        assert str(table.get_row_at(0)[2]) == "2"
