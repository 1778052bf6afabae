"""Custom study: a session over cards the learner picks (review ahead, a deck or topic, the weakest
points) or 考前速记's, outside the daily limits; a practice session changes no schedule and writes no answer."""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import TYPE_CHECKING, ClassVar

from trainer.core import session as rules
from trainer.errors import TrainerError
from trainer.sched.days import require_aware, study_day
from trainer.sched.exam import CRAM_DAYS
from trainer.sched.state import Algorithm, Schedule
from trainer.services.exam_plan import cram
from trainer.services.study import LazyCards, StudySession, Summary, _Done
from trainer.store import custom, drill
from trainer.store.answers import Answer
from trainer.store.handle import Store, as_store

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from trainer.services.config import Settings
    from trainer.services.study import Clock

AHEAD_DAYS = 7
WEAKEST = 20
PRACTICE_NO_BURY = "练习模式不改日程：搁置请在正常复习中进行"
CRAM_CARDS = 60  # 考前速记's cards at most: a morning's pass


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


def pick_cards(store: Store | Engine, plan: CustomPlan, today: int) -> list[int]:
    """The cards of the plan, in the order to study them."""
    decks = None if plan.deck_id is None else [plan.deck_id]
    with as_store(store).read() as r:
        s = r.session
        match plan.choice:
            case Choice.AHEAD:
                return custom.due_ahead(s, today, plan.days, decks)
            case Choice.TOPIC:
                return custom.topic_cards(s, plan.deck_id, plan.topic) if plan.deck_id is not None else []
            case Choice.WEAKEST:
                return custom.weakest_cards(s, WEAKEST, decks)


def nothing_found(plan: CustomPlan) -> str:
    """What to tell the learner when the plan finds no card, with the choice that would find some."""
    match plan.choice:
        case Choice.AHEAD:
            why = f"今后 {plan.days} 天没有到期的卡片（新卡不算）；选「当前卡组的全部卡片」可以练习每一张"
        case Choice.WEAKEST:
            why = "还没有薄弱的要点（没有忘记过、也没有变难的卡片）"
        case Choice.TOPIC:
            why = "这里没有可学的卡片（可能都已暂停）"
    return f"没有符合条件的卡片：{why}"


def start_custom(store: Store | Engine, plan: CustomPlan, settings: Settings, clock: Clock) -> StudySession:
    """A session over the plan's cards: a normal one when it reschedules, else a PracticeSession."""
    store = as_store(store)
    today = study_day(require_aware(clock()), settings.tz(), settings.day_start_hour)
    ids = pick_cards(store, plan, today)
    return session_over(store, ids, settings, clock, today=today, practice=not plan.reschedule)


def start_cram(store: Store | Engine, settings: Settings, clock: Clock) -> StudySession:
    """考前速记: one pass, outside the daily limits and minutes, over the lists whose weakest point has the
    lowest exam-day estimate (`trainer.services.exam_plan.cram`); the answers are real answers, logged
    and scheduled as in a review, so `trainer db replay` repeats them."""
    store = as_store(store)
    today = study_day(require_aware(clock()), settings.tz(), settings.day_start_hour)
    with store.read() as r:
        ids = cram(r.run, settings, today, CRAM_CARDS)
    session = session_over(store, ids, settings, clock, today=today)
    if ids and settings.exam_day is not None and settings.exam_day - today > CRAM_DAYS:
        session.notices.append(cram_early(settings.exam_day - today))
    return session


def cram_early(days: int) -> str:
    """The line 考前速记 starts with when the exam is more than `CRAM_DAYS` days away (it still runs)."""
    return f"离考试还有 {days} 天：考前速记是为考前几天准备的，现在也可以过一遍，平时按计划复习就够了"


def session_over(
    store: Store, ids: list[int], settings: Settings, clock: Clock, *, today: int, practice: bool = False
) -> StudySession:
    """A session over these cards in this order, outside the daily limits: a StudySession (answers written
    and scheduled) or, with `practice`, a PracticeSession (nothing written)."""
    with store.read() as r:
        deck_of = custom.card_decks(r.session, ids)
        run = r.run
        algorithms = drill.deck_algorithms(run, sorted(set(deck_of.values())))
        answered = drill.answered_on_day(run, ids, today) if ids else set()
    queue = deque(ids)
    kind = PracticeSession if practice else StudySession
    point_cards: dict[int, tuple[int, ...]] = {}  # a list's points, read with the list card (see LazyCards)
    point_states: dict[int, Schedule] = {}
    session = kind(
        store=store,
        deck_ids=sorted(set(deck_of.values())),
        settings=settings,
        clock=clock,
        today=today,
        queue=queue,
        cards=LazyCards(store, queue, today, answered, deck_of, point_cards, point_states),
        policies={d: settings.policy(algorithms.get(d, Algorithm.SM2)) for d in deck_of.values()},
        deck_of=deck_of,
        answered=answered,
        point_cards=point_cards,
        point_states=point_states,
    )
    session.current()
    return session


@dataclass
class PracticeSession(StudySession):
    """Cards shown and graded as usual (a grade below 4 brings the card back), but nothing is written:
    no answer in the log, no schedule changed. Bury (a day's move of the schedule) is refused; suspend
    still acts, as the learner asks."""

    practice: ClassVar[bool] = True

    def bury(self) -> None:
        raise TrainerError(PRACTICE_NO_BURY)

    def answer_list(self, grades: Sequence[int], duration_ms: int = 0) -> Answer:
        card = self.current()
        if card is None:
            raise LookupError("no card to answer")
        own, points = self._graded(card, grades)
        queue, step = rules.after_answer(self.queue, own, points)
        self._set_queue(queue)
        self.done.append(_Done(step, tuple(-1 for _ in step.answers), duration_ms))
        outcome = own.outcome
        return Answer(log_id=-1, before=card.state, after=card.state, repeat=outcome.repeat, again=outcome.again)

    def undo(self) -> bool:
        if self.changes and self.changes[-1].answers_before == len(self.done):
            return super().undo()
        if not self.done:
            return False
        self._set_queue(rules.after_undo(self.queue, self.done.pop().step))
        return True

    def summary(self) -> Summary:
        return replace(super().summary(), practice=True)
