"""The 备考计划 screen and 考前速记 in the TUI: opened from home, its figures checked against the database,
the chart within 80 columns, and the morning pass answered, logged and replayable."""

from __future__ import annotations

import re
from datetime import date

from rich.cells import cell_len
from sqlalchemy import select, text
from sqlalchemy.orm import Session
from textual.widgets import Static

from tests.conftest import SHANGHAI
from tests.test_study import big_deck
from tests.tui_support import ExamSettings, add_history, app_for, sync
from trainer.sched.exam import exam_recall
from trainer.sched.memory import fold
from trainer.store.models import ReviewLogRow
from trainer.store.replay import replay
from trainer.tui.screens.dialogs import TextPrompt
from trainer.tui.screens.exam_plan import ExamPlanScreen
from trainer.tui.screens.review import ReviewScreen
from trainer.tui.screens.summary import SummaryScreen
from trainer.tui.widgets.minutes_chart import minutes_chart

TODAY = date(2026, 11, 22).toordinal()
EXAM = date(2027, 1, 10)


def studied(engine) -> None:
    """Six lists of five points; the first 19 cards with a month of answers (some lapses, a few leeches)."""
    sync(engine, big_deck(sections=6, points=5))
    add_history(engine, list(range(1, 20)), days_back=30, today=TODAY)


def db_points(engine) -> tuple[int, int, int]:
    """(points the plan covers, points answered at least once, lists they make), read with plain SQL:
    a point is a head card that is neither retired nor set aside."""
    with engine.connect() as c:
        rows = c.execute(
            text(
                "SELECT c.id, c.section_key, EXISTS (SELECT 1 FROM review_log r WHERE r.card_id = c.id)"
                " FROM cards c JOIN card_state s ON s.card_id = c.id"
                " WHERE c.kind = 'head' AND NOT c.retired AND s.queue >= 0"
            )
        ).all()
    return len(rows), sum(1 for r in rows if r[2]), len({r[1] for r in rows})


async def settle(pilot) -> None:
    for _ in range(2):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def static_text(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def test_plan_opens_from_home_and_its_figures_are_the_databases(engine) -> None:
    studied(engine)
    points, seen, lists = db_points(engine)
    settings = ExamSettings(zone=SHANGHAI, exam_date=EXAM, minutes_per_day=20, new_per_day=5)
    async with app_for(engine, settings).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, ExamPlanScreen) and screen.plan is not None
        summary = static_text(screen, "#plan-summary")
        assert f"还有 {EXAM.toordinal() - TODAY} 天" in summary
        assert f"要点 {points} 个：已学 {seen}，未学 {points - seen}" in summary
        assert "每天时间 20 分钟" in summary
        plan = screen.plan
        assert len(plan.lists) == lists and sum(g.points for g in plan.lists) == points
        assert sum(g.points for g in plan.topics) == points
        assert plan.below == sum(g.below for g in plan.lists)
        # Every list is named by its topic and heading, so two topics' 对策 are two rows.
        assert len({g.name for g in plan.lists}) == lists
        chart = static_text(screen, "#plan-chart")
        assert "20分" in chart and "考试 01-10" in chart
        assert all(cell_len(line) <= 76 for line in chart.splitlines())
        await pilot.press("escape")
        assert not isinstance(pilot.app.screen, ExamPlanScreen)


async def test_without_an_exam_date_the_screen_says_how_to_set_one(engine) -> None:
    studied(engine)
    async with app_for(engine, ExamSettings(zone=SHANGHAI)).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, ExamPlanScreen) and screen.plan is None
        assert "trainer config set exam-date" in static_text(screen, "#plan-summary")  # and the keys
        await pilot.press("k")  # 考前速记 without an exam: the weakest lists today, if any
        await settle(pilot)


