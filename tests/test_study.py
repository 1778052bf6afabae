"""The study session end to end on a real database: days, repeats, limits, siblings, undo, replay, FSRS."""

from __future__ import annotations

import dataclasses
import itertools
import random
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from tests.conftest import FIXED_NOW, SHANGHAI, make_deck
from trainer.core.cards import CardKind
from trainer.core.model import Deck, Point, Section, SectionKind, Topic, point_id
from trainer.errors import ChangedElsewhereError
from trainer.sched import Queue
from trainer.sched.exam import EXAM_TARGET_PERCENT
from trainer.services.config import DeckLimits, Settings
from trainer.services.study import REPEAT_GAP, StudySession
from trainer.store import drill, queries
from trainer.store.handle import Store
from trainer.store.models import ReviewLogRow
from trainer.store.replay import replay
from trainer.store.sync import sync_deck

pytestmark = pytest.mark.postgres


class Clock:
    """A settable clock."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def sync(engine: Engine, deck: Deck, h: str = "h") -> None:
    with Session(engine) as s, s.begin():
        sync_deck(s, deck, path=f"/decks/{deck.name}.yaml", content_hash=h, now=FIXED_NOW)


def big_deck(name: str = "大卡组", sections: int = 6, points: int = 4) -> Deck:
    topics = []
    for t in range(sections):
        title = f"主题{t}"
        pts = tuple(
            Point(id=point_id(title, SectionKind.COUNTERMEASURES, f"对策{t}-{k}"), head=f"对策{t}-{k}", body="说明")
            for k in range(points)
        )
        topics.append(Topic(title=title, sections=(Section(SectionKind.COUNTERMEASURES, "对策", pts),)))
    return Deck(name=name, topics=tuple(topics), sources=("x.txt",), settings={"cards": ["head", "list"]})


def start(engine: Engine, clock: Clock, settings: Settings | None = None) -> StudySession:
    return StudySession.start(Store(engine), [1], settings or Settings(zone=SHANGHAI), clock)


def drain(session: StudySession, quality: int = 4) -> list[int]:
    shown = []
    while (card := session.current()) is not None:
        shown.append(card.card_id)
        session.answer(quality, duration_ms=1000)
    return shown


def test_one_card_pinned_schedule_across_days_and_the_day_boundary(engine: Engine):
    sync(engine, make_deck(heads=("人才队伍不完善",)))
    clock = Clock(datetime(2026, 11, 22, 2, 0, tzinfo=UTC))  # 10:00 Shanghai
    dues = []
    for _ in range(5):
        session = start(engine, clock)
        assert session.left == 1
        result = session.answer(4)
        dues.append(date.fromordinal(result.after.due_day).isoformat())
        # Come back at 01:30 local on the due date + 1: before 04:00, so still the due day.
        due = date.fromordinal(result.after.due_day)
        clock.now = datetime(due.year, due.month, due.day, 1, 30, tzinfo=SHANGHAI) + timedelta(days=1)
    assert dues == ["2026-11-23", "2026-11-29", "2026-12-14", "2027-01-21", "2027-04-26"]
    # At 03:59 local the day has not turned yet: nothing new is due.
    clock.now = datetime(2027, 4, 26, 3, 59, tzinfo=SHANGHAI)
    assert start(engine, clock).left == 0
    clock.now = datetime(2027, 4, 26, 4, 0, tzinfo=SHANGHAI)
    assert start(engine, clock).left == 1


def test_same_day_repeats_until_four_without_changing_the_schedule(engine: Engine):
    sync(engine, make_deck(heads=("人才队伍不完善",)))
    clock = Clock(FIXED_NOW)
    session = start(engine, clock)
    first = session.answer(2)
    assert session.left == 1  # the same card, back for a repeat
    second = session.answer(3)
    third = session.answer(4)
    assert session.current() is None
    assert second.repeat and third.repeat and not first.repeat
    assert second.after == third.after == first.after  # ease and interval untouched by repeats
    assert first.after.interval == 1 and first.after.ease == 2.18
    with Session(engine) as s:
        qualities = s.scalars(select(ReviewLogRow.quality).order_by(ReviewLogRow.id)).all()
        assert qualities == [2, 3, 4]
        assert replay(s).ok


def test_failed_card_comes_back_later_and_survives_a_restart(engine: Engine):
    sync(engine, big_deck())
    clock = Clock(FIXED_NOW)
    session = start(engine, clock, Settings(zone=SHANGHAI, new_per_day=10))
    failed = session.current().card_id  # type: ignore[union-attr]
    session.answer(1)
    assert list(session.queue).index(failed) == REPEAT_GAP
    # The learner quits and comes back later the same day: the failed card is first in line.
    clock.now += timedelta(hours=3)
    again = start(engine, clock, Settings(zone=SHANGHAI, new_per_day=10))
    assert again.current().card_id == failed  # type: ignore[union-attr]
    assert again.left == 10  # 9 new left within the limit, plus the pending repeat
    assert again.answer(5).repeat
    # Next study day it is an ordinary review again.
    clock.now += timedelta(days=1)
    tomorrow = start(engine, clock, Settings(zone=SHANGHAI, new_per_day=0))
    assert tomorrow.current().card_id == failed  # type: ignore[union-attr]
    assert not tomorrow.answer(4).repeat


def test_daily_limits_per_deck_from_settings(engine: Engine):
    sync(engine, big_deck())
    clock = Clock(FIXED_NOW)
    settings = Settings(zone=SHANGHAI, new_per_day=20, decks={"大卡组": DeckLimits(new_per_day=5, reviews_per_day=3)})
    session = start(engine, clock, settings)
    assert session.left == 5
    drain(session)
    assert start(engine, clock, settings).left == 0  # today's new cards are used up
    with Session(engine) as s:
        [summary] = queries.deck_summaries(s, session.today, limits_for=settings.limits_for)
        assert (summary.new, summary.due) == (0, 0)
    clock.now += timedelta(days=1)
    tomorrow = start(engine, clock, settings)
    cards = [tomorrow.cards[c] for c in tomorrow.queue]
    kinds = [c.state.queue for c in cards]
    # The first section's four points are known: its list card enters outside the new-card budget
    # and its four due heads are answered through it, so one review of the five is shown on its own.
    lists = [c for c in cards if c.card.kind is CardKind.LIST]
    assert len(lists) == 1 and lists[0].state.queue is Queue.NEW
    assert kinds.count(Queue.REVIEW) == 1 and kinds.count(Queue.NEW) == 5 + 1


def test_siblings_wait_a_day_and_lists_are_spread(engine: Engine):
    sync(engine, big_deck(sections=3, points=3))
    clock = Clock(FIXED_NOW)
    session = start(engine, clock, Settings(zone=SHANGHAI, new_per_day=100))
    cards = [session.cards[c].card for c in session.queue]
    # Every point's card is new today, so no list card (a sibling of all of them) is shown.
    assert all(c.kind is CardKind.HEAD for c in cards) and len(cards) == 9
    sections = [c.section_key for c in cards]
    assert all(a != b for a, b in itertools.pairwise(sections))
    drain(session)
    # Tomorrow every point is known: the list cards enter, and the heads due today are answered
    # through them rather than shown on their own.
    clock.now += timedelta(days=1)
    day2 = start(engine, clock, Settings(zone=SHANGHAI, new_per_day=100))
    assert [day2.cards[c].card.kind for c in day2.queue] == [CardKind.LIST] * 3
    heads = {cid for c in day2.queue for cid, _ in day2.points(day2.cards[c])}
    assert len(heads) == 9
    drain(day2)
    with Session(engine) as s:
        via = s.execute(select(ReviewLogRow.card_id, ReviewLogRow.via_card_id).where(ReviewLogRow.day == day2.today))
        by_card = dict(via.all())
    assert {c for c, v in by_card.items() if v is not None} == heads  # each point answered through its list
    assert start(engine, clock, Settings(zone=SHANGHAI, new_per_day=100)).left == 0


def test_undo_of_a_failed_answer_takes_the_repeat_back(engine: Engine):
    sync(engine, big_deck())
    clock = Clock(FIXED_NOW)
    session = start(engine, clock)
    first = session.current().card_id  # type: ignore[union-attr]
    before = session.cards[first].state
    left = session.left
    session.answer(0)
    assert session.undo()
    assert session.current().card_id == first and session.left == left  # type: ignore[union-attr]
    assert list(session.queue).count(first) == 1
    assert session.cards[first].state == before
    assert not session.answer(4).repeat  # the undone answer no longer makes this a repeat
    with Session(engine) as s:
        assert s.scalar(select(func.count()).select_from(ReviewLogRow)) == 1
        assert replay(s).ok


def test_long_random_session_replays_exactly(engine: Engine):
    fsrs_deck = dataclasses.replace(big_deck("记忆卡组", sections=4, points=3), settings={"scheduler": "fsrs"})
    sync(engine, big_deck(sections=5, points=4))
    sync(engine, fsrs_deck)
    rng = random.Random(20261122)
    clock = Clock(FIXED_NOW)
    settings = Settings(
        zone=SHANGHAI,
        new_per_day=6,
        fuzz=True,
        exam_date=date(2027, 2, 1),
        decks={"记忆卡组": DeckLimits(new_per_day=4)},
    )
    answers = undone = logged = 0
    for _day in range(90):
        session = StudySession.start(Store(engine), [1, 2], settings, clock)
        while session.current() is not None and answers < 5000:
            session.answer(rng.choice([0, 1, 2, 3, 3, 4, 4, 4, 5, 5]), duration_ms=rng.randint(500, 9000))
            answers += 1
            if rng.random() < 0.05:
                undone += session.undo()
            if rng.random() < 0.02:
                break  # the learner stops early
        logged += session.logged
        clock.now += timedelta(days=1, minutes=rng.randint(-180, 180))
    assert answers > 500
    with Session(engine) as s:
        report = replay(s)
        stored = s.scalars(select(ReviewLogRow.scheduler).distinct()).all()
        exam_days = set(s.scalars(select(ReviewLogRow.exam_day).distinct()).all())
    assert set(stored) == {"sm2", "fsrs"} and exam_days == {date(2027, 2, 1).toordinal()}
    assert report.ok, report.mismatches[:5]
    # Undone answers are gone from the log; a list answer logs its points' answers too.
    assert undone > 10 and report.reviews == logged > answers - undone
    # No card answered before the exam is due after it (exam mode leaves the secured points until the
    # exam day itself, when 考前速记 goes over the weakest).
    exam = date(2027, 2, 1).toordinal()
    with Session(engine) as s:
        late = s.scalar(
            select(func.count()).select_from(ReviewLogRow).where(ReviewLogRow.day < exam, ReviewLogRow.due_after > exam)
        )
        planned = set(s.scalars(select(ReviewLogRow.exam_target).where(ReviewLogRow.day < exam)).all())
    assert late == 0 and planned == {EXAM_TARGET_PERCENT}


def test_fsrs_deck_end_to_end(engine: Engine):
    sync(engine, dataclasses.replace(make_deck(heads=("人才队伍不完善",)), settings={"scheduler": "fsrs"}))
    clock = Clock(FIXED_NOW)
    intervals = []
    for _ in range(4):
        session = start(engine, clock)
        result = session.answer(4)
        assert result.after.stability is not None and result.after.difficulty is not None
        intervals.append(result.after.interval)
        clock.now += timedelta(days=result.after.interval)
    assert intervals == sorted(intervals) and intervals[-1] > 10
    with Session(engine) as s:
        assert replay(s).ok


def test_cards_are_read_lazily_and_match_an_eager_read(engine: Engine):
    """The session reads one card at start and the rest as the queue reaches them, 64 at a time (a read
    costs few answers); what it shows is what reading every card up front gives, answers and repeats included."""
    sync(engine, big_deck(sections=20, points=5))
    clock = Clock(FIXED_NOW)
    settings = Settings(zone=SHANGHAI, new_per_day=80)
    session = start(engine, clock, settings)
    assert session.left > 64  # more than one batch
    assert len(session.cards) == 1
    reads = []
    missing = type(session.cards).__missing__

    def counted(cards, card_id):
        reads.append(len(cards))
        return missing(cards, card_id)

    session.cards.__class__ = type("Counted", (type(session.cards),), {"__missing__": counted})
    with Session(engine) as s:
        plan = queries.plan_day(s, session.today, [1], limits_for=settings.limits_for)
        eager = queries.load_cards(s, [c.card_id for c in plan])
    assert list(session.queue) == [c.card_id for c in plan]
    shown = []
    qualities = itertools.cycle([4, 4, 2, 5, 3])
    while (card := session.current()) is not None and len(shown) < 150:
        if card.card_id not in shown:
            assert dataclasses.replace(card, state=eager[card.card_id].state) == eager[card.card_id]
        shown.append(card.card_id)
        session.answer(next(qualities), duration_ms=500)
    assert len(set(shown)) > 64
    assert len(shown) > len(set(shown))  # repeats came back from the in-memory queue
    # After the one card read at start, 64 a read (`reads`: the cards held before each), so few answers pay for one.
    assert reads == [1 + 64 * k for k in range(len(reads))] and len(reads) == -(-(len(set(shown)) - 1) // 64)
    with Session(engine) as s:
        logged = s.scalar(select(func.count()).select_from(ReviewLogRow))
    assert logged == len(shown)  # every answer committed


@pytest.mark.parametrize("reviews_per_day", [4, 12, 40])
def test_a_prefix_of_the_due_reviews_plans_the_same_day_as_all_of_them(engine: Engine, monkeypatch, reviews_per_day):
    """Only the first due reviews are read when they fill the day; siblings answered today make some
    wait, and then more are read, so the plan is always the one all due reviews give."""
    from sqlalchemy import update

    from trainer.store.models import CardStateRow

    sync(engine, big_deck(sections=8, points=5))
    clock = Clock(FIXED_NOW)
    settings = Settings(zone=SHANGHAI, new_per_day=0, reviews_per_day=reviews_per_day)
    today = start(engine, clock, settings).today
    with Session(engine) as s, s.begin():  # every card a review, the list cards most overdue
        ids = list(s.scalars(select(CardStateRow.card_id).order_by(CardStateRow.card_id)))
        for k, card_id in enumerate(ids):
            s.execute(
                update(CardStateRow)
                .where(CardStateRow.card_id == card_id)
                .values(queue=Queue.REVIEW, due_day=today - 50 + k % 7, reps=2, interval=6)
            )
    session = start(engine, clock, settings)
    for _ in range(2):  # siblings of these now wait until tomorrow
        session.answer(4, duration_ms=1000)

    def plan() -> list[int]:
        with Session(engine) as s:
            return queries.due_queue(s, today, [1], limits_for=settings.limits_for)

    monkeypatch.setattr(drill, "REVIEW_PREFIX_FACTOR", 10**6)
    everything = plan()
    assert everything
    for factor, extra in ((1, 0), (1, 2), (2, 5), (3, 50)):
        monkeypatch.setattr(drill, "REVIEW_PREFIX_FACTOR", factor)
        monkeypatch.setattr(drill, "REVIEW_PREFIX_EXTRA", extra)
        assert plan() == everything, (factor, extra)


def test_a_card_read_late_knows_it_was_answered_today_elsewhere(engine: Engine):
    """Another session (another process) answers a card after this one started but before it reads
    it: this session sees that answer's state and grades its own answer as a same-day repeat."""
    sync(engine, big_deck(sections=3, points=4))
    clock = Clock(FIXED_NOW)
    mine, other = start(engine, clock), start(engine, clock)
    first, second = list(mine.queue)[:2]
    assert list(other.queue)[:2] == [first, second] and second not in mine.cards
    other.answer(5, duration_ms=800)
    other.answer(5, duration_ms=800)
    mine.keep_only(set(list(mine.queue)[1:]))  # this session moves on to the second card
    card = mine.current()
    assert card is not None and card.card_id == second and card.state.reps == 1
    result = mine.answer(3, duration_ms=800)
    assert result.repeat and result.after.ease == result.before.ease  # a repeat leaves ease as it is
    with Session(engine) as s:
        assert replay(s).ok


