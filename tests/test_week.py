"""Issue 18, a week of daily use: the defects a learner hit, each driven by keys and checked on the store."""

from __future__ import annotations

import re
from datetime import date

from sqlalchemy.orm import Session
from textual.widgets import Static

from tests.tui_support import app_for, sync
from trainer.store.models import CardStateRow, Queue
from trainer.tui.screens.browse import BrowseScreen
from trainer.tui.screens.card_info import CardInfoScreen
from trainer.tui.screens.home import HomeScreen
from trainer.tui.screens.review import ReviewScreen

TODAY = date(2026, 11, 22).toordinal()


def _text(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def _settle(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_browse_after_burying_a_new_card_shows_it_without_a_due_date(engine, deck) -> None:
    sync(engine, deck)
    app = app_for(engine)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        review = app.screen
        assert isinstance(review, ReviewScreen)
        buried = review.session.current().card_id
        await pilot.press("minus")
        with Session(engine) as s:
            assert s.get(CardStateRow, buried).queue == Queue.BURIED
        await pilot.press("q")
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("b")
        await _settle(pilot)
        screen = app.screen
        assert isinstance(screen, BrowseScreen)
        assert screen.total == 3
        row = next(i for i, r in enumerate(screen.page.rows) if r.card_id == buried)
        cells = screen.table.get_row_at(row)
        assert "已搁置" in cells[2] and cells[3] == "—"
        screen.table.move_cursor(row=row)
        await pilot.press("i")  # the card info of the buried new card opens too
        assert isinstance(app.screen, CardInfoScreen)
        assert "到期：—" in _text(app.screen, "#info-text")
    assert app.return_code in (0, None)


async def test_typed_mode_keys_work_while_typing_and_letters_stay_text(engine, deck) -> None:
    from textual.widgets import Input

    from tests.tui_support import log, states

    sync(engine, deck)
    before = states(engine)
    app = app_for(engine)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        review = app.screen
        first = review.session.current().card_id
        await pilot.press("ctrl+t")  # typed mode on, from the card's front
        assert isinstance(app.focused, Input) and review.typed_mode
        front = _text(review, "#front-keys")
        assert "Ctrl+T" in front and "Ctrl+Z" in front and "Esc 不输入，直接看答案" in front
        await pilot.press(*"tu人")  # letters of the mode's old keys are text now
        assert app.focused.value == "tu人" and review.typed_mode and log(engine) == []
        await pilot.press("ctrl+t")  # off again while the cursor is in the box
        assert not review.typed_mode and review.typed_answers is None and not review.revealed
        await pilot.press("ctrl+t")
        assert isinstance(app.focused, Input)
        app.focused.value = "人才队伍不完善"
        await pilot.press("enter", "enter")  # check, accept the suggested 5
        assert log(engine) == [(first, 5)]
        assert isinstance(app.focused, Input)  # the next card opens typed
        await pilot.press("ctrl+z")  # undo while the cursor is in the next card's box
        assert log(engine) == [] and states(engine) == before
        assert review.session.current().card_id == first
        assert isinstance(app.focused, Input)  # still typed mode
        await pilot.press("escape", "3")
        assert log(engine) == [(first, 3)]
        await pilot.press("u")  # in the second card's box: text, not undo
        assert app.focused.value == "u" and log(engine) == [(first, 3)]
        await pilot.press("escape")  # answer shown, no input has the cursor
        await pilot.press("u")  # now u undoes
        assert log(engine) == [] and review.session.current().card_id == first


async def test_notifications_never_cover_the_grade_keys_and_the_key_bar_fits_80_columns(engine, deck) -> None:
    from rich.cells import cell_len
    from textual.widgets._toast import Toast

    from trainer.tui.widgets.key_bar import KeyBar

    sync(engine, deck)
    app = app_for(engine)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        for screen_keys in ("", "enter"):
            if screen_keys:
                await pilot.press(screen_keys)
            bar = str(app.screen.query_one(KeyBar).render())
            assert cell_len(bar) <= 78 and "…" not in bar, bar
        review = app.screen
        await pilot.press("minus", "t", "escape")  # two notices (bury, typed mode on), then the answer shown
        await pilot.pause()
        toasts = list(app.screen.query(Toast))
        assert len(toasts) == 2
        covered = [review.grade_bar.region, review.query_one(KeyBar).region]
        for toast in toasts:
            assert all(not toast.region.overlaps(r) for r in covered), (toast.region, covered)


async def test_summary_and_home_count_answers_and_cards_apart(engine, deck) -> None:
    from tests.tui_support import log
    from trainer.tui.screens.summary import SummaryScreen

    sync(engine, deck)
    app = app_for(engine)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        review = app.screen
        first = review.session.current().card_id
        await pilot.press("space", "1")  # fails: it comes back today
        while review.session.current().card_id != first:
            await pilot.press("space", "4")
        await pilot.press("space", "2")  # fails again on its repeat
        answers = log(engine)
        cards = {c for c, _ in answers}
        assert len(answers) == len(cards) + 1 and review.session.left == 1
        await pilot.press("q")
        assert isinstance(app.screen, SummaryScreen)
        text = _text(app.screen, "#summary")
        assert f"回答：{len(answers)} 次（{len(cards)} 张卡片）" in text
        assert "剩余：1 张" in text
        assert "下次到期：今天" in text  # a card is left today: not tomorrow
        await pilot.press("enter")
        status = _text(app.screen, "#home-status")
        assert f"今日回答 {len(answers)} 次" in status and "张" not in status.split("·")[0]


def test_mastery_seen_counts_graded_points_only(engine, deck, settings) -> None:
    from tests.conftest import FIXED_NOW
    from trainer.services.study import StudySession
    from trainer.store import stats

    sync(engine, deck)
    session = StudySession.start(engine, [1], settings, lambda: FIXED_NOW)
    session.bury()  # a new card buried: not seen
    session.suspend()  # a new card suspended: not seen
    session.answer(4)  # graded: seen
    with Session(engine) as s:
        [topic] = stats.mastery(s, TODAY)
    assert topic.seen == 1


async def test_an_answer_to_a_card_repeated_in_another_terminal_is_refused_with_a_dialog(
    engine, deck, settings
) -> None:
    from tests.conftest import FIXED_NOW
    from tests.tui_support import log
    from trainer.services.study import StudySession
    from trainer.tui.screens.error import ErrorScreen

    sync(engine, deck)
    app = app_for(engine)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        review = app.screen
        first = review.session.current().card_id
        await pilot.press("space", "1")  # fails: a same-day repeat is due later in this session
        # Another terminal starts now: the card is its pending repeat; it passes it there.
        other = StudySession.start(engine, [1], settings, lambda: FIXED_NOW)
        while other.current().card_id != first:
            other.answer(4)
        other.answer(4)
        written = log(engine)
        assert written[-1] == (first, 4)
        while review.session.current().card_id != first:
            await pilot.press("space", "4")
            written = log(engine)
        await pilot.press("space", "5")  # this terminal's repeat of the same card: refused, and said so
        assert isinstance(app.screen, ErrorScreen)
        assert "另一个终端" in app.screen.message
        assert log(engine) == written  # nothing written
        await pilot.press("escape")
        assert app.screen is review and review.session.current().card_id == first


async def test_stats_charts_leave_weeks_without_answers_blank_and_label_todays_bar(engine, deck) -> None:
    import re

    from tests.tui_support import add_history
    from trainer.tui.widgets.chart import Chart

    ansi = re.compile(r"\x1b\[[0-9;]*m")
    sync(engine, deck)
    add_history(engine, [1, 2, 3], days_back=20, today=TODAY)  # three weeks of answers, nine without
    app = app_for(engine)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        await _settle(pilot)
        await pilot.pause(0.1)
        charts = {c.id: [ansi.sub("", r) for r in c.plt.build().splitlines()] for c in app.screen.query(Chart)}
    retention = charts["chart-retention"]
    zero = next(r for r in retention if r.lstrip().startswith("0┤"))
    assert zero.split("┤", 1)[1].strip(" │") == ""  # no week drawn at 0 %
    assert any(ch in "".join(retention) for ch in "⠁⠂⠄⡀⠈⠐⠠⢀●")  # the weeks with answers are drawn
    reviews = charts["chart-reviews"]
    labels, axis = reviews[-1], reviews[-2]
    assert labels.split()[-1] == "11-22"  # the last bar is today's, and it is labelled
    last_tick = axis.rindex("┬")
    assert labels.rindex("11-22") <= last_tick <= labels.rindex("11-22") + 4  # under its own bar


async def test_textual_speaks_chinese_in_the_palette_and_the_ctrl_c_hint(engine, deck) -> None:
    from textual.command import CommandInput, CommandPalette

    sync(engine, deck)
    app = app_for(engine)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        titles = [c.title for c in app.get_system_commands(app.screen)]
        helps = [c.help for c in app.get_system_commands(app.screen)]
        assert {
            "复习全部",
            "统计",
            "浏览",
            "新建卡组",
            "备考计划",
            "考前速记",
            "卡片浏览",
            "自定义学习",
            "按键帮助",
            "主题",
            "退出",
        } == set(titles)
        assert all(not re.search(r"[A-Za-z]{3,}", t) for t in titles)  # no English words
        assert all(not re.search(r"\b(the|Quit|Theme|Keys|Screenshot)\b", h) for h in helps)
        await pilot.press("ctrl+c")
        await pilot.pause()
        [note] = list(app._notifications)
        assert "Ctrl+Q" in note.message and "quit" not in note.message.lower() and note.title == "要退出吗？"
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        assert app.screen.query_one(CommandInput).placeholder == "搜索命令…"


async def test_the_footer_names_the_palette_in_chinese(engine, deck) -> None:
    from textual.widgets import Footer

    sync(engine, deck)
    app = app_for(engine)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("b")
        await _settle(pilot)
        footer = app.screen.query_one(Footer)
        texts = " ".join(str(k.render()) for k in footer.query("FooterKey"))
        assert "命令" in texts and "palette" not in texts
        await pilot.press("ctrl+p")
        from textual.command import CommandPalette

        assert isinstance(app.screen, CommandPalette)


async def test_the_point_browser_fits_80_columns(engine) -> None:
    from tests.conftest import make_deck

    sync(engine, make_deck(heads=("一个很长很长很长很长的要点标题", "权力下放不到位", "线上线下未融合")))
    app = app_for(engine)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("b")
        await _settle(pilot)
        table = app.screen.table
        width = sum(col.get_render_width(table) for col in table.columns.values())
        assert width <= 78, width  # every column on screen, the 遗忘 column too


async def test_timer_is_off_until_f2_and_the_time_limit_shows_the_answer(engine, deck) -> None:
    from tests.conftest import SHANGHAI
    from tests.tui_support import FakeTicker, log
    from trainer.services.config import Settings
    from trainer.tui.widgets.title_bar import TitleBar

    sync(engine, deck)
    ticker = FakeTicker()
    app = app_for(engine, Settings(zone=SHANGHAI, time_limit=20), monotonic=ticker)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        review = app.screen
        title = lambda: str(review.query_one(TitleBar).render())  # noqa: E731
        ticker.advance(7)
        await review.tick()
        assert "⏱" not in title() and not review.revealed  # off by default
        await pilot.press("f2")
        await pilot.pause()
        assert "⏱ 7 秒 / 20 秒" in title()
        ticker.advance(13)
        await review.tick()  # the limit: the answer shows, nothing is graded
        assert review.revealed and log(engine) == []
        await pilot.press("3")
        assert len(log(engine)) == 1
        await pilot.press("ctrl+t")  # typed mode on the next card: the limit takes the inputs away too
        ticker.advance(25)
        await review.tick()
        assert review.revealed and review.typed_answers is None
        await pilot.press("f2")
        await pilot.pause()
        assert "⏱" not in title()


def test_distributions_count_grades_hours_intervals_and_ease(engine, deck) -> None:
    from datetime import UTC, datetime

    from trainer.store import queries
    from trainer.store.distributions import distributions

    sync(engine, deck)
    with Session(engine) as s, s.begin():
        at = datetime(2026, 11, 20, 1, 30, tzinfo=UTC)  # 09:30 in Shanghai
        queries.record_answer(s, 1, 5, now=at, today=TODAY - 2)
        queries.record_answer(s, 1, 5, now=at.replace(hour=13), today=TODAY - 1)  # 21:30: interval 6, ease 2.7
        queries.record_answer(s, 2, 1, now=at, today=TODAY - 2)  # interval 1, ease 1.96
        queries.record_answer(s, 2, 4, now=at.replace(minute=40), today=TODAY - 2)  # a repeat
    with Session(engine) as s:
        d = distributions(s, utc_offset_minutes=8 * 60)
        only_other = distributions(s, [999])
    assert d.grades == (0, 1, 0, 0, 1, 2)
    assert d.hours[9] == 3 and d.hours[21] == 1 and sum(d.hours) == 4
    assert {b.label: b.count for b in d.intervals if b.count} == {"1天": 1, "4–7天": 1}
    assert {b.label: b.count for b in d.ease if b.count} == {"1.70–2.09": 1, "2.51–2.89": 1}
    assert sum(only_other.grades) == 0 and all(b.count == 0 for b in only_other.intervals)


async def test_stats_screen_shows_the_distributions(engine, deck) -> None:
    from tests.tui_support import add_history

    sync(engine, deck)
    add_history(engine, [1, 2, 3], days_back=10, today=TODAY)
    app = app_for(engine)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        await _settle(pilot)
        text = _text(app.screen, "#stats-distributions")
    assert "评分分布" in text and "间隔分布" in text and "易度分布" in text and "每小时回答数" in text
    assert "4 良好" in text and "█" in text
    from rich.cells import cell_len

    assert max(cell_len(line) for line in text.splitlines()) <= 76  # fits the 80-column screen


def test_an_error_that_stops_the_app_is_a_failing_exit(tmp_path) -> None:
    """Browse used to crash (and `trainer` exited 0): an unhandled error in the app is a failing exit now
    (2, with one line, as every error the app stops on; see `TrainerApp._handle_exception`)."""
    import os
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from trainer.tui.screens import home\n"
        "def boom(self):\n"
        "    raise ValueError('ordinal must be >= 1')\n"
        "home.HomeScreen.on_mount = boom\n"
        "from trainer.cli import main\n"
        "sys.exit(main([]))\n"
    )
    env = {
        **os.environ,
        "TRAINER_HOME": str(tmp_path / "home"),
        "TEXTUAL_DRIVER": "textual.drivers.headless_driver:HeadlessDriver",
    }
    env.pop("TRAINER_DB", None)
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2, (done.returncode, done.stderr[-2000:])
    assert "ordinal must be >= 1" in done.stderr + done.stdout
