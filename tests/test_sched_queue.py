"""The day's queue, pure: limits, siblings waiting a day, lists spread out, study days and DST."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime

import pytest
from dateutil import tz

from trainer.sched.days import study_date, study_day
from trainer.sched.queue import Candidate, Limits, Today, avoid_adjacent, build_queue, siblings, spread
from trainer.sched.state import Queue

D = 740000


def review(cid: int, section: str = "s", point: str | None = None, due: int = D, deck: int = 1) -> Candidate:
    return Candidate(cid, deck, section, f"p{cid}" if point is None else point, Queue.REVIEW, due_day=due)


def new(cid: int, section: str = "s", point: str | None = None, order: int = 0, deck: int = 1) -> Candidate:
    return Candidate(cid, deck, section, f"p{cid}" if point is None else point, Queue.NEW, new_ord=order or cid)


def ids(cards: list[Candidate]) -> list[int]:
    return [c.card_id for c in cards]


def test_limits_cap_new_and_reviews_per_deck_minus_done_today():
    reviews = [review(i, section=f"r{i}", due=D - i) for i in range(1, 11)]
    news = [new(100 + i, section=f"n{i}") for i in range(10)]
    queue = build_queue(reviews, news, today=Today(), limits={1: Limits(new=3, reviews=4)})
    assert sorted(c.queue for c in queue).count(Queue.REVIEW) == 4
    assert sum(c.queue is Queue.NEW for c in queue) == 3
    # Most overdue reviews first; new cards in document order.
    assert ids(queue) == [10, 9, 8, 7, 100, 101, 102]
    done = Today(new_done={1: 2}, reviews_done={1: 4})
    later = build_queue(reviews, news, today=done, limits={1: Limits(new=3, reviews=4)})
    assert ids(later) == [100]


def test_limits_are_per_deck():
    news = [new(i, section=f"a{i}", deck=1) for i in range(5)] + [
        new(10 + i, section=f"b{i}", deck=2) for i in range(5)
    ]
    queue = build_queue([], news, today=Today(), limits={1: Limits(new=1), 2: Limits(new=2)})
    assert [c.deck_id for c in queue].count(1) == 1 and [c.deck_id for c in queue].count(2) == 2


def test_zero_limit_means_none_today():
    assert build_queue([review(1)], [new(2)], today=Today(), limits={1: Limits(new=0, reviews=0)}) == []


def test_siblings_relation():
    head_a, head_b, lst = review(1, point="a"), review(2, point="b"), review(3, point="")
    assert siblings(head_a, lst) and siblings(lst, head_b)
    assert not siblings(head_a, head_b)
    assert not siblings(head_a, review(4, section="other", point=""))
    assert not siblings(head_a, head_a)


def test_sibling_due_the_same_day_waits_a_day():
    # The list card and point a's card are both due; the more overdue one is shown, the other waits.
    lst = review(1, point="", due=D - 3)
    head = review(2, point="a", due=D - 1)
    other = review(3, point="b", section="t", due=D)
    queue = build_queue([head, lst, other], [], today=Today(), limits={})
    assert ids(queue) == [1, 3]


def test_sibling_answered_earlier_today_keeps_the_card_away():
    answered = (review(9, point="a"),)
    queue = build_queue([review(1, point=""), review(2, point="b")], [], today=Today(answered=answered), limits={})
    assert ids(queue) == [2]  # the list card shares point a with a card answered today


def test_new_list_card_waits_while_its_points_are_introduced():
    heads = [new(i, point=f"p{i}", order=i) for i in range(1, 4)]
    lst = new(4, point="", order=4)
    queue = build_queue([], [*heads, lst, new(5, section="t", order=5)], today=Today(), limits={})
    assert ids(queue) == [1, 5, 2, 3]  # list card left for another day; section t spread in


def test_pending_repeats_come_first_and_count_as_answered():
    pending = (review(7, point="a"),)
    queue = build_queue([review(8, point="")], [new(9, section="x")], today=Today(pending=pending), limits={})
    assert ids(queue) == [7, 9]


def test_points_of_one_list_are_spread():
    cards = [new(i, section=s, order=i) for i, s in enumerate("aaaabbbbcc", 1)]
    out = spread(cards)
    assert [c.section for c in out] == list("abcabcabab")
    assert all(x.section != y.section for x, y in itertools.pairwise(out))


def test_avoid_adjacent_when_possible():
    cards = [review(i, section=s) for i, s in enumerate("aaab", 1)]
    out = avoid_adjacent(cards)
    assert [c.section for c in out] == ["a", "b", "a", "a"]  # only two a's can avoid each other


# ---- study days ----------------------------------------------------------------------------------

SHANGHAI = tz.gettz("Asia/Shanghai")
NEW_YORK = tz.gettz("America/New_York")
BERLIN = tz.gettz("Europe/Berlin")


@pytest.mark.parametrize(
    ("utc", "zone", "hour", "expected"),
    [
        # Shanghai (UTC+8), day starts 04:00: 01:00 local still counts for the day before.
        (datetime(2026, 11, 21, 17, 0, tzinfo=UTC), SHANGHAI, 4, date(2026, 11, 21)),  # 01:00
        (datetime(2026, 11, 21, 19, 59, tzinfo=UTC), SHANGHAI, 4, date(2026, 11, 21)),  # 03:59
        (datetime(2026, 11, 21, 20, 0, tzinfo=UTC), SHANGHAI, 4, date(2026, 11, 22)),  # 04:00
        (datetime(2026, 11, 21, 17, 0, tzinfo=UTC), SHANGHAI, 0, date(2026, 11, 22)),  # midnight start
        # New York springs forward on 2026-03-08 (02:00 EST -> 03:00 EDT).
        (datetime(2026, 3, 8, 6, 59, tzinfo=UTC), NEW_YORK, 4, date(2026, 3, 7)),  # 01:59 EST
        (datetime(2026, 3, 8, 7, 30, tzinfo=UTC), NEW_YORK, 4, date(2026, 3, 7)),  # 03:30 EDT
        (datetime(2026, 3, 8, 7, 59, tzinfo=UTC), NEW_YORK, 4, date(2026, 3, 7)),  # 03:59 EDT
        (datetime(2026, 3, 8, 8, 0, tzinfo=UTC), NEW_YORK, 4, date(2026, 3, 8)),  # 04:00 EDT
        (datetime(2026, 3, 8, 9, 0, tzinfo=UTC), NEW_YORK, 4, date(2026, 3, 8)),  # 05:00 EDT (09:00 UTC)
        # Berlin falls back on 2026-10-25 (03:00 CEST -> 02:00 CET).
        (datetime(2026, 10, 25, 1, 30, tzinfo=UTC), BERLIN, 4, date(2026, 10, 24)),  # 02:30 CET
        (datetime(2026, 10, 25, 2, 59, tzinfo=UTC), BERLIN, 4, date(2026, 10, 24)),  # 03:59 CET
        (datetime(2026, 10, 25, 3, 0, tzinfo=UTC), BERLIN, 4, date(2026, 10, 25)),  # 04:00 CET
    ],
)
def test_study_day_boundaries(utc: datetime, zone, hour: int, expected: date):
    assert study_date(utc, zone, hour) == expected
    assert study_day(utc, zone, hour) == expected.toordinal()


def test_dst_day_is_one_study_day_in_both_zones():
    # Around the DST change a review at 04:00 local each day gives consecutive study days.
    mornings = [datetime(2026, 3, d, 4, 0, tzinfo=NEW_YORK) for d in (7, 8, 9)]
    assert [study_day(m, NEW_YORK) for m in mornings] == [date(2026, 3, d).toordinal() for d in (7, 8, 9)]
    # The study day of the change is only 23 real hours long, and still one day.
    elapsed = mornings[1].astimezone(UTC) - mornings[0].astimezone(UTC)
    assert elapsed.total_seconds() == 23 * 3600


def test_naive_datetimes_are_refused():
    with pytest.raises(ValueError, match="naive"):
        study_day(datetime(2026, 11, 22, 10, 0), SHANGHAI)
