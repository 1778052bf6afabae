"""Deck text shown as written, in Chinese errors, past exam dates refused, the practice key said where it
works, practice mode shown: each driven by key presses and checked against the screen and the database."""

from __future__ import annotations

import re
from datetime import date

import pytest
from textual.widgets import RadioButton, Static

from tests.conftest import SHANGHAI, make_deck
from tests.tui_support import app_for, sync
from trainer.services.config import Settings
from trainer.tui.screens.custom import CustomStudyScreen


@pytest.mark.parametrize("name", ["申论[/]", "[b]申论[/b]"])
async def test_a_deck_name_with_brackets_shows_as_written_in_the_custom_study_dialog(engine, name) -> None:
    sync(engine, make_deck(name=name))
    async with app_for(engine).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("x")  # crashed with MarkupError on `申论[/]`
        await pilot.pause()
        dialog = pilot.app.screen
        assert isinstance(dialog, CustomStudyScreen)
        topic = dialog.query_one("#choice-topic", RadioButton)
        assert f"全部卡片：{name}" in str(topic.label), str(topic.label)  # brackets kept


@pytest.mark.parametrize("head", ["人才[/]不足", "[b]人才[/b]"])
async def test_a_point_with_brackets_shows_as_written_in_the_cards_table(engine, head) -> None:
    from textual.widgets import DataTable

    sync(engine, make_deck(heads=(head, "权力下放不到位")))
    app = app_for(engine)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        app.action_cards()  # crashed on `[/]`; `[b]` lost its brackets
        shown = ""
        # DataTable sizes its columns to their content on an Idle event; under the whole suite on a loaded
        # machine that came later than 2 s (CI red on 00a15d3's successor with the cells four wide): 10 s.
        for _ in range(200):
            await pilot.pause(0.05)
            table = app.screen.query_one(DataTable)
            lines = table.render_lines(table.region.reset_offset)
            shown = "\n".join("".join(seg.text for seg in strip) for strip in lines)
            if "权力下放不到位" in shown:
                break
        assert head in shown, shown


# 2. The outline editor's refusals, and the other services' messages the app shows, are Chinese.


async def test_the_outline_editor_refuses_in_chinese(engine, tmp_path) -> None:
    from tests.test_tui_outline import BUILT, DOC, heads
    from trainer.services.outline_draft import open_document
    from trainer.tui.screens.outline import OutlineScreen, push_outline

    doc = tmp_path / "范文.txt"
    doc.write_text(DOC, encoding="utf-8")
    out = tmp_path / "范文.yaml"
    app = app_for(engine)
    async with app.run_test(size=(120, 40)) as pilot:
        push_outline(app, open_document(doc, output=out))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, OutlineScreen)

        def message() -> str:
            return str(screen.query_one("#outline-message", Static).render())

        await pilot.press("down", "down", "m")  # the first point of 存在的问题: nothing to merge into
        await pilot.pause()
        assert "这是小节的第一点，前面没有可以并入的要点" in message(), message()
        await pilot.press("K")  # and it cannot move up
        await pilot.pause()
        assert "这一点已经是第一点" in message() and not re.search(r"[a-z]{3,} [a-z]{2,}", message()), message()
        assert heads(screen.deck) == BUILT  # nothing changed
    assert not out.exists()


@pytest.mark.parametrize(
    ("english", "chinese"),
    [
        ("the point is already last", "这一点已经是最后一点"),
        ("a head cannot be empty", "要点不能为空"),
        ("a topic title cannot be empty", "主题名不能为空"),
        ("the exam date 2020-01-01 is past", "考试日期 2020-01-01 已经过去"),
        ("card 12 does not exist", "卡片 12 不存在"),
        ("2 card(s) are no longer given by their points: a/b, c/d", "2 张卡片的要点已不在卡组里：a/b, c/d"),
        ("the head of a point cannot be empty", "要点不能为空"),
    ],
)
def test_the_services_messages_the_app_shows_have_their_chinese(english, chinese) -> None:
    from trainer.services.zh_messages import in_chinese

    assert in_chinese(english).startswith(chinese)


# 3. A past exam date is refused when the learner sets it (by the app's clock), never when it is read.