async def test_the_exam_date_and_minutes_are_set_on_the_screen_and_kept_in_the_config(engine) -> None:
    """`d` and `m` ask for the exam date and the daily minutes: stored in config.yaml as `trainer config
    set` stores them, and the plan is projected for them at once; a bad date is one line, nothing stored."""
    from trainer.services.config import config_path, load_settings

    studied(engine)
    async with app_for(engine, ExamSettings(zone=SHANGHAI)).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, ExamPlanScreen) and screen.plan is None
        assert "按 d 设定" in static_text(screen, "#plan-summary")
        await pilot.press("d")
        await pilot.pause()
        await pilot.press(*"2027-13-40", "enter")  # no such date: asked again, saying how to write one
        await settle(pilot)
        assert not config_path().exists() or load_settings().exam_date is None
        assert screen.plan is None
        assert isinstance(pilot.app.screen, TextPrompt) and pilot.app.screen.input.value == "2027-13-40"
        await pilot.press("escape")
        await pilot.press("d")
        await pilot.pause()
        await pilot.press(*EXAM.isoformat(), "enter")
        await settle(pilot)
        await pilot.press("m")
        await pilot.pause()
        await pilot.press(*"25", "enter")
        await settle(pilot)
        stored = load_settings()
        assert stored.exam_date == EXAM and stored.minutes_per_day == 25
        assert pilot.app.settings.exam_date == EXAM and pilot.app.settings.zone == SHANGHAI
        assert screen.plan is not None and screen.plan.minutes_budget == 25
        summary = static_text(screen, "#plan-summary")
        assert f"还有 {EXAM.toordinal() - TODAY} 天" in summary and "每天时间 25 分钟" in summary


async def test_a_budget_too_small_is_said_with_its_fix(engine) -> None:
    studied(engine)
    settings = ExamSettings(zone=SHANGHAI, exam_date=date(2026, 12, 2), minutes_per_day=1, new_per_day=5)
    async with app_for(engine, settings).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, ExamPlanScreen) and screen.plan is not None
        assert screen.plan.below > 0 and screen.plan.minutes_needed > 1
        advice = static_text(screen, "#plan-advice")
        assert advice.startswith(f"需要每天约 {screen.plan.minutes_needed} 分钟；按 1 分钟")
        assert "trainer config set minutes-per-day" in advice


def exam_day_estimates(engine, exam: int) -> dict[int, float]:
    """Each answered card's exam-day recall, folded from the review log by the memory model."""
    with Session(engine) as s:
        rows = s.execute(select(ReviewLogRow.card_id, ReviewLogRow.day, ReviewLogRow.quality).order_by(ReviewLogRow.id))
        answers: dict[int, list[tuple[int, int]]] = {}
        for card_id, day, quality in rows:
            answers.setdefault(card_id, []).append((day, quality))
    return {cid: exam_recall(fold(a), exam) for cid, a in answers.items()}  # type: ignore[arg-type]


async def test_cram_on_the_exam_day_answers_the_weakest_lists_for_real(engine) -> None:
    studied(engine)
    settings = ExamSettings(zone=SHANGHAI, exam_date=date(2026, 11, 22), new_per_day=5)  # the exam is today
    estimates = exam_day_estimates(engine, TODAY)
    with engine.connect() as c:
        cards = {r[0]: (r[1], r[2]) for r in c.execute(text("SELECT c.id, c.kind, c.section_key FROM cards c"))}
        live = {r[0] for r in c.execute(text("SELECT card_id FROM card_state WHERE queue >= 0"))}
    weakest = min((r, cid) for cid, r in estimates.items() if cards[cid][0] == "head" and cid in live)[1]
    async with app_for(engine, settings, repeat_guard=0).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "按 k 考前速记" in static_text(pilot.app.screen, "#home-status")
        await pilot.press("k")  # from home on the exam day (the plan screen has the same key)
        await settle(pilot)
        review = pilot.app.screen
        assert isinstance(review, ReviewScreen)
        queue = list(review.session.queue)
        # Lists, one per section, the one holding the weakest point first.
        assert all(cards[cid][0] == "list" for cid in queue)
        assert len({cards[cid][1] for cid in queue}) == len(queue)
        assert cards[queue[0]][1] == cards[weakest][1]
        before = len(exam_day_log(engine))
        for _ in queue:
            await pilot.press("space")  # reveal
            await pilot.pause()
            await pilot.press("space")  # every point 4
            await pilot.pause()
        assert isinstance(pilot.app.screen, SummaryScreen)
    logged = exam_day_log(engine)[before:]
    # Each list card answered once, and its points' head cards through it, all on the exam day.
    assert [cid for cid, via in logged if via is None] == queue
    assert all(cards[cid][0] == "head" and cards[via][1] == cards[cid][1] for cid, via in logged if via is not None)
    with Session(engine) as s:
        assert replay(s).ok