def test_a_same_day_repeat_given_elsewhere_refuses_this_sessions_answer(engine: Engine):
    """A card this session requeued is repeated meanwhile in another session: that repeat changes no
    schedule, yet this session's answer is refused (the review log says the card was answered since this
    session last looked at it), and nothing of it is written."""
    sync(engine, make_deck())
    clock = Clock(FIXED_NOW)
    mine = start(engine, clock)
    card = mine.current()
    assert card is not None and mine.left == 3
    mine.answer(2, duration_ms=800)  # comes back at the end of this session's queue
    other = start(engine, clock)
    assert other.current() is not None and other.current().card_id == card.card_id  # pending there too
    repeat = other.answer(4, duration_ms=800)
    assert repeat.repeat and repeat.after == repeat.before  # the schedule is what this session holds
    mine.answer(4, duration_ms=800)
    mine.answer(4, duration_ms=800)
    assert mine.current() is not None and mine.current().card_id == card.card_id
    with Session(engine) as s:
        logged = s.scalar(select(func.count()).select_from(ReviewLogRow))
    with pytest.raises(ChangedElsewhereError, match="changed elsewhere"):
        mine.answer(4, duration_ms=800)
    with Session(engine) as s:
        assert s.scalar(select(func.count()).select_from(ReviewLogRow)) == logged
        assert replay(s).ok