async def test_a_past_exam_date_is_refused_in_the_dialog_and_nothing_is_saved(engine) -> None:
    from tests.test_tui_exam_plan import settle, studied
    from trainer.services.config import config_path, load_settings
    from trainer.tui.screens.dialogs import TextPrompt
    from trainer.tui.screens.exam_plan import ExamPlanScreen

    studied(engine)
    app = app_for(engine, Settings(zone=SHANGHAI))  # the app's clock says 2026-11-22
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ExamPlanScreen)
        for past in ("2020-01-01", "2026-11-21"):
            await pilot.press("d")
            await pilot.pause()
            await pilot.press(*past, "enter")
            await settle(pilot)
            prompt = app.screen
            assert isinstance(prompt, TextPrompt) and prompt.input.value == past  # asked again
            hint = str(prompt.query_one(".prompt-hint", Static).render())
            assert hint.splitlines()[0] == f"考试日期 {past} 已经过去（今天是 2026-11-22），请填今天或以后的日期"
            assert not config_path().exists() and app.settings.exam_date is None and screen.plan is None
            await pilot.press("escape")
            await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        await pilot.press(*"2026-11-22", "enter")  # today is not past
        await settle(pilot)
        assert load_settings().exam_date == date(2026, 11, 22) == app.settings.exam_date


def test_a_past_exam_date_is_refused_by_the_cli_in_one_line(_isolated_home, capsys) -> None:
    from trainer.cli import main

    assert main(["config", "set", "exam-date", "2020-01-01"]) == 2
    captured = capsys.readouterr()
    err = captured.err.strip()
    assert "\n" not in err and "exam-date: the exam date 2020-01-01 is past (today is " in err, err
    assert captured.out == "" and not (_isolated_home / "config.yaml").exists()


def test_a_passed_exam_in_the_config_file_is_read_and_the_app_starts(_isolated_home, capsys) -> None:
    from trainer.cli import main
    from trainer.services.config import load_settings

    _isolated_home.mkdir(parents=True)
    (_isolated_home / "config.yaml").write_text("exam-date: 2020-01-01\n", encoding="utf-8")
    assert load_settings().exam_date == date(2020, 1, 1)
    assert main(["config", "get", "exam-date"]) == 0
    assert capsys.readouterr().out.strip() == "2020-01-01"


# 4. "按 x 练习" is said only where x is practice: on home.


async def test_nothing_due_says_the_x_key_only_on_home(engine) -> None:
    from tests.test_tui_newuser_fixes import _all_answered_today
    from trainer.tui.screens.stats import StatsScreen

    sync(engine, make_deck())
    _all_answered_today(engine)
    app = app_for(engine, Settings(zone=SHANGHAI))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        app.action_stats()
        await pilot.pause()
        assert isinstance(app.screen, StatsScreen)
        await pilot.press("ctrl+p")  # 复习全部 from the command palette, over the stats screen
        await pilot.pause()
        await pilot.press(*"复习全部")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        said = [n.message for n in app._notifications]
        assert isinstance(app.screen, StatsScreen) and len(said) == 1, said
        assert "今天没有要复习的卡片了" in said[0] and "按 x" not in said[0] and "自定义学习" in said[0], said
        app.clear_notifications()
        await pilot.press("q")  # home: there x is practice, and said so
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        said = [n.message for n in app._notifications]
        assert len(said) == 1 and "按 x 练习" in said[0], said


# 5. A practice says so on the review screen while it lasts; a real review does not.


def _title_line(app) -> str:
    from trainer.tui.widgets.title_bar import TitleBar

    bar = app.screen.query_one(TitleBar)
    return "".join(seg.text for strip in bar.render_lines(bar.region.reset_offset) for seg in strip)


async def test_practice_mode_is_shown_on_the_review_screen_and_nothing_is_recorded(engine) -> None:
    from tests.tui_support import log, start_review, states
    from trainer.services.custom_study import PracticeSession
    from trainer.tui.screens.review import ReviewScreen

    sync(engine, make_deck())
    before, logged = states(engine), log(engine)
    app = app_for(engine, Settings(zone=SHANGHAI))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, CustomStudyScreen) and not app.screen.plan().reschedule
        await pilot.press("down", "space")  # all the deck's cards, as a practice (the tick left off)
        await pilot.click("#custom-start")
        await pilot.pause()
        review = app.screen
        assert isinstance(review, ReviewScreen) and isinstance(review.session, PracticeSession)
        assert "练习模式（不记录）" in _title_line(app), _title_line(app)
        await pilot.press("space", "4")
        await pilot.pause()
        assert app.screen is review and "练习模式（不记录）" in _title_line(app)  # on the next card too
        assert states(engine) == before and log(engine) == logged
        await pilot.press("q")
        await pilot.pause()
        await pilot.press("escape")  # the summary, then home
        await pilot.pause()
        real = await start_review(pilot)  # a real review: no such word
        assert not isinstance(real.session, PracticeSession) and "练习" not in _title_line(app), _title_line(app)