def exam_day_log(engine) -> list[tuple[int, int | None]]:
    with Session(engine) as s:
        rows = s.execute(
            select(ReviewLogRow.card_id, ReviewLogRow.via_card_id)
            .where(ReviewLogRow.day == TODAY)
            .order_by(ReviewLogRow.id)
        )
        return [(r[0], r[1]) for r in rows]


def test_chart_fits_80_columns_and_groups_days() -> None:
    minutes = [5.0] * 100 + [40.0] + [10.0] * 99
    chart = minutes_chart(minutes, 30, date(2026, 11, 22), width=76)
    lines = chart.plain.splitlines()
    assert all(cell_len(line) <= 76 for line in lines)
    assert "每格 3 天（取最多的一天）" in lines[-1]
    assert lines[0].lstrip().startswith("40分")  # the peak sets the scale, never averaged away
    over = [span for span in chart.spans if span.style == "red"]
    assert over  # the day over the budget is marked
    short = minutes_chart([3.0, 0.0, 12.0], 10, date(2026, 11, 22)).plain
    assert "考试 11-25" in short and "每格" not in short


async def test_the_prompts_say_how_to_clear_a_setting_in_chinese_and_clearing_works(engine) -> None:
    """The exam date and daily minutes prompts name no English word (`none`): left empty (or 不限 typed)
    the setting is cleared, and the plan says 未设定."""
    from trainer.services.config import load_settings, set_value

    studied(engine)
    set_value("exam-date", EXAM.isoformat(), today=date.fromordinal(TODAY))
    set_value("minutes-per-day", "25", today=date.fromordinal(TODAY))
    settings = ExamSettings(zone=SHANGHAI, exam_date=EXAM, minutes_per_day=25)
    async with app_for(engine, settings).run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, ExamPlanScreen) and screen.plan is not None
        for key in "dm":
            await pilot.press(key)
            await pilot.pause()
            prompt = pilot.app.screen
            assert isinstance(prompt, TextPrompt)
            shown = " ".join(str(s.render()) for s in prompt.query(Static))
            assert "none" not in shown.lower() and not re.search(r"[a-z]{4,}", shown), shown
            await pilot.press("escape")
        await pilot.press("m")
        await pilot.pause()
        pilot.app.screen.input.value = "不限"
        await pilot.press("enter")
        await settle(pilot)
        assert load_settings().minutes_per_day is None
        assert "每天时间 未设定" in static_text(screen, "#plan-summary")
        await pilot.press("d")
        await pilot.pause()
        pilot.app.screen.input.value = ""
        await pilot.press("enter")
        await settle(pilot)
        assert load_settings().exam_date is None and screen.plan is None
        assert "按 d 设定" in static_text(screen, "#plan-summary") and not static_text(screen, "#plan-chart")


def test_at_60_columns_the_chart_legend_breaks_between_its_parts() -> None:
    minutes = [5.0] * 100 + [40.0] + [10.0] * 99
    lines = minutes_chart(minutes, 30, date(2026, 11, 22), width=56).plain.splitlines()
    assert all(cell_len(line) <= 56 for line in lines)
    assert re.fullmatch(r"每格 \d+ 天（取最多的一天）", lines[-1]) and "每天时间 30 分钟" in lines[-2]


async def test_at_60_columns_the_plan_summary_breaks_between_phrases(engine) -> None:
    studied(engine)
    settings = ExamSettings(zone=SHANGHAI, exam_date=EXAM, minutes_per_day=30)
    async with app_for(engine, settings).run_test(size=(60, 24)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        summary = pilot.app.screen.query_one("#plan-summary", Static)
        lines = ["".join(s.text for s in strip).strip() for strip in summary.render_lines(summary.region.reset_offset)]
        lines = [line for line in lines if line]
        points, seen, _ = db_points(engine)
        assert f"要点 {points} 个：已学 {seen}，未学 {points - seen}" in lines, lines
        assert all(cell_len(line) <= 58 for line in lines), lines
        assert not any(re.match(r"^\d", line) for line in lines), lines  # no number torn from its label
