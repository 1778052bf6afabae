"""Helpers for the TUI tests: a synced store, a fixed clock, and reading back the review log."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.conftest import FIXED_NOW, SHANGHAI
from trainer.core.model import Deck
from trainer.services.config import Settings
from trainer.store import queries
from trainer.store.handle import Store
from trainer.store.models import CardStateRow, ReviewLogRow
from trainer.store.sync import sync_deck
from trainer.tui.app import TrainerApp, make_app
from trainer.tui.screens.review import ReviewScreen


def sync(engine, deck: Deck) -> None:
    with Session(engine) as s, s.begin():
        sync_deck(s, deck, path=f"{deck.name}.yaml", content_hash="x", now=FIXED_NOW)


def app_for(engine, settings: Settings | None = None, **kwargs) -> TrainerApp:
    return make_app(Store(engine), settings=settings or Settings(zone=SHANGHAI), clock=lambda: FIXED_NOW, **kwargs)


def log(engine) -> list[tuple[int, int]]:
    """(card id, quality) of every answer, oldest first."""
    with Session(engine) as s:
        return [(r.card_id, r.quality) for r in s.scalars(select(ReviewLogRow).order_by(ReviewLogRow.id))]


def states(engine) -> dict[int, tuple]:
    """Every card's full schedule row, for exact before/after comparisons."""
    with Session(engine) as s:
        return {
            r.card_id: (r.queue, r.due_day, r.reps, r.ease, r.interval, r.lapses, r.last_review)
            for r in s.scalars(select(CardStateRow))
        }


def add_history(engine, card_ids: list[int], days_back: int, today: int) -> None:
    """A fixed review history: card i answered on each of the last `days_back` days with a fixed pattern."""
    with Session(engine) as s, s.begin():
        for back in range(days_back, 0, -1):
            day = today - back
            now = FIXED_NOW - timedelta(days=back)
            for i, card_id in enumerate(card_ids):
                if (back + i) % 3 == 0:
                    continue
                quality = 2 if (back * (i + 1)) % 5 == 0 else 4
                queries.record_answer(s, card_id, quality, now=now, today=day, duration_ms=4000 + 500 * i)


@dataclass
class FakeTicker:
    """A monotonic clock that only moves when told to."""

    now: float = 1000.0
    calls: list[float] = field(default_factory=list)

    def __call__(self) -> float:
        self.calls.append(self.now)
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


# Settings carry the exam date (`trainer config set exam-date`).
ExamSettings = Settings


def today_number() -> int:
    return datetime(2026, 11, 22).date().toordinal()


async def start_review(pilot) -> ReviewScreen:
    """Enter on home: the review screen of the first due card."""
    await pilot.press("enter")
    screen = pilot.app.screen
    assert isinstance(screen, ReviewScreen)
    return screen
