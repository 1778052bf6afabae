"""Home, browse, stats and the command palette, driven with Pilot against a real store."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session
from textual.widgets import DataTable, Input, Static

from tests.conftest import SHANGHAI, make_deck
from tests.test_browse import _big_deck
from tests.tui_support import ExamSettings, add_history, app_for, sync
from trainer.store.models import CardStateRow, Queue
from trainer.tui.screens.browse import BrowseScreen
from trainer.tui.screens.stats import StatsScreen

TODAY = date(2026, 11, 22).toordinal()


def _text(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def test_home_shows_today_streak_and_exam_countdown(engine, deck) -> None:
    sync(engine, deck)
    add_history(engine, [1, 2], days_back=5, today=TODAY)
    settings = ExamSettings(zone=SHANGHAI, exam_date=date(2027, 3, 28))
    async with app_for(engine, settings).run_test(size=(80, 24)) as pilot:
        status = _text(pilot.app.screen, "#home-status")
        assert "今日回答 0 次" in status
        assert "连续 5 天" in status  # five days up to yesterday: the streak still stands today
        assert "距考试 126 天" in status


async def test_home_without_exam_date_shows_no_countdown(engine, deck) -> None:
    sync(engine, deck)
    async with app_for(engine).run_test(size=(80, 24)) as pilot:
        assert "考试" not in _text(pilot.app.screen, "#home-status")


async def test_command_palette_lists_the_main_actions(engine, deck) -> None:
    sync(engine, deck)
    app = app_for(engine)
    async with app.run_test(size=(80, 24)):
        titles = [c.title for c in app.get_system_commands(app.screen)]
    assert {"复习全部", "统计", "浏览", "按键帮助"} <= set(titles)


async def test_browse_searches_filters_and_suspends(engine, deck) -> None:
    sync(engine, deck)
    async with app_for(engine).run_test(size=(80, 24)) as pilot:
        await pilot.press("b")
        screen = pilot.app.screen
        assert isinstance(screen, BrowseScreen)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.total == 3
        await pilot.press("slash")
        assert isinstance(pilot.app.focused, Input)
        await pilot.press(*"下放", "enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert [r.head for r in screen.page.rows] == ["权力下放不到位"]
        card_id = screen.page.rows[0].card_id
        await pilot.press("at")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        with Session(engine) as s:
            assert s.get(CardStateRow, card_id).queue == Queue.SUSPENDED
        assert "已暂停" in screen.table.get_row_at(0)[2]
        await pilot.press("at")
        await pilot.app.workers.wait_for_complete()
        with Session(engine) as s:
            assert s.get(CardStateRow, card_id).queue == Queue.NEW


async def test_browse_state_filter_and_pages(engine) -> None:
    sync(engine, _big_deck(120))
    async with app_for(engine).run_test(size=(80, 24)) as pilot:
        await pilot.press("b")
        screen = pilot.app.screen
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.total == 123
        table = screen.query_one("#browse-table", DataTable)
        assert table.row_count == 50  # one page, never every row
        await pilot.press("n", "n")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert table.row_count == 23 and len(screen.starts) == 3
        assert screen.page.rows[-1].head == "线上线下未融合"
        await pilot.press("p")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.page.rows[0].head == "措施0050"
        await pilot.press("f")  # state filter: new
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.query_value.state.value == "new" and screen.total == 123
        await pilot.press("f")  # learning: none yet
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.total == 0 and table.row_count == 0


async def test_stats_screen_shows_numbers_heatmap_and_weakest_point(engine) -> None:
    deck = make_deck(heads=("人才队伍不完善", "权力下放不到位", "线上线下未融合"))
    sync(engine, deck)
    add_history(engine, [1, 2, 3], days_back=20, today=TODAY)
    async with app_for(engine).run_test(size=(100, 40)) as pilot:
        await pilot.press("s")
        screen = pilot.app.screen
        assert isinstance(screen, StatsScreen)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        numbers = _text(screen, "#stats-numbers")
        assert "连续学习" in numbers and "累计 40 次" in numbers
        heat = _text(screen, "#stats-heatmap")
        assert heat.count("\n") == 7 and "█" in heat
        mastery = _text(screen, "#stats-mastery")
        assert "优化基层政企服务" in mastery and "最弱 第" in mastery
        assert "忘" in _text(screen, "#stats-weakest")
        await pilot.press("escape")
        assert not isinstance(pilot.app.screen, StatsScreen)


async def test_home_lists_thousands_of_topics_a_chunk_at_a_time(engine) -> None:
    from trainer.core.model import Deck, Point, Section, SectionKind, Topic, point_id
    from trainer.tui.screens.home import FILL_CHUNK, HomeScreen

    topics = tuple(
        Topic(
            title=f"主题{t:03d}",
            sections=(
                Section(
                    SectionKind.PROBLEMS,
                    "问题",
                    (Point(id=point_id(f"主题{t:03d}", SectionKind.PROBLEMS, "要点"), head="要点", body=""),),
                ),
            ),
        )
        for t in range(FILL_CHUNK + 50)
    )
    sync(engine, Deck(name="多主题", topics=topics))
    async with app_for(engine).run_test(size=(80, 24)) as pilot:
        await pilot.app.workers.wait_for_complete()
        await pilot.press("t")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        home = pilot.app.screen
        assert isinstance(home, HomeScreen)
        assert [r.topic for r in home.rows] == ["", *(t.title for t in topics)]
        assert home.table.row_count == len(home.rows)


async def test_deck_names_show_as_written_not_as_markup(engine) -> None:
    sync(engine, make_deck(name="[b]申论[/b] :smile:"))
    async with app_for(engine).run_test(size=(80, 24)) as pilot:
        home = pilot.app.screen
        assert str(home.table.get_row_at(0)[0]) == "[b]申论[/b] :smile:"


async def test_title_bar_opens_the_palette_from_its_icon_and_grows_tall_elsewhere(engine, deck) -> None:
    from textual.command import CommandPalette

    from trainer.tui.widgets.title_bar import TitleBar

    sync(engine, deck)
    async with app_for(engine).run_test(size=(80, 24)) as pilot:
        bar = pilot.app.screen.query_one(TitleBar)
        line = str(bar.render())
        assert line.index("⭘") == 1 and line.index("trainer") == 35 and len(line) == 80  # Header's places
        await pilot.click(TitleBar, offset=(40, 0))
        assert bar.has_class("-tall") and bar.size.height == 3
        await pilot.click(TitleBar, offset=(40, 1))
        assert not bar.has_class("-tall")
        await pilot.click(TitleBar, offset=(2, 0))
        await pilot.pause()
        assert isinstance(pilot.app.screen, CommandPalette)


async def test_enter_typed_before_the_home_screen_is_shown_starts_the_review(engine, deck) -> None:
    import asyncio

    from textual import events

    from trainer.tui.screens.review import ReviewScreen

    sync(engine, deck)
    app = app_for(engine)
    seen: list[object] = []

    async def enter_at_once(pilot) -> None:
        # As soon as the app is ready (before the home screen has read its decks), as typed ahead.
        pilot.app.post_message(events.Key("enter", "\r"))
        for _ in range(200):
            if isinstance(pilot.app.screen, ReviewScreen):
                break
            await asyncio.sleep(0.01)
        seen.append(pilot.app.screen)
        pilot.app.exit()

    await app.run_async(headless=True, size=(80, 24), auto_pilot=enter_at_once)
    assert isinstance(seen[0], ReviewScreen)
