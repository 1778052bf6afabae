"""The study session's card reader: cards read in batches as the queue reaches them, and the read and
summary-refresh transactions it runs in; no scheduling, no widgets."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from trainer.errors import StaleCardError
from trainer.store import drill, sqlrun
from trainer.store.convert import ReviewCard

if TYPE_CHECKING:
    from sqlalchemy import Engine

# Cards are read from the database as the queue reaches them, in batches that double up to this size:
# the session starts after reading one card, and later reads cost one answer in BATCH_MAX a few ms.
BATCH_MAX = 64

__all__ = ["BATCH_MAX", "LazyCards", "reading", "refresh_summaries"]


class LazyCards(dict[int, ReviewCard]):
    """The session's cards by id, each read (with the next unread cards of the queue) on first use.

    A card read late may have been answered today by another process since the session started: its
    state is then that answer's, and `answered` learns of it, so this session's answer is graded as a
    same-day repeat, as `trainer db replay` will grade it.
    """

    def __init__(
        self, engine: Engine, queue: deque[int], today: int, answered: set[int], run: sqlrun.Runner | None = None
    ) -> None:
        super().__init__()
        self.engine = engine
        self.run = run
        self.queue = queue
        self.today = today
        self.answered = answered

    def __missing__(self, card_id: int) -> ReviewCard:
        size = min(BATCH_MAX, max(1, len(self)))
        wanted = [card_id]
        for cid in self.queue:
            if len(wanted) >= size:
                break
            if cid != card_id and not dict.__contains__(self, cid):
                wanted.append(cid)
        stale: set[int] = set()
        with reading(self.engine, self.run) as run:
            self.update(drill.load_cards(run, wanted, stale=stale))
            self.answered.update(drill.answered_on_day(run, wanted, self.today))
        if stale:
            # StudySession.current retires them, drops them from the queue and reads on.
            raise StaleCardError("cards no longer given by their points", card_ids=tuple(sorted(stale)))
        return dict.__getitem__(self, card_id)


@contextmanager
def reading(engine: Engine, run: sqlrun.Runner | None) -> Iterator[sqlrun.Runner]:
    """`run` itself, or a runner on a read-only (deferred) session of `engine` for the block."""
    if run is not None:
        yield run
        return
    from sqlalchemy.orm import Session

    from trainer.store.engine import reader
    from trainer.store.queries import runner

    with Session(reader(engine)) as s:
        yield runner(s)


def refresh_summaries(engine: Engine, run: sqlrun.SqliteRunner | None, today: int) -> None:
    """Fold the review log's new rows into the day summaries (a short write; `run`'s own connection when given)."""
    from trainer.store import day_summaries as summaries

    if run is not None:
        summaries.ensure_fresh(run, today)
        return
    from sqlalchemy.orm import Session

    from trainer.store.queries import runner

    with Session(engine) as s, s.begin():
        if engine.dialect.name == "postgresql":
            # One refresher at a time, and none while an answer is in flight: a log row committed
            # after the mark had passed its id would never be folded in. (SQLite writers are serial.)
            from sqlalchemy import text

            s.execute(text("LOCK TABLE review_log IN SHARE ROW EXCLUSIVE MODE"))
        summaries.refresh(runner(s), today)