def test_a_point_repeated_elsewhere_refuses_the_list_answer(engine: Engine):
    """A list's points are read with the list card and kept: a point's head card repeated meanwhile in
    another terminal (a same-day repeat, which changes no schedule) refuses this session's next answer
    of the list, as it would the card's own, and nothing of that answer is written."""
    from tests.test_tui_lists import LIST_ID, TODAY, known_yesterday

    known_yesterday(engine)
    mine = start(engine, Clock(FIXED_NOW))
    card = mine.current()
    assert card is not None and card.card_id == LIST_ID
    first = mine.points()[0][0]
    mine.answer_list([2] + [4] * (len(mine.points()) - 1), duration_ms=800)  # the list comes back today
    with Session(engine) as s, s.begin():  # the forgotten point repeated elsewhere
        assert queries.record_answer(s, first, 4, now=FIXED_NOW, today=TODAY).repeat
    with Session(engine) as s:
        logged = s.scalar(select(func.count()).select_from(ReviewLogRow))
    assert mine.current() is not None and mine.current().card_id == LIST_ID
    with pytest.raises(ChangedElsewhereError, match="changed elsewhere"):
        mine.answer_list([4] * len(mine.points()), duration_ms=800)
    with Session(engine) as s:
        assert s.scalar(select(func.count()).select_from(ReviewLogRow)) == logged
        assert replay(s).ok


