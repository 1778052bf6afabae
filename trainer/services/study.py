"""A day's study session: holds the queue and writes answers; the rules are `trainer.core.session`; no widgets, no SQL."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import TYPE_CHECKING, ClassVar

from trainer.core import session as rules
from trainer.core.cards import CardKind
from trainer.core.session import REPEAT_GAP, Graded, Step, Summary
from trainer.errors import StaleCardError
from trainer.sched.answer import Policy
from trainer.sched.budget import over_budget
from trainer.sched.days import day_to_date, require_aware, study_day
from trainer.sched.memory import Memory
from trainer.sched.state import Algorithm, Schedule
from trainer.services.study_aside import SetAside, _Change
from trainer.services.study_reads import BATCH_MAX, LazyCards, known_log_id, refresh_summaries, retire_stale
from trainer.store import day_summaries as summaries
from trainer.store import drill, exam_reads
from trainer.store.convert import ReviewCard
from trainer.store.handle import Store, as_store

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from trainer.services.config import Settings
    from trainer.store.answers import Answer

Clock = Callable[[], datetime]

__all__ = ["BATCH_MAX", "REPEAT_GAP", "LazyCards", "StudySession", "Summary", "refresh_summaries"]


@dataclass(frozen=True, slots=True)
class _Done:
    """An answer of this session as written: the rules' step and the log ids of its answers, in order."""

    step: Step
    log_ids: tuple[int, ...]
    duration_ms: int
    memory_before: dict[int, Memory | None] = field(default_factory=dict)  # exam mode: for undo

    @property
    def card_id(self) -> int:
        return self.step.card.card_id

    @property
    def log_id(self) -> int:
        return self.log_ids[0]  # the shown card's answer


