"""A list card's review in the TUI: a grade per point (self-graded and typed), logged as answers of the
points' head cards, applied to their schedules, and taken back whole by undo."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session
from textual.widgets import Input, Static

from tests.conftest import FIXED_NOW, SHANGHAI, make_deck
from tests.tui_support import app_for, start_review, states, sync
from trainer.services.config import Settings
from trainer.store import queries, stats
from trainer.store.handle import Store
from trainer.store.models import CardStateRow, ReviewLogRow
from trainer.tui.app import make_app
from trainer.tui.screens.home import HomeScreen
from trainer.tui.screens.review import ReviewScreen
from trainer.tui.screens.summary import SummaryScreen

TODAY = date(2026, 11, 22).toordinal()
HEADS = ("人才队伍不完善", "权力下放不到位", "线上线下未融合", "考核评价不健全", "基层负担仍较重", "数据共享不充分")
LIST_ID = len(HEADS) + 1  # make_deck gives the head cards first, then the list card


def known_yesterday(engine) -> None:
    """Every point answered 4 yesterday: today the list card enters and the heads, due again, go with it."""
    sync(engine, make_deck(heads=HEADS))
    with Session(engine) as s, s.begin():
        for card_id in range(1, len(HEADS) + 1):
            queries.record_answer(s, card_id, 4, now=FIXED_NOW - timedelta(days=1), today=TODAY - 1)


def today_log(engine) -> list[tuple[int, int, int | None]]:
    with Session(engine) as s:
        rows = s.scalars(select(ReviewLogRow).where(ReviewLogRow.day == TODAY).order_by(ReviewLogRow.id))
        return [(r.card_id, r.quality, r.via_card_id) for r in rows]


def rows_text(review: ReviewScreen) -> list[str]:
    return [str(w.render()) for w in review.query(".list-point").results(Static)]


async def _start(pilot) -> ReviewScreen:
    review = await start_review(pilot)
    assert review.session.current().card_id == LIST_ID and review.session.left == 1  # the heads go with it
    return review


async def test_self_graded_list_gives_each_point_its_grade_and_undo_takes_it_all_back(engine) -> None:
    known_yesterday(engine)
    before = states(engine)
    async with app_for(engine).run_test(size=(80, 24)) as pilot:
        review = await _start(pilot)
        await pilot.press("space")
        assert review.list_grades is not None and len(rows_text(review)) == 6
        assert rows_text(review)[0].startswith("▸ 1. 人才队伍不完善")
        await pilot.press("5")  # point 1; the highlight moves on to point 2
        await pilot.press("down", "1")  # point 3 forgotten
        assert "今天" in str(review.query_one("#grade-cell-1", Static).render())
        assert "3. 线上线下未融合　1 错误 → 今天" in rows_text(review)[2]
        assert today_log(engine) == []  # nothing is written before the list is answered
        await pilot.press("space")  # 4 for the points not yet set, and the list is answered
        grades = [5, 4, 1, 4, 4, 4]
        assert today_log(engine) == [(LIST_ID, 1, None)] + [(i + 1, g, LIST_ID) for i, g in enumerate(grades)]
        after = states(engine)
        for i, g in enumerate(grades, 1):
            _queue, due, reps, *_ = after[i]
            assert (due - TODAY, reps) == ((6, 2) if g >= 3 else (1, 0)), (i, g)  # each point's own schedule
        assert review.session.current().card_id == LIST_ID  # graded 1 by its weakest point: back today
        await pilot.press("u")
        assert today_log(engine) == [] and states(engine) == before
        assert review.session.current().card_id == LIST_ID and review.list_grades is None


async def test_typed_list_suggests_a_grade_per_point_each_overridable(engine) -> None:
    known_yesterday(engine)
    async with app_for(engine).run_test(size=(80, 24)) as pilot:
        review = await _start(pilot)
        await pilot.press("t")
        assert len(review.query(Input)) == 6
        typed = ["人才队伍不完善", "权力下放", "线上线下未融合", "考核评价不健全", "基层负担仍较重", "数据共享不充分"]
        for text in typed:
            pilot.app.focused.value = text
            await pilot.press("enter")
        grades = review.list_grades
        assert grades is not None and grades.grades == [5, 2, 5, 5, 5, 5]  # suggested, one per point
        await pilot.press("down", "3")  # the learner overrides point 2: it was nearly right
        assert grades.grades == [5, 3, 5, 5, 5, 5]
        await pilot.press("enter")
        assert today_log(engine) == [(LIST_ID, 3, None)] + [(i, g, LIST_ID) for i, g in enumerate(grades.grades, 1)]
        with Session(engine) as s:
            point2 = s.get(CardStateRow, 2)
            assert (point2.reps, point2.due_day - TODAY) == (2, 6)


async def test_the_summary_counts_a_list_answer_as_the_log_home_and_stats_do(engine) -> None:
    known_yesterday(engine)
    async with app_for(engine).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        home = pilot.app.screen
        assert isinstance(home, HomeScreen)
        # Home counts the day's cards as the session offers them: the list, its heads answered through it.
        assert "待复习 1 张" in str(home.query_one("#home-status", Static).render())
        review = await _start(pilot)
        await pilot.press("space", "5", "down", "2", "space")  # 5, 4, 2, 4, 4, 4: the list back today
        await pilot.press("enter", "space")  # its repeat revealed (Enter: Space again would be a held key), all 4
        await pilot.pause()
        assert isinstance(pilot.app.screen, SummaryScreen)
        summary = pilot.app.screen.summary
        logged = today_log(engine)
        assert len(logged) == 14  # twice the list and its six points
        passed = sum(1 for _, q, _ in logged if q >= 3)
        assert (summary.reviewed, summary.correct, summary.cards) == (14, passed, 1)  # the list, shown twice
        assert (summary.shown, summary.lists, summary.list_points) == (2, 2, 12)
        text = str(pilot.app.screen.query_one("#summary", Static).render())
        assert "回答：14 次（1 张卡片）" in text and "其中列表：2 次，逐点评分 12 个要点" in text
        await pilot.press("q")
        assert isinstance(pilot.app.screen, HomeScreen)
        await pilot.pause()
        assert "今日回答 14 次" in str(pilot.app.screen.query_one("#home-status", Static).render())
        with Session(engine) as s:
            assert stats.review_counts(s, TODAY).today == 14
        assert review.session.left == 0


async def test_stats_count_how_often_the_whole_list_was_recalled(engine) -> None:
    known_yesterday(engine)
    async with app_for(engine).run_test(size=(80, 24)) as pilot:
        await _start(pilot)
        await pilot.press("space", "down", "down", "1", "space")  # point 3 forgotten: not recalled whole
        await pilot.press("enter", "space")  # its same-day repeat, all 4: not a review of the list
        await pilot.pause()
        assert isinstance(pilot.app.screen, SummaryScreen)
        await pilot.press("s")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        mastery = str(pilot.app.screen.query_one("#stats-mastery", Static).render())
        assert "整组 0/1" in mastery
    assert [q for cid, q, via in today_log(engine) if cid == LIST_ID] == [1, 4]

    # Six days later the list is due again and every point comes: recalled whole once in two reviews.
    later = FIXED_NOW + timedelta(days=6)
    app = make_app(Store(engine), settings=Settings(zone=SHANGHAI), clock=lambda: later)
    async with app.run_test(size=(80, 24)) as pilot:
        review = await _start(pilot)
        await pilot.press("space", "space")
        await pilot.pause()
        assert review.session.left == 0
        await pilot.press("s")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert "整组 1/2" in str(pilot.app.screen.query_one("#stats-mastery", Static).render())
    with Session(engine) as s:
        (section,) = stats.overview(s, TODAY + 6).to_dict()["topics"][0]["sections"]
    assert section["list"] == {"reviews": 2, "recalled": 1, "rate": 0.5}


def cursor(review: ReviewScreen) -> int:
    return next(i for i, row in enumerate(rows_text(review)) if row.startswith("▸"))


def total_text(review: ReviewScreen) -> str:
    return str(review.query_one("#list-total", Static).render())


def cell(review: ReviewScreen, q: int) -> str:
    return str(review.query_one(f"#grade-cell-{q}", Static).render()).split("\n")[-1]


async def test_tab_and_up_choose_the_point_a_grade_key_sets(engine) -> None:
    known_yesterday(engine)
    async with app_for(engine).run_test(size=(80, 24)) as pilot:
        review = await _start(pilot)
        await pilot.press("space", "tab")
        assert cursor(review) == 1
        await pilot.press("3")  # point 2; the highlight goes on to point 3, the next not set
        assert cursor(review) == 2
        await pilot.press("up", "up")
        assert cursor(review) == 0
        await pilot.press("0")  # point 1; on to point 3 again
        assert total_text(review) == "整组（取最低分）：0 完全忘记 → 今天（未评的 4 点按 4）"
        await pilot.press("shift+tab")
        assert cursor(review) == 1
        await pilot.press("5")  # point 2 set again
        await pilot.press("enter")
    grades = [0, 5, 4, 4, 4, 4]
    assert today_log(engine) == [(LIST_ID, 0, None)] + [(i, g, LIST_ID) for i, g in enumerate(grades, 1)]


async def test_a_lists_same_day_repeat_shows_what_each_key_does(engine) -> None:
    """Back today after a point was forgotten: a repeat changes no schedule, so the keys and rows show the
    days the first answer gave (a pass) or 今天 (a fail), the keys for the list, the rows for each point."""
    known_yesterday(engine)
    async with app_for(engine).run_test(size=(80, 24)) as pilot:
        review = await _start(pilot)
        await pilot.press("space", "down", "down", "1", "space")  # point 3 forgotten
        after = states(engine)
        due = {cid: after[cid][1] - TODAY for cid in (1, 3, LIST_ID)}
        assert due[1] > 1 and due[3] == 1 and due[LIST_ID] == 1  # what the first answer gave
        await pilot.press("enter")  # the list again, revealed
        assert review.session.current().card_id == LIST_ID and cursor(review) == 0
        # The keys show what the list gets (its 整组 line's computation): 今天 when the point is forgotten
        # (the list comes back), else the days its first answer gave; a point's own days show on its row.
        for _point in (1, 3):
            assert [cell(review, q) for q in range(6)] == ["今天"] * 3 + [f"{due[LIST_ID]}天"] * 3
            await pilot.press("down", "down")
        assert total_text(review).endswith(f"→ {due[LIST_ID]}天（未评的 6 点按 4）")
        await pilot.press("up", "up", "up", "up", "4")  # point 1 passed again: its row shows its own days
        assert rows_text(review)[0].endswith(f"4 良好 → {due[1]}天")
        await pilot.press("down", "4")  # point 3 passed again: its first answer's day
        assert rows_text(review)[2].endswith("4 良好 → 1天")
        await pilot.press("space")
        assert states(engine) == after  # a repeat: logged, no schedule changed
        assert len(today_log(engine)) == 14


async def test_undo_takes_a_typed_list_answer_back_whole(engine) -> None:
    known_yesterday(engine)
    before = states(engine)
    async with app_for(engine).run_test(size=(80, 24)) as pilot:
        review = await _start(pilot)
        await pilot.press("t")
        for text in ("人才", *HEADS[1:]):  # point 1 barely begun: the list comes back today
            pilot.app.focused.value = text
            await pilot.press("enter")
        await pilot.press("enter")
        assert len(today_log(engine)) == 7 and states(engine) != before
        assert review.session.current().card_id == LIST_ID and isinstance(pilot.app.focused, Input)
        await pilot.press("ctrl+z")  # from inside the typed answer's input
        assert today_log(engine) == [] and states(engine) == before
        assert review.session.current().card_id == LIST_ID
