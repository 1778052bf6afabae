"""What a new learner's walkthrough found inconsistent, each driven as the learner met it and checked
against the screen and the database: new cards set to 0 before an exam, a list's intervals, the
streak in card info, home's 学习中, and 考前速记 months before the exam."""

from __future__ import annotations

import math
import re
from datetime import date, timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session
from textual.widgets import DataTable, Static

from tests.conftest import FIXED_NOW, SHANGHAI, make_deck
from tests.tui_support import add_history, app_for, start_review, sync
from trainer.core.stats import correct_run
from trainer.sched.budget import NEW_LEAD_DAYS, paced_new
from trainer.services.config import Settings
from trainer.services.exam_plan import exam_plan
from trainer.store import queries
from trainer.store.queries import runner
from trainer.tui.screens.card_info import CardInfoScreen
from trainer.tui.screens.home import HomeScreen
from trainer.tui.screens.review import ReviewScreen

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


# 2. A list's grade keys and its 整组 line come from one computation: the list's answer.


def _list_known_yesterday(engine) -> None:
    """Every point answered 4 yesterday: today the list card enters (tests.test_tui_lists)."""
    sync(engine, make_deck(heads=HEADS))
    with Session(engine) as s, s.begin():
        for card_id in range(1, len(HEADS) + 1):
            queries.record_answer(s, card_id, 4, now=FIXED_NOW - timedelta(days=1), today=TODAY - 1)


def _days(label: str) -> int:
    return 0 if "今天" in label else int(re.search(r"(\d+)天", label).group(1))  # type: ignore[union-attr]


@pytest.mark.parametrize("exam", [None, EXAM], ids=["sm2", "exam-mode"])
async def test_a_lists_grade_keys_agree_with_its_whole_line_and_the_answer(engine, exam) -> None:
    _list_known_yesterday(engine)
    list_id = len(HEADS) + 1  # make_deck gives the head cards first, then the list card
    async with app_for(engine, Settings(zone=SHANGHAI, exam_date=exam)).run_test(size=(80, 24)) as pilot:
        review = await start_review(pilot)
        assert review.session.current().card_id == list_id
        await pilot.press("space")
        await pilot.pause()
        whole = str(review.query_one("#list-total", Static).render())
        assert whole.startswith("整组（取最低分）：4 良好 → ")
        listed = _days(whole.split("→")[1])
        assert _days(str(review.query_one("#grade-cell-4", Static).render())) == listed
        await pilot.press("down", "3")  # point 2 graded 3: the list is graded 3 too
        whole = str(review.query_one("#list-total", Static).render())
        assert whole.startswith("整组（取最低分）：3 ")
        await pilot.press("up")  # back on point 2, set to 3
        await pilot.pause()
        assert _days(str(review.query_one("#grade-cell-3", Static).render())) == _days(whole.split("→")[1])
        await pilot.press("space")  # answered: the list card is due when both said
        await pilot.pause()
    with engine.connect() as c:
        due = c.execute(text("SELECT due_day FROM card_state WHERE card_id = :c"), {"c": list_id}).scalar()
    assert due - TODAY == _days(whole.split("→")[1])


# 3. Card info's 连续答对 counts the answers since the last miss, same-day repeats too.


@pytest.mark.parametrize(
    ("grades", "run"),
    [((), 0), ((0,), 0), ((0, 5), 1), ((4, 4, 2, 3, 4), 2), ((4, 4, 4), 3), ((5, 1), 0)],
    ids=["none", "miss", "miss-then-pass", "two-since-miss", "all-pass", "pass-then-miss"],
)
def test_correct_run_counts_from_the_last_miss(grades, run) -> None:
    assert correct_run(grades) == run


async def test_card_info_counts_the_correct_answer_after_a_miss(engine) -> None:
    sync(engine, make_deck(heads=("人才队伍不完善",)))
    async with app_for(engine).run_test(size=(80, 24)) as pilot:
        review = await start_review(pilot)
        card_id = review.session.current().card_id
        await pilot.press("space", "0")  # forgotten: back at once (the only card)
        assert review.session.current().card_id == card_id
        await pilot.press("space", "5")
        await pilot.pause()
        await pilot.app.push_screen(CardInfoScreen(pilot.app.store, card_id))
        await pilot.pause()
        info = str(pilot.app.screen.query_one("#info-text", Static).render())
    with engine.connect() as c:
        grades = [
            r[0]
            for r in c.execute(text("SELECT quality FROM review_log WHERE card_id = :c ORDER BY id"), {"c": card_id})
        ]
    assert grades == [0, 5]
    assert "连续答对：1 次" in info


# 4. Home's topic rows count 学习中 as their deck row does: today's cards to answer again.


async def test_home_topic_rows_count_learning_as_the_deck_row_does(engine) -> None:
    sync(engine, make_deck(heads=HEADS))
    async with app_for(engine).run_test(size=(80, 24)) as pilot:
        review = await start_review(pilot)
        await pilot.press("space", "0")  # forgotten: to answer again today
        await pilot.press("q")  # the summary
        await pilot.press("escape")  # home
        await settle(pilot)
        assert isinstance(pilot.app.screen, HomeScreen)
        await pilot.press("t")  # the deck's topics
        await settle(pilot)
        table = pilot.app.screen.query_one("#decks", DataTable)
        deck_row, topic_row = (table.get_row_at(i) for i in range(2))
        assert str(topic_row[0]).strip() == "优化基层政企服务"  # make_deck's one topic
    with engine.connect() as c:
        failed = c.execute(text("SELECT COUNT(DISTINCT card_id) FROM review_log WHERE quality < 3")).scalar()
    assert failed == 1 and review is not None
    assert (deck_row[3], topic_row[3]) == (1, 1)  # 学习中: the one card answered 0, in the one topic
    assert (deck_row[1], topic_row[1]) == (0, 0)  # 到期: nothing due yet on a new deck


# 5. 考前速记 months before the exam says so in one line when it starts, and still runs.


def _weak_history(engine) -> None:
    """Points answered with misses over the last weeks: 考前速记 has weak lists to pick."""
    sync(engine, make_deck(heads=HEADS))
    add_history(engine, list(range(1, len(HEADS) + 1)), days_back=20, today=TODAY)


@pytest.mark.parametrize(
    ("exam", "told"), [(date(2027, 3, 28), True), (date(2026, 12, 6), False)], ids=["months-ahead", "in-14-days"]
)
async def test_cram_far_from_the_exam_says_so_and_still_runs(engine, exam, told) -> None:
    _weak_history(engine)
    settings = Settings(zone=SHANGHAI, exam_date=exam)
    async with app_for(engine, settings).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("k")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ReviewScreen)  # it runs either way
        shown = [n.message for n in pilot.app._notifications]
    days = exam.toordinal() - TODAY
    early = [m for m in shown if f"离考试还有 {days} 天" in m]
    assert len(early) == (1 if told else 0), shown