def test_an_entry_day_set_while_a_session_holds_a_new_card_does_not_refuse_its_answer(engine: Engine):
    """A new list or pair card's due_day is only the day it may enter, which its points becoming known set
    while a session holds the card (read in a batch with due_day 0): answering it then is no change made
    elsewhere. A review card whose due day moved is still refused, and nothing of it is written."""
    from trainer.sched.answer import grade
    from trainer.store.answers import deck_policy, write_answer
    from trainer.store.convert import state_from_row
    from trainer.store.models import CardStateRow

    sync(engine, make_deck())
    today = 739945
    with Session(engine) as s, s.begin():
        row = s.scalars(select(CardStateRow).where(CardStateRow.queue == int(Queue.NEW))).first()
        assert row is not None and row.due_day == 0
        card_id, before = row.card_id, state_from_row(row)
        row.due_day = today + 1  # marked to enter tomorrow meanwhile (lists.on_known)
    with Session(engine) as s, s.begin():
        policy = deck_policy(s, card_id)
        outcome = grade(before, 4, today=today, card_id=card_id, policy=policy)
        write_answer(s, card_id, before, outcome, quality=4, policy=policy, now=FIXED_NOW, today=today)
    with Session(engine) as s:
        answered = s.get(CardStateRow, card_id)
        assert answered is not None and answered.queue != int(Queue.NEW) and answered.reps == 1
        logged = s.scalar(select(func.count()).select_from(ReviewLogRow))
    with Session(engine) as s, s.begin():  # now a card out of the new queue: a moved due day refuses
        row = s.get(CardStateRow, card_id)
        assert row is not None
        held = state_from_row(row)
        row.due_day = held.due_day + 3
    with pytest.raises(ChangedElsewhereError), Session(engine) as s, s.begin():
        outcome = grade(held, 4, today=today, card_id=card_id, policy=policy)
        write_answer(s, card_id, held, outcome, quality=4, policy=policy, now=FIXED_NOW, today=today)
    with Session(engine) as s:
        assert s.scalar(select(func.count()).select_from(ReviewLogRow)) == logged
