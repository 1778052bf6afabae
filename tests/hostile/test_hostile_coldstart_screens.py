"""Every screen the home screen opens, on the store a cold start opens (the start-up sqlite3 connection,
the engine built when first needed): none stops the app. Browse did ("this transaction runs on the
start-up sqlite3 connection") the moment a learner pressed `b` after starting trainer: exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import make_deck
from tests.hostile.conftest import integrity, replay_ok
from trainer.deckfile import decks
from trainer.store import lite
from trainer.store.engine import make_engine
from trainer.store.handle import Store
from trainer.tui.app import make_app

# Home's keys that open a screen or act, each followed by what leaves it again.
KEYS = {
    "browse": ["b"],
    "stats": ["s"],
    "cards": ["c"],
    "custom": ["x"],
    "new-deck": ["n"],
    "help": ["question_mark"],
    "topics": ["t", "t"],
    "review": ["enter", "space", "3"],
    "review-all": ["a", "space", "4"],
    "rename": ["r"],
}


@pytest.mark.parametrize("name", list(KEYS))
async def test_a_screen_opened_on_a_cold_start_store_does_not_stop_the_app(home: Path, run, name: str) -> None:
    home.mkdir(mode=0o700)
    (home / "decks").mkdir(mode=0o700)
    decks.save(make_deck(), home / "decks" / "mine.yaml")
    assert run("sync", home / "decks" / "mine.yaml").code == 0
    url = f"sqlite:///{home / 'trainer.db'}"
    con = lite.open_current(url)
    assert con is not None  # the cold-start path: at the current schema
    store = Store(lambda: make_engine(url), lite=con)
    app = make_app(store)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
            for key in KEYS[name]:
                await pilot.press(key)
                await pilot.app.workers.wait_for_complete()
                await pilot.pause()
            await pilot.press("escape")
            await pilot.pause()
        assert app.failure is None, app.failure
    finally:
        store.close()
    assert integrity(home / "trainer.db") == ["ok"]
    replay_ok(run)
