"""Deck text shown as written, in Chinese errors, past exam dates refused, the practice key said where it
works, practice mode shown: each driven by key presses and checked against the screen and the database."""

from __future__ import annotations

import pytest
from textual.widgets import RadioButton

from tests.conftest import make_deck
from tests.tui_support import app_for, sync
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
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        shown = "\n".join("".join(seg.text for seg in strip) for strip in table.render_lines(table.region.reset_offset))
        assert head in shown, shown