@dataclass
class StudySession(SetAside):
    """Reviews the day's cards of some decks, one at a time, committing each answer before moving on.

    The queue is planned when it starts; each card's content is read when the queue reaches it (see
    `LazyCards`). Answering a card grades it in memory and writes one UPDATE and one INSERT, and the
    next card comes from the in-memory queue.
    """

    practice: ClassVar[bool] = False  # a practice (`custom_study.PracticeSession`) records nothing
    store: Store
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
    point_cards: dict[int, tuple[int, ...]] = field(default_factory=dict)  # list card -> its points' head cards
    point_states: dict[int, Schedule] = field(default_factory=dict)  # those head cards' schedules
    budget: float | None = None  # the learner's seconds for the day: no card is shown once they are used
    spent: float = 0.0  # seconds studied today (all sessions)
    memory: dict[int, Memory | None] = field(default_factory=dict)  # exam mode: FSRS memory from the log
    owner: dict[int, int] = field(default_factory=dict)  # exam mode: card -> the card whose memory it plans by
    own_logs: dict[int, list[int]] = field(default_factory=dict)  # card -> this session's log ids of it, in order

    @classmethod
    def start(
        cls,
        store: Store | Engine,
        deck_ids: list[int],
        settings: Settings,
        clock: Clock,
    ) -> StudySession:
        """Build the day's queue for these decks: pending repeats, due reviews, then new cards.

        Args:
            store: The store; reads on its start-up connection need no engine, so a cold start first
                builds it for the first write.
            deck_ids: The decks to study.
            settings: The learner's settings (limits, day start, schedulers).
            clock: Gives the current time.
        """
        store = as_store(store)
        today = study_day(require_aware(clock()), settings.tz(), settings.day_start_hour)
        for attempt in range(2):
            with store.read() as tx:
                r = tx.run
                if attempt or summaries.is_fresh(r, today):
                    budget = settings.day_budget()
                    plan, activity = drill.plan(r, today, deck_ids, limits_for=settings.limits_for, budget=budget)
                    algorithms = drill.deck_algorithms(r, deck_ids)
                    spent = sum(exam_reads.spent_today(r, today, deck_ids).values()) if budget.minutes else 0.0
                    break
            refresh_summaries(store, today)
        queue = deque(c.card_id for c in plan)
        answered = {c.card_id for c in activity.answered}
        deck_of = {c.card_id: c.deck_id for c in plan}
        point_cards: dict[int, tuple[int, ...]] = {}
        point_states: dict[int, Schedule] = {}
        cards = LazyCards(store, queue, today, answered, deck_of, point_cards, point_states)
        session = cls(
            store=store,
            deck_ids=deck_ids,
            settings=settings,
            clock=clock,
            today=today,
            queue=queue,
            cards=cards,
            policies={d: settings.policy(algorithms.get(d, Algorithm.SM2)) for d in deck_ids},
            deck_of=deck_of,
            answered=answered,
            point_cards=point_cards,
            point_states=point_states,
            budget=None if settings.minutes_per_day is None else settings.minutes_per_day * 60.0,
            spent=spent,
        )
        session.current()  # the first card is read now, so a missing card fails here (a stale one is skipped)
        return session

    @property
    def logged(self) -> int:
        """Rows this session has in the review log (a list answer's points' answers included)."""
        return sum(len(d.log_ids) for d in self.done)

    @property
    def left(self) -> int:
        """Cards still queued, the current one included."""
        return len(self.queue)

    def current(self) -> ReviewCard | None:
        """The card to show now, or None when the queue is empty.

        A card its points no longer give (its deck file edited by hand) is retired and skipped, with
        a notice, rather than shown. Once the day's minutes are used, nothing more is shown today.
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
        self.notices += retire_stale(self.store, stale)
        kept = [c for c in self.queue if c not in stale]
        self.queue.clear()
        self.queue.extend(kept)
        for cid in stale:
            self.cards.pop(cid, None)

    def _policy(self, card_id: int) -> Policy:
        return self.policies[self.deck_of[card_id]]

    def is_list(self, card: ReviewCard | None = None) -> bool:
        """Whether `card` (default: the current one) is a list card, answered point by point."""
        card = card or self.current()
        return card is not None and card.card.kind is CardKind.LIST

    def points(self, card: ReviewCard | None = None) -> tuple[tuple[int, Schedule], ...]:
        """(head card id, schedule) of each point of a list card, in order (read once, then kept)."""
        card = card or self.current()
        if card is None or not self.is_list(card):
            return ()
        if card.card_id not in self.point_cards:  # read with the list card, unless it came from elsewhere
            with self.store.read() as tx:
                run = tx.run
                lid = card.card_id
                found = drill.list_points(run, self.deck_of[lid], {lid: card.card.point_ids})[lid]
                self.answered.update(drill.answered_on_day(run, [cid for cid, _ in found], self.today))
            self.point_cards[card.card_id] = tuple(cid for cid, _ in found)
            for cid, state in found:
                self.point_states.setdefault(cid, state)
        return tuple((cid, self.point_states[cid]) for cid in self.point_cards[card.card_id])

    def _state(self, card_id: int) -> Schedule:
        loaded = dict.get(self.cards, card_id)
        return loaded.state if loaded is not None else self.point_states[card_id]

    def _memory(self, card_ids: Sequence[int], policy: Policy) -> dict[int, Memory | None] | None:
        """Exam mode: the cards' points' FSRS memory folded from their logs (read once, then kept by `answer`),
        by `rules.memory_key` on `self.owner`."""
        if policy.exam_target is None:
            return None
        unknown = [cid for cid in card_ids if cid not in self.owner]
        missing = {rules.memory_key(cid, self.owner) for cid in card_ids if cid in self.owner} - set(self.memory)
        if unknown or missing:
            with self.store.read() as tx:
                found = exam_reads.owners(tx.run, unknown)
                self.owner.update({cid: found.get(cid, cid) for cid in unknown})
                missing |= {self.owner[cid] for cid in unknown} - set(self.memory)
                loaded = exam_reads.memories(tx.run, missing)
            self.memory.update({cid: loaded.get(cid) for cid in missing})
        return self.memory

    def _graded(self, card: ReviewCard, grades: Sequence[int]) -> tuple[Graded, tuple[Graded, ...]]:
        policy = self._policy(card.card_id)
        points = self.points(card)
        memory = self._memory([card.card_id, *(cid for cid, _ in points)], policy)
        how = {"today": self.today, "policy": policy, "answered": self.answered, "memory": memory, "owner": self.owner}
        if points:
            return rules.grade_list(card.card_id, card.state, points, grades, **how)  # type: ignore[arg-type]
        quality = min(grades)  # a list none of whose points has a head card: its own grade
        return rules.grade_card(card.card_id, card.state, quality, **how), ()  # type: ignore[arg-type]

    def preview(self, quality: int) -> int:
        """Days until the current card would be due again after `quality`; 0 when it comes back today.

        For a list card: what the list gets when every point is graded `quality`.
        """
        card = self.current()
        if card is None:
            return 0
        own, _ = self._graded(card, [quality] * max(1, len(self.points(card))))
        return rules.days_shown(own.outcome, self.today)

    def preview_point(self, index: int, quality: int) -> int:
        """Days until point `index` of the current list card would be due after `quality` (0: today)."""
        cid, state = self.points()[index]
        policy = self._policy(self.queue[0])
        graded = rules.grade_card(
            cid,
            state,
            quality,
            today=self.today,
            policy=policy,
            answered=self.answered,
            memory=self._memory([cid], policy),
            owner=self.owner,
        )
        return rules.days_shown(graded.outcome, self.today)

    def preview_list(self, grades: Sequence[int]) -> int:
        """Days until the current list card would be due after these point grades (0: today)."""
        card = self.current()
        if card is None:
            return 0
        own, _ = self._graded(card, grades)
        return rules.days_shown(own.outcome, self.today)

    def answer(self, quality: int, duration_ms: int = 0) -> Answer:
        """Grade the current card; the answer is committed before this returns.

        A card graded below 4 comes back later in this session; its repeats are logged but change
        neither ease nor interval (SM-2 step 7). A list card's points are all graded `quality`
        (see `answer_list` for a grade per point).
        """
        card = self.current()
        if card is None:
            raise LookupError("no card to answer")
        return self.answer_list([quality] * max(1, len(self.points(card))), duration_ms)

    def answer_list(self, grades: Sequence[int], duration_ms: int = 0) -> Answer:
        """Answer the current card with a grade per point (a list card; any other card takes one grade).

        Each point's grade is an answer of its head card, logged with the list it came from; the list
        card's own grade is the lowest. Every answer of the list is written in one transaction, committed
        before this returns.
        """
        card = self.current()
        if card is None:
            raise LookupError("no card to answer")
        from trainer.store.answers import Answer, Written, write_answers

        own, points = self._graded(card, grades)
        policy = self._policy(card.card_id)
        now = self.clock()

        def known(cid: int) -> int | None:
            return known_log_id(self.cards, cid, self.own_logs.get(cid, ()))

        answers = [Written(own.card_id, own.before, own.outcome, own.quality, duration_ms, None, known(own.card_id))]
        answers += [
            Written(g.card_id, g.before, g.outcome, g.quality, 0, card.card_id, known(g.card_id)) for g in points
        ]
        with self.store.write() as w:
            log_ids = write_answers(w.connection, answers, policy=policy, now=now, today=self.today)
        queue, step = rules.after_answer(self.queue, own, points)
        self._set_queue(queue)
        self.answered.update(rules.answered_after((), step))  # in place: the day's set is large, an answer adds
        self._apply(step, undo=False)
        for g, log_id in zip(step.answers, log_ids, strict=True):
            self.own_logs.setdefault(g.card_id, []).append(log_id)
        memory_before = {}
        if policy.exam_target is not None:
            keys = {rules.memory_key(g.card_id, self.owner) for g in step.answers}
            memory_before = {k: self.memory.get(k) for k in keys}
            self.memory.update(rules.remembered(self.memory, step, self.today, self.owner))
        self.spent += max(0, duration_ms) / 1000
        self.done.append(_Done(step, tuple(log_ids), duration_ms, memory_before))
        outcome = own.outcome
        return Answer(
            log_id=log_ids[0],
            before=own.before,
            after=outcome.after,
            repeat=outcome.repeat,
            again=outcome.again,
            became_leech=outcome.became_leech,
        )

    def _set_answered(self, ids: set[int]) -> None:
        self.answered.intersection_update(ids)  # in place: the lazy card reader adds to this set
        self.answered.update(ids)

    def _set_queue(self, ids: Sequence[int]) -> None:
        self.queue.clear()  # in place: the lazy card reader follows this deque
        self.queue.extend(ids)

    def _apply(self, step: Step, *, undo: bool) -> None:
        """Put each answered card's schedule (after the step, or before it for an undo) where it is held."""
        for g in step.answers:
            state = g.before if undo else g.outcome.after
            if g.card_id in self.point_states:
                self.point_states[g.card_id] = state
            loaded = dict.get(self.cards, g.card_id)
            if loaded is not None:
                self.cards[g.card_id] = replace(loaded, state=state)

    def undo(self) -> bool:
        """Take back the last step of this session (a list answer with all its points'); its card
        comes back to the front."""
        from trainer.store import card_ops, queries

        if self.changes and self.changes[-1].answers_before == len(self.done):
            change = self.changes.pop()
            with self.store.write() as w:
                card_ops.restore_state(w.session, change.card_id, change.before)
            self.queue.appendleft(change.card_id)
            self.cards[change.card_id] = replace(self.cards[change.card_id], state=change.before)
            return True
        if not self.done:
            return False
        last = self.done.pop()
        with self.store.write() as w:
            for log_id in reversed(last.log_ids):
                queries.undo_answer(w.session, log_id)
        self._set_queue(rules.after_undo(self.queue, last.step))
        self._apply(last.step, undo=True)
        self._set_answered(rules.answered_after_undo(self.answered, last.step))
        for g, log_id in zip(last.step.answers, last.log_ids, strict=True):
            self.own_logs[g.card_id].remove(log_id)
        self.memory.update(last.memory_before)
        self.spent -= max(0, last.duration_ms) / 1000
        return True

    def summary(self) -> Summary:
        """Counts and timing of the answers given in this session."""
        from trainer.store import queries

        if self.left:
            nxt: int | None = self.today  # the session was left with cards still to do today
        else:
            with self.store.read() as r:
                nxt = queries.next_due_day(r.session, self.today, self.deck_ids)
        steps = [(d.step, d.duration_ms) for d in self.done]
        return rules.summarize(steps, left=self.left, next_due=day_to_date(nxt) if nxt else None)
