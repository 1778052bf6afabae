"""What a new learner hits first, driven by key presses and checked against the database: the key bar
says what Space does after the reveal, a grade key on a card's front says what to press first."""

from __future__ import annotations

from datetime import date
from itertools import pairwise
from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.widgets import Static

from tests.conftest import SHANGHAI, make_deck
from tests.test_tui_lists import LIST_ID, known_yesterday, today_log
from tests.test_tui_outline import DOC
from tests.tui_support import ExamSettings, app_for, log, start_review, sync
from trainer.deckfile import decks
from trainer.services.outline_draft import open_document
from trainer.tui.screens.dialogs import TextPrompt
from trainer.tui.screens.exam_plan import ExamPlanScreen
from trainer.tui.screens.help import KEY_CELLS, KEYS, HelpScreen
from trainer.tui.screens.new_deck import NewDeckScreen
from trainer.tui.screens.outline import OutlineScreen, push_outline
from trainer.tui.screens.review import ReviewScreen
from trainer.tui.widgets.chart import Chart, count_ticks
from trainer.tui.widgets.key_bar import KeyBar


def _bar(review: ReviewScreen) -> str:
    return review.query_one(KeyBar).text()


def _notes(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_a_grade_key_on_the_front_says_to_reveal_first_once_and_writes_nothing(engine, deck) -> None:
    sync(engine, deck)
    async with app_for(engine).run_test(size=(80, 24)) as pilot:
        review = await start_review(pilot)
        first = review.session.current().card_id
        await pilot.press("4")
        await pilot.pause()
        assert log(engine) == [] and not review.revealed
        assert _notes(pilot.app) == ["先按空格显示答案，再按 0–5 评分"]
        await pilot.press("3")  # once per card, not a pile of the same line
        assert len(_notes(pilot.app)) == 1
        await pilot.press("space", "2")
        assert log(engine) == [(first, 2)]


async def test_the_key_bar_says_what_space_gives_after_the_reveal_and_space_gives_it(engine, deck) -> None:
    sync(engine, deck)
    async with app_for(engine).run_test(size=(80, 24)) as pilot:
        review = await start_review(pilot)
        first = review.session.current().card_id
        assert _bar(review).startswith("空格 显示  h 提示")
        await pilot.press("space")
        bar = _bar(review)
        assert bar.startswith("空格 评 4 良好") and "h 提示" not in bar  # a hint is for the front
        assert cell_len(bar) <= 76
        await pilot.press("space")
        assert log(engine) == [(first, 4)]
        assert _bar(review).startswith("空格 显示  h 提示")  # the next card's front


async def test_after_a_typed_answer_the_key_bar_names_the_suggested_grade_that_enter_gives(engine, deck) -> None:
    sync(engine, deck)
    async with app_for(engine).run_test(size=(80, 24)) as pilot:
        review = await start_review(pilot)
        first = review.session.current().card_id
        await pilot.press("t", *"人才队伍不全", "enter")
        assert review.suggested == 3
        assert _bar(review).startswith("空格 评 3 勉强")
        await pilot.press("enter")
        assert log(engine) == [(first, 3)]


async def test_a_revealed_list_names_the_point_keys_and_space_submits(engine) -> None:
    known_yesterday(engine)
    async with app_for(engine).run_test(size=(80, 24)) as pilot:
        review = await start_review(pilot)
        assert review.session.current().card_id == LIST_ID
        await pilot.press("space")
        await pilot.pause()
        bar = _bar(review)
        assert bar.startswith("空格 提交  ↑↓ 选点") and "h 提示" not in bar
        assert cell_len(bar) <= 76
        await pilot.press("down", "2", "space")
        # The list's answer (its weakest point) and one per point: the second 2, the others Space's 4.
        grades = [4, 2, 4, 4, 4, 4]
        assert today_log(engine) == [(LIST_ID, 2, None)] + [(i, g, LIST_ID) for i, g in enumerate(grades, 1)]


@pytest.mark.parametrize("size", [(80, 24), (60, 20)], ids=["80x24", "60x20"])
async def test_help_descriptions_too_long_for_a_line_go_on_under_themselves(engine, deck, size) -> None:
    sync(engine, deck)
    async with app_for(engine).run_test(size=size) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(pilot.app.screen, HelpScreen)
        widget = pilot.app.screen.query_one("#help-text", Static)
        rows = [
            "".join(seg.text for seg in strip).rstrip() for strip in widget.render_lines(widget.region.reset_offset)
        ]
        headings = {screen for screen, _ in KEYS}
        assert rows[0] == "首页" and len(rows) > sum(len(keys) for _, keys in KEYS)
        for row in rows:
            # A heading, a blank, a key's line, or a description going on past the key column.
            assert row in headings or row == "" or row.startswith("  "), row
            assert cell_len(row) <= widget.region.width
        # 备考计划's description is longer than a line at either width: it goes on in its own column.
        p = rows.index(next(r for r in rows if r.startswith("  p ")))
        assert rows[p + 1].startswith(" " * KEY_CELLS + "  ") and rows[p + 1].strip()


@pytest.mark.parametrize(
    "typed", ["2027/3/28", "2027.3.28", "2027年3月28日", "２０２７－０３－２８", " 2027-3-28 "], ids=str.strip
)
async def test_the_exam_date_is_read_as_a_learner_writes_it(engine, deck, typed) -> None:
    from trainer.services.config import load_settings

    sync(engine, deck)
    async with app_for(engine, ExamSettings(zone=SHANGHAI)).run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        pilot.app.screen.input.value = typed
        await pilot.press("enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(pilot.app.screen, ExamPlanScreen)
        assert load_settings().exam_date == date(2027, 3, 28) == pilot.app.settings.exam_date


async def test_an_unreadable_exam_date_is_asked_again_with_how_to_write_it_and_nothing_stored(engine, deck) -> None:
    from trainer.services.config import config_path, load_settings

    sync(engine, deck)
    async with app_for(engine, ExamSettings(zone=SHANGHAI)).run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        await pilot.press(*"3月28", "enter")
        await pilot.pause()
        prompt = pilot.app.screen
        assert isinstance(prompt, TextPrompt) and prompt.input.value == "3月28"  # kept, to be fixed
        assert "请写成 2027-03-28" in str(prompt.query_one(".prompt-hint", Static).render())
        assert not config_path().exists() or load_settings().exam_date is None
        prompt.input.value = "2027/3/28"
        await pilot.press("enter")
        await pilot.pause()
        assert load_settings().exam_date == date(2027, 3, 28)
        await pilot.press("m")
        await pilot.pause()
        pilot.app.screen.input.value = "30分钟"
        await pilot.press("enter")
        await pilot.pause()
        assert load_settings().minutes_per_day == 30


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
async def test_outline_rows_are_one_line_each_and_a_doubt_says_its_fix(engine, tmp_path: Path, size) -> None:
    doc = tmp_path / "范文.txt"
    long_head = "一句没有说明的" + "很长" * 20 + "的要点"
    doc.write_text(DOC + f"\n3. {long_head}\n", encoding="utf-8")
    app = app_for(engine)
    async with app.run_test(size=size) as pilot:
        push_outline(app, open_document(doc, output=tmp_path / "范文.yaml"))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, OutlineScreen)
        outline = screen.outline
        # One line a row: the body start and a long head are cut at the pane, never folded to column 0.
        assert outline.virtual_size.height == outline.option_count == len(outline.rows)
        last = outline.option_count - 1
        assert outline.rows[last].unsure
        lines = outline.render_lines(outline.region.reset_offset)
        assert all(strip.cell_length <= outline.region.width for strip in lines)
        outline.highlighted = last
        await pilot.pause()
        rows = ["".join(seg.text for seg in strip) for strip in outline.render_lines(outline.region.reset_offset)]
        (row,) = [r.strip("▊▎ ") for r in rows if "一句没有说明" in r]
        assert row.startswith("? 第3点 一句没有说明的很长") and row.endswith("…")  # the ? survives the cut
        said = str(screen.query_one("#outline-message", Static).render())
        assert said.startswith("? 要点过长：e 改短")


@pytest.mark.parametrize("top", [0, 1, 2, 3, 4, 5, 7, 9, 13, 37, 81, 100, 250, 999, 1234, 20000])
def test_a_count_chart_has_whole_number_ticks_from_zero_past_the_top(top) -> None:
    ticks = count_ticks(top)
    step = ticks[1] - ticks[0]
    assert ticks[0] == 0 and ticks[-1] >= top and len(ticks) <= 5
    assert all(b - a == step for a, b in pairwise(ticks))
    assert step / 10 ** (len(str(step)) - 1) in (1, 2, 5)  # 1, 2 or 5 times a power of ten
    assert ticks[-1] - step < max(top, 1)  # no empty step above the top


async def test_the_stats_review_chart_counts_in_whole_numbers(engine, deck) -> None:
    sync(engine, deck)
    async with app_for(engine).run_test(size=(80, 24)) as pilot:
        review = await start_review(pilot)
        await pilot.press("space", "4", "space", "4")
        assert len(log(engine)) == 2
        review.app.pop_screen()
        await pilot.pause()
        await pilot.press("s")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        chart = pilot.app.screen.query_one("#chart-reviews", Chart)
        rows = ["".join(seg.text for seg in strip) for strip in chart.render_lines(chart.region.reset_offset)]
        labels = [row.split("┤")[0].strip() for row in rows if "┤" in row]
        assert labels == ["2", "1", "0"]  # two reviews today: no 1.67 of a review


async def test_without_an_exam_date_the_commands_are_whole_lines_at_80_columns(engine, deck) -> None:
    sync(engine, deck)
    async with app_for(engine, ExamSettings(zone=SHANGHAI)).run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        summary = pilot.app.screen.query_one("#plan-summary", Static)
        rows = [
            "".join(seg.text for seg in strip).strip() for strip in summary.render_lines(summary.region.reset_offset)
        ]
        assert rows[0].startswith("还没有设定考试日期：按 d 设定")
        assert "trainer config set exam-date 2027-03-28" in rows[1]  # one line, as it is typed
        assert rows[2] == "trainer config set minutes-per-day 30"


async def _home_says(app) -> str:
    return str(app.screen.query_one("#home-empty", Static).render())


async def test_home_at_the_first_start_says_decks_are_loading_not_that_there_are_none(engine, tmp_path: Path) -> None:
    folder = tmp_path / "decks"
    folder.mkdir()
    decks.save(make_deck(name="冒烟卡组"), folder / "d.yaml")
    app = app_for(engine, sync_paths=[folder])
    app.warm_up = lambda: None  # the background sync not yet done: what the first paint shows
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert await _home_says(app) == "正在载入卡组……"
    app = app_for(engine, sync_paths=[folder])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert [d.name for d in app.home.decks] == ["冒烟卡组"] and await _home_says(app) == ""


async def test_home_with_no_deck_after_the_sync_says_how_to_make_one(engine, tmp_path: Path) -> None:
    app = app_for(engine, sync_paths=[tmp_path])  # a folder without decks
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert app.home.decks == [] and (await _home_says(app)).startswith("还没有卡组：按 n 从文档")
        await pilot.press("n")  # what it says works
        await pilot.pause()
        assert isinstance(app.screen, NewDeckScreen)
