"""A day's study session: the in-memory queue, answering, same-day repeats and undo; no widgets, no SQL."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import TYPE_CHECKING

from trainer.errors import StaleCardError
from trainer.sched.answer import Outcome, Policy, grade
from trainer.sched.days import day_to_date, require_aware, study_day
from trainer.sched.queue import reinsert_at
from trainer.sched.state import Algorithm, Schedule
from trainer.store import drill, sqlrun
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
# Cards are read from the database as the queue reaches them, in batches that double up to this size:
# the session starts after reading one card, and later reads cost one answer in BATCH_MAX a few ms.
BATCH_MAX = 64


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
        self.log_marks: dict[int, int] = {}  # card -> the last review-log id when it was read

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
            mark = int(run("SELECT coalesce(max(id), 0) FROM review_log", {})[0][0])  # before the cards
            self.update(drill.load_cards(run, wanted, stale=stale))
            self.answered.update(drill.answered_on_day(run, wanted, self.today))
        self.log_marks.update(dict.fromkeys(wanted, mark))
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


@dataclass(frozen=True, slots=True)
class Summary:
    """What a session did, for the summary screen."""

    reviewed: int  # answers, same-day repeats included
    correct: int
    seconds: float
    left: int  # cards still in this session's queue
    next_due: date | None  # today while cards are left
    cards: int = 0  # distinct cards answered
    practice: bool = False  # a custom practice: nothing written, no schedule changed

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
                    plan, activity = drill.plan(r, today, deck_ids, limits_for=settings.limits_for)
                    algorithms = drill.deck_algorithms(r, deck_ids)
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
        return policy, grade(card.state, quality, today=self.today, card_id=card.card_id, policy=policy, repeat=repeat)

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
        # The card's log as read with it, and this session's own answers, are known; any later answer is
        # another terminal's (a same-day repeat there changes no schedule: the UPDATE alone would miss it).
        read_at = getattr(self.cards, "log_marks", {}).get(card.card_id)
        own = [d.log_id for d in self.done if d.card_id == card.card_id]
        known = None if read_at is None and not own else max([*own, read_at or 0])
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
                known_log_id=known,
            )
        cid = card.card_id
        self.queue.popleft()
        self.cards[cid] = replace(card, state=outcome.after)
        first = cid not in self.answered
        self.answered.add(cid)
        if outcome.again:
            self.queue.insert(reinsert_at(len(self.queue), REPEAT_GAP), cid)
        self.done.append(_Done(log_id, cid, quality, duration_ms, card.state, first, outcome.again))
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
        return True

    def summary(self) -> Summary:
        """Counts and timing of the answers given in this session."""
        from sqlalchemy.orm import Session

        from trainer.store import queries

        if self.left:
            nxt: int | None = self.today  # the session was left with cards still to do today
        else:
            with Session(self.engine) as s:
                nxt = queries.next_due_day(s, self.today, self.deck_ids)
        return Summary(
            reviewed=len(self.done),
            correct=sum(1 for d in self.done if d.quality >= 3),
            seconds=sum(d.duration_ms for d in self.done) / 1000,
            left=self.left,
            next_due=day_to_date(nxt) if nxt else None,
            cards=len({d.card_id for d in self.done}),
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
