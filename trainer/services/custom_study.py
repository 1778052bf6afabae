"""Custom study: a session over cards the learner picks (review ahead, a deck or topic, the weakest
points), outside the daily limits; a practice session changes no schedule and writes no answer."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from trainer.sched.days import require_aware, study_day
from trainer.sched.queue import reinsert_at
from trainer.sched.state import Algorithm
from trainer.services.study import REPEAT_GAP, LazyCards, StudySession, Summary, _Done
from trainer.store import custom, drill
from trainer.store.answers import Answer
from trainer.store.engine import reader
from trainer.store.queries import runner

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from trainer.services.config import Settings
    from trainer.services.study import Clock

AHEAD_DAYS = 7
WEAKEST = 20


class Choice(StrEnum):
    """What a custom session studies."""

    AHEAD = "ahead"  # reviews due in the next days
    TOPIC = "topic"  # every card of a deck, or of one of its topics
    WEAKEST = "weakest"  # the head cards of the weakest points


@dataclass(frozen=True, slots=True)
class CustomPlan:
    """A custom session asked for.

    Attributes:
        choice: What to study.
        deck_id: The deck (TOPIC; for AHEAD and WEAKEST, None is every deck).
        topic: One topic of that deck ("" for the whole deck).
        days: How far ahead AHEAD looks.
        reschedule: Answers change schedules as in a normal review; False: a practice, nothing written.
    """

    choice: Choice
    deck_id: int | None = None
    topic: str = ""
    days: int = AHEAD_DAYS
    reschedule: bool = False


def pick_cards(engine: Engine, plan: CustomPlan, today: int) -> list[int]:
    """The cards of the plan, in the order to study them."""
    decks = None if plan.deck_id is None else [plan.deck_id]
    with Session(reader(engine)) as s:
        match plan.choice:
            case Choice.AHEAD:
                return custom.due_ahead(s, today, plan.days, decks)
            case Choice.TOPIC:
                return custom.topic_cards(s, plan.deck_id, plan.topic) if plan.deck_id is not None else []
            case Choice.WEAKEST:
                return custom.weakest_cards(s, WEAKEST, decks)


def start_custom(engine: Engine, plan: CustomPlan, settings: Settings, clock: Clock) -> StudySession:
    """A session over the plan's cards: a normal one when it reschedules, else a PracticeSession."""
    today = study_day(require_aware(clock()), settings.tz(), settings.day_start_hour)
    ids = pick_cards(engine, plan, today)
    with Session(reader(engine)) as s:
        deck_of = custom.card_decks(s, ids)
        run = runner(s)
        algorithms = drill.deck_algorithms(run, sorted(set(deck_of.values())))
        answered = drill.answered_on_day(run, ids, today) if ids else set()
    queue = deque(ids)
    kind = StudySession if plan.reschedule else PracticeSession
    session = kind(
        engine=engine,
        deck_ids=sorted(set(deck_of.values())),
        settings=settings,
        clock=clock,
        today=today,
        queue=queue,
        cards=LazyCards(engine, queue, today, answered),
        policies={d: settings.policy(algorithms.get(d, Algorithm.SM2)) for d in deck_of.values()},
        deck_of=deck_of,
        answered=answered,
    )
    session.current()
    return session


@dataclass
class PracticeSession(StudySession):
    """Cards shown and graded as usual (a grade below 4 brings the card back), but nothing is written:
    no answer in the log, no schedule changed. Bury and suspend still act, as the learner asks."""

    def answer(self, quality: int, duration_ms: int = 0) -> Answer:
        card = self.current()
        if card is None:
            raise LookupError("no card to answer")
        _policy, outcome = self._grade(card, quality)
        self.queue.popleft()
        if outcome.again:
            self.queue.insert(reinsert_at(len(self.queue), REPEAT_GAP), card.card_id)
        self.done.append(_Done(-1, card.card_id, quality, duration_ms, card.state, False, outcome.again))
        return Answer(log_id=-1, before=card.state, after=card.state, repeat=outcome.repeat, again=outcome.again)

    def undo(self) -> bool:
        if self.changes and self.changes[-1].answers_before == len(self.done):
            return super().undo()
        if not self.done:
            return False
        last = self.done.pop()
        if last.requeued:
            self.queue.remove(last.card_id)
        self.queue.appendleft(last.card_id)
        return True

    def summary(self) -> Summary:
        return replace(super().summary(), practice=True)
