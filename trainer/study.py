"""A day's study session: the in-memory due queue, answering and undo; no widgets, no SQL of its own."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from trainer.config import Settings
from trainer.sched import review
from trainer.sched.days import day_to_date, require_aware, study_day
from trainer.store import card_ops, queries
from trainer.store.convert import CardState, ReviewCard

Clock = Callable[[], datetime]


@dataclass(frozen=True, slots=True)
class Summary:
    """What a session did, for the summary screen."""

    reviewed: int
    correct: int
    seconds: float
    left: int
    next_due: date | None

    @property
    def accuracy(self) -> float:
        """Share of answers graded 3 or better."""
        return self.correct / self.reviewed if self.reviewed else 0.0


@dataclass(slots=True)
class _Done:
    log_id: int
    card_id: int
    quality: int
    duration_ms: int


@dataclass(slots=True)
class _Change:
    """A bury or suspend in this session, undone by putting `before` back."""

    card_id: int
    before: CardState
    answers_before: int  # len(done) when it happened, so undo takes changes and answers in order


@dataclass
class StudySession:
    """Reviews the due cards of some decks, one at a time, committing each answer before moving on."""

    engine: Engine
    deck_ids: list[int]
    settings: Settings
    clock: Clock
    today: int = 0
    queue: deque[int] = field(default_factory=deque)
    done: list[_Done] = field(default_factory=list)
    _current: ReviewCard | None = None
    changes: list[_Change] = field(default_factory=list)

    @classmethod
    def start(cls, engine: Engine, deck_ids: list[int], settings: Settings, clock: Clock) -> StudySession:
        """Build the day's queue for these decks."""
        today = study_day(require_aware(clock()), settings.tz(), settings.day_start_hour)
        with Session(engine) as s:
            ids = queries.due_queue(s, today, deck_ids, settings.new_per_day)
        return cls(engine=engine, deck_ids=deck_ids, settings=settings, clock=clock, today=today, queue=deque(ids))

    @property
    def left(self) -> int:
        """Cards still queued, the current one included."""
        return len(self.queue)

    def current(self) -> ReviewCard | None:
        """The card to show now, or None when the queue is empty."""
        if not self.queue:
            self._current = None
            return None
        if self._current is None or self._current.card_id != self.queue[0]:
            with Session(self.engine) as s:
                self._current = queries.load_card(s, self.queue[0])
        return self._current

    def preview(self, quality: int) -> int:
        """Days until the current card would be due again after `quality`."""
        card = self.current()
        if card is None:
            return 0
        return review(card.state.sm2, quality).interval

    def answer(self, quality: int, duration_ms: int = 0) -> queries.Answer:
        """Grade the current card; the answer is committed before this returns."""
        card = self.current()
        if card is None:
            raise LookupError("no card to answer")
        with Session(self.engine) as s, s.begin():
            result = queries.record_answer(
                s, card.card_id, quality, now=self.clock(), today=self.today, duration_ms=duration_ms
            )
        self.done.append(_Done(result.log_id, card.card_id, quality, duration_ms))
        self.queue.popleft()
        self._current = None
        return result

    def undo(self) -> bool:
        """Take back the last answer of this session; its card comes back to the front."""
        if self.changes and self.changes[-1].answers_before == len(self.done):
            change = self.changes.pop()
            with Session(self.engine) as s, s.begin():
                card_ops.restore_state(s, change.card_id, change.before)
            self.queue.appendleft(change.card_id)
            self._current = None
            return True
        if not self.done:
            return False
        last = self.done.pop()
        with Session(self.engine) as s, s.begin():
            queries.undo_answer(s, last.log_id)
        self.queue.appendleft(last.card_id)
        self._current = None
        return True

    def summary(self) -> Summary:
        """Counts and timing of the answers given in this session."""
        with Session(self.engine) as s:
            nxt = queries.next_due_day(s, self.today, self.deck_ids)
        return Summary(
            reviewed=len(self.done),
            correct=sum(1 for d in self.done if d.quality >= 3),
            seconds=sum(d.duration_ms for d in self.done) / 1000,
            left=self.left,
            next_due=day_to_date(nxt) if nxt else None,
        )

    def _set_aside(self, change: Callable[[Session, int], CardState]) -> None:
        card = self.current()
        if card is None:
            raise LookupError("no card to set aside")
        with Session(self.engine) as s, s.begin():
            before = change(s, card.card_id)
        self.changes.append(_Change(card.card_id, before, len(self.done)))
        self.queue.popleft()
        self._current = None

    def bury(self) -> None:
        """Hide the current card until tomorrow (undo brings it back)."""
        self._set_aside(lambda s, card_id: card_ops.bury(s, card_id, self.today))

    def suspend(self) -> None:
        """Suspend the current card until it is unsuspended in the browser (undo brings it back)."""
        self._set_aside(card_ops.suspend)

    def edit_point(self, point_id: str, *, head: str, body: str) -> None:
        """Change a point of the current card; its history and schedule stay as they are."""
        card = self.current()
        if card is None:
            raise LookupError("no card to edit")
        with Session(self.engine) as s, s.begin():
            card_ops.edit_point(s, card.card_id, point_id, head=head, body=body)
        self._current = None

    def keep_only(self, card_ids: set[int]) -> None:
        """Narrow the queue to these cards (a topic chosen on the home screen), keeping its order."""
        self.queue = deque(c for c in self.queue if c in card_ids)
        self._current = None
