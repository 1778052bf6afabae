"""A day's study session: the in-memory queue, answering, same-day repeats and undo; no widgets, no SQL."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import TYPE_CHECKING

from trainer.errors import StaleCardError
from trainer.sched.answer import Outcome, Policy, grade
from trainer.sched.budget import over_budget
from trainer.sched.days import day_to_date, require_aware, study_day
from trainer.sched.memory import Memory, remember
from trainer.sched.queue import reinsert_at
from trainer.sched.state import Algorithm, Schedule
from trainer.services.lazycards import BATCH_MAX, LazyCards, reading, refresh_summaries

__all__ = ["BATCH_MAX", "REPEAT_GAP", "StudySession", "Summary", "reading", "refresh_summaries"]
from trainer.store import drill, exam_reads, sqlrun
from trainer.store.convert import CardState, ReviewCard

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session

    from trainer.services.config import Settings
    from trainer.services.edits import Changes, EditSaved
    from trainer.store.answers import Answer

Clock = Callable[[], datetime]

# A card graded below 4 comes back this many cards later (or at the end of a shorter queue).
REPEAT_GAP = 7


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
    before: Schedule
    first_today: bool
    requeued: bool
    memory_before: Memory | None = None


@dataclass(slots=True)
class _Change:
    """A bury or suspend in this session, undone by putting `before` back."""

    card_id: int
    before: CardState
    answers_before: int  # len(done) when it happened, so undo takes changes and answers in order


@dataclass
class StudySession:
    """Reviews the day's cards of some decks, one at a time, committing each answer before moving on.

    The queue is planned when it starts; each card's content is read when the queue reaches it (see
    `LazyCards`). Answering a card grades it in memory and writes one UPDATE and one INSERT, and the
    next card comes from the in-memory queue.
    """

    engine: Engine
    deck_ids: list[int]
    settings: Settings
    clock: Clock
    today: int = 0
    queue: deque[int] = field(default_factory=deque)
    done: list[_Done] = field(default_factory=list)
    cards: dict[int, ReviewCard] = field(default_factory=dict)  # a LazyCards once started
    policies: dict[int, Policy] = field(default_factory=dict)
    deck_of: dict[int, int] = field(default_factory=dict)
    answered: set[int] = field(default_factory=set)
    changes: list[_Change] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)  # for the learner: cards skipped, where edits went
    run: sqlrun.Runner | None = None  # reads go here when given (see `start`)
    budget: float | None = None  # the learner's seconds for the day: no card is shown once they are used
    spent: float = 0.0  # seconds studied today (all sessions)
    memory: dict[int, Memory | None] = field(default_factory=dict)  # exam mode: FSRS memory from the log

    @classmethod
    def start(
        cls,
        engine: Engine,
        deck_ids: list[int],
        settings: Settings,
        clock: Clock,
        *,
        run: sqlrun.SqliteRunner | None = None,
    ) -> StudySession:
        """Build the day's queue for these decks: pending repeats, due reviews, then new cards.

        Args:
            engine: The store; answers and other writes go through it.
            deck_ids: The decks to study.
            settings: The learner's settings (limits, day start, schedulers).
            clock: Gives the current time.
            run: When given, every read of the session runs on it (a bare `sqlite3` connection at
                start-up, see `trainer.store.lite`), so `engine` is first touched by the first write.
        """
        from trainer.store import day_summaries as summaries

        today = study_day(require_aware(clock()), settings.tz(), settings.day_start_hour)
        for attempt in range(2):
            with reading(engine, run) as r:
                if attempt or summaries.is_fresh(r, today):
                    budget = settings.day_budget()
                    plan, activity = drill.plan(r, today, deck_ids, limits_for=settings.limits_for, budget=budget)
                    algorithms = drill.deck_algorithms(r, deck_ids)
                    spent = sum(exam_reads.spent_today(r, today, deck_ids).values()) if budget.minutes else 0.0
                    break
            refresh_summaries(engine, run, today)
        queue = deque(c.card_id for c in plan)
        answered = {c.card_id for c in activity.answered}
        cards = LazyCards(engine, queue, today, answered, run)
        session = cls(
            engine=engine,
            deck_ids=deck_ids,
            settings=settings,
            clock=clock,
            today=today,
            queue=queue,
            cards=cards,
            policies={d: settings.policy(algorithms.get(d, Algorithm.SM2)) for d in deck_ids},
            deck_of={c.card_id: c.deck_id for c in plan},
            answered=answered,
            run=run,
            budget=None if settings.minutes_per_day is None else settings.minutes_per_day * 60.0,
            spent=spent,
        )
        session.current()  # the first card is read now, so a missing card fails here (a stale one is skipped)
        return session

    @property
    def left(self) -> int:
        """Cards still queued, the current one included."""
        return len(self.queue)

    def current(self) -> ReviewCard | None:
        """The card to show now, or None when the queue is empty.

        A card its points no longer give (its deck file edited by hand) is retired and skipped, with
        a notice, rather than shown.
        """
        if over_budget(self.spent, self.budget) and self.queue:
            notice = f"今天的 {round((self.budget or 0) / 60)} 分钟已用完，其余 {len(self.queue)} 张留到明天"
            if notice not in self.notices:
                self.notices.append(notice)
            return None
        while self.queue:
            try:
                return self.cards[self.queue[0]]
            except StaleCardError as exc:
                self._drop(set(exc.card_ids) or {self.queue[0]})
        return None

    def _drop(self, stale: set[int]) -> None:
        self.notices += _retire_stale(self.engine, stale)
        kept = [c for c in self.queue if c not in stale]
        self.queue.clear()
        self.queue.extend(kept)
        for cid in stale:
            self.cards.pop(cid, None)

    def _grade(self, card: ReviewCard, quality: int) -> tuple[Policy, Outcome]:
        policy = self.policies[self.deck_of[card.card_id]]
        repeat = card.card_id in self.answered
        memory = self._memory(card.card_id) if policy.exam_target is not None else None
        return policy, grade(
            card.state, quality, today=self.today, card_id=card.card_id, policy=policy, repeat=repeat, memory=memory
        )

    def _memory(self, card_id: int) -> Memory | None:
        """The card's FSRS memory folded from its log (read once, then kept up to date by `answer`)."""
        if card_id not in self.memory:
            with reading(self.engine, self.run) as run:
                self.memory[card_id] = exam_reads.memories(run, [card_id]).get(card_id)
        return self.memory[card_id]

    def preview(self, quality: int) -> int:
        """Days until the current card would be due again after `quality`."""
        card = self.current()
        if card is None:
            return 0
        return self._grade(card, quality)[1].after.due_day - self.today

    def answer(self, quality: int, duration_ms: int = 0) -> Answer:
        """Grade the current card; the answer is committed before this returns.

        A card graded below 4 comes back later in this session; its repeats are logged but change
        neither ease nor interval (SM-2 step 7).
        """
        card = self.current()
        if card is None:
            raise LookupError("no card to answer")
        from trainer.store.answers import Answer, write_answer

        policy, outcome = self._grade(card, quality)
        with self.engine.begin() as conn:
            log_id = write_answer(
                conn,
                card.card_id,
                card.state,
                outcome,
                quality=quality,
                policy=policy,
                now=self.clock(),
                today=self.today,
                duration_ms=duration_ms,
            )
        cid = card.card_id
        memory_before = self.memory.get(cid)
        if policy.exam_target is not None:
            self.memory[cid] = remember(memory_before, quality, self.today)
        self.spent += max(0, duration_ms) / 1000
        self.queue.popleft()
        self.cards[cid] = replace(card, state=outcome.after)
        first = cid not in self.answered
        self.answered.add(cid)
        if outcome.again:
            self.queue.insert(reinsert_at(len(self.queue), REPEAT_GAP), cid)
        self.done.append(_Done(log_id, cid, quality, duration_ms, card.state, first, outcome.again, memory_before))
        return Answer(
            log_id=log_id,
            before=card.state,
            after=outcome.after,
            repeat=outcome.repeat,
            again=outcome.again,
            became_leech=outcome.became_leech,
        )

    def undo(self) -> bool:
        """Take back the last answer of this session; its card comes back to the front."""
        from sqlalchemy.orm import Session

        from trainer.store import card_ops, queries

        if self.changes and self.changes[-1].answers_before == len(self.done):
            change = self.changes.pop()
            with Session(self.engine) as s, s.begin():
                card_ops.restore_state(s, change.card_id, change.before)
            self.queue.appendleft(change.card_id)
            self.cards[change.card_id] = replace(self.cards[change.card_id], state=change.before)
            return True
        if not self.done:
            return False
        last = self.done.pop()
        with Session(self.engine) as s, s.begin():
            queries.undo_answer(s, last.log_id)
        if last.requeued:
            self.queue.remove(last.card_id)
        self.queue.appendleft(last.card_id)
        self.cards[last.card_id] = replace(self.cards[last.card_id], state=last.before)
        if last.first_today:
            self.answered.discard(last.card_id)
        if last.card_id in self.memory:
            self.memory[last.card_id] = last.memory_before
        self.spent -= max(0, last.duration_ms) / 1000
        return True

    def summary(self) -> Summary:
        """Counts and timing of the answers given in this session."""
        from sqlalchemy.orm import Session

        from trainer.store import queries

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
        from sqlalchemy.orm import Session

        with Session(self.engine) as s, s.begin():
            before = change(s, card.card_id)
        self.changes.append(_Change(card.card_id, before, len(self.done)))
        self.queue.popleft()

    def bury(self) -> None:
        """Hide the current card until tomorrow (undo brings it back)."""
        from trainer.store import card_ops

        self._set_aside(lambda s, card_id: card_ops.bury(s, card_id, self.today))

    def suspend(self) -> None:
        """Suspend the current card until it is unsuspended in the browser (undo brings it back)."""
        from trainer.store import card_ops

        self._set_aside(card_ops.suspend)

    def edit(self, changes: Changes) -> EditSaved:
        """Change points of the current card in its deck file and the database; schedules and history stay.

        The queued cards of its deck are read again; a card the edit no longer gives (a changed
        slogan, say) is retired and leaves the queue, with a notice.
        """
        from trainer.services.edits import save_edits

        card = self.current()
        if card is None:
            raise LookupError("no card to edit")
        saved = save_edits(self.engine, card.card_id, changes, now=self.clock())
        deck_id = self.deck_of.get(card.card_id)
        ids = [c for c in self.queue if c in self.cards and self.deck_of.get(c) == deck_id]
        stale: set[int] = set()
        with reading(self.engine, self.run) as run:
            fresh = drill.load_cards(run, ids, stale=stale)
        for cid, value in fresh.items():
            self.cards[cid] = replace(value, state=self.cards[cid].state)
        if stale:
            self._drop(stale)  # already retired by the edit's sync; this only tells the learner
        return saved

    def keep_only(self, card_ids: set[int]) -> None:
        """Narrow the queue to these cards (a topic chosen on the home screen), keeping its order."""
        kept = [c for c in self.queue if c in card_ids]
        self.queue.clear()  # in place: the lazy card reader follows this deque
        self.queue.extend(kept)


def _retire_stale(engine: Engine, stale: set[int]) -> list[str]:
    """Retire cards their points no longer give; a line for the learner (none when nothing was stale)."""
    if not stale:
        return []
    from sqlalchemy.orm import Session

    from trainer.store import card_ops

    with Session(engine) as s, s.begin():
        card_ops.retire_cards(s, stale)
    return [f"{len(stale)} 张卡片已无法由其要点生成（卡组文件被改动？），已跳过并停用；复习记录保留"]
