"""Adding a point in the app (issue 18): to a section of an existing deck, written to its deck file and
synced like an edit; its cards arrive as new cards."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.tui_support import app_for, sync
from trainer.deckfile import decks
from trainer.store.models import CardRow, CardStateRow, NoteRow, Queue
from trainer.tui.screens.add_point import AddPointScreen
from trainer.tui.screens.browse import BrowseScreen
from trainer.tui.screens.error import ErrorScreen


async def _settle(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_a_point_added_in_browse_goes_to_the_deck_file_and_the_database(engine, deck, _isolated_home: Path):
    sync(engine, deck)
    app = app_for(engine)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("b")
        await _settle(pilot)
        browse = app.screen
        assert isinstance(browse, BrowseScreen)
        await pilot.press("a")
        assert isinstance(app.screen, AddPointScreen)
        await pilot.press(*"考核机制不健全", "enter", *"考核流于形式", "ctrl+s")
        await _settle(pilot)
        assert app.screen is browse
        assert browse.total == 4
    with Session(engine) as s:
        note = s.scalars(select(NoteRow).where(NoteRow.head == "考核机制不健全")).one()
        assert (note.topic, note.heading, note.body, note.ord) == ("优化基层政企服务", "存在的问题", "考核流于形式", 4)
        head = s.scalars(select(CardRow).where(CardRow.key == f"{note.key}:head")).one()
        assert s.get(CardStateRow, head.id).queue == Queue.NEW
    saved = decks.load(_isolated_home / "decks" / f"{deck.name}.yaml")  # the synced file is not writable: a copy
    section = saved.topics[0].sections[0]
    assert [p.head for p in section.points][-1] == "考核机制不健全"
    assert len(section.points) == 4


async def test_adding_a_head_the_section_has_is_refused(engine, deck):
    sync(engine, deck)
    app = app_for(engine)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("b")
        await _settle(pilot)
        await pilot.press("a", *"人才队伍不完善", "ctrl+s")
        assert isinstance(app.screen, ErrorScreen) and "已有要点" in app.screen.message
    with Session(engine) as s:
        assert len(s.scalars(select(NoteRow)).all()) == 3
