"""Exam mode's reads as plain SQL on any runner: each point's FSRS memory from its log, the day's spent
seconds, unseen points; no SQLAlchemy (the drill's plan runs on a bare `sqlite3` connection too)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any, NamedTuple

from trainer.core.cards import CardKind, head_key, point_of
from trainer.sched.budget import DayBudget, exam_pace, fit_day, paced_new
from trainer.sched.memory import Memory, remember
from trainer.sched.queue import Candidate, Limits, Today
from trainer.sched.state import Queue
from trainer.store.sqlrun import Runner, chunks, deck_names, in_list


def owners(run: Runner, card_ids: Iterable[int]) -> dict[int, int]:
    """Each card that asks a point another way (overlap, slogan, pair, cloze) mapped to its point's head
    card, whose memory exam mode plans it by (`trainer.core.session.memory_key`); head and list cards,
    and cards whose point has no head card, are left out (each plans by its own)."""
    wanted: dict[tuple[int, str], list[int]] = defaultdict(list)
    for chunk in chunks(list(dict.fromkeys(card_ids))):
        params: dict[str, Any] = {}
        for card_id, deck_id, key, kind in run(
            f"SELECT id, deck_id, key, kind FROM cards WHERE id IN {in_list('c', chunk, params)}", params
        ):
            if kind not in (CardKind.HEAD, CardKind.LIST):
                wanted[(deck_id, head_key(point_of(key, kind)))].append(card_id)
    out: dict[int, int] = {}
    for deck_id in {d for d, _ in wanted}:
        keys = sorted(k for d, k in wanted if d == deck_id)
        for chunk in chunks(keys):
            params = {"deck": deck_id}
            sql = f"SELECT id, key FROM cards WHERE deck_id = :deck AND key IN {in_list('k', chunk, params)}"
            for head_id, key in run(sql, params):
                for card_id in wanted[(deck_id, key)]:
                    out[card_id] = head_id
    return out


# Key ranges per query when reading the cards of many points.
POINT_RANGES = 200


def _point_cards(run: Runner, card_ids: list[int]) -> dict[int, int]:
    """Every card of the points of these head cards (the head cards too), mapped to its head card; any
    other card maps to itself."""
    out = {cid: cid for cid in card_ids}
    heads: dict[tuple[int, str], int] = {}
    for chunk in chunks(card_ids):
        params: dict[str, Any] = {}
        sql = (
            f"SELECT id, deck_id, key FROM cards WHERE kind = '{CardKind.HEAD}' AND id IN {in_list('c', chunk, params)}"
        )
        heads.update({(deck_id, point_of(key, CardKind.HEAD)): cid for cid, deck_id, key in run(sql, params)})
    for deck_id in {d for d, _ in heads}:
        points = sorted(p for d, p in heads if d == deck_id)
        for start in range(0, len(points), POINT_RANGES):
            chunk, params = points[start : start + POINT_RANGES], {"deck": deck_id}
            # A point's cards are the keys `<point id>:...` (a list's key starts with its section's id):
            # ranges on the (deck_id, key) index.
            ranges = []
            for n, point in enumerate(chunk):
                params[f"lo{n}"], params[f"hi{n}"] = f"{point}:", f"{point};"
                ranges.append(f"(key >= :lo{n} AND key < :hi{n})")
            sql = f"SELECT id, key, kind FROM cards WHERE deck_id = :deck AND ({' OR '.join(ranges)})"
            for cid, key, kind in run(sql, params):
                if kind != CardKind.LIST:
                    out[cid] = heads[(deck_id, point_of(key, kind))]
    return out


def memories(run: Runner, card_ids: Iterable[int]) -> dict[int, Memory]:
    """Each card's FSRS memory folded from the review log (cards never answered are left out): a head
    card's is its point's, from the answers of every card that asks the point (see `owners`), in log order.

    A card made new again by hand (the card browser's forget) starts afresh: only its answers after the
    last forget count, as `trainer.store.replay` folds them (an answer at the same moment comes first).
    """
    group = _point_cards(run, list(dict.fromkeys(card_ids)))
    rows: list[Any] = []
    for chunk in chunks(list(group)):
        params: dict[str, Any] = {}
        sql = (
            "SELECT r.id, r.card_id, r.day, r.quality FROM review_log r"
            f" WHERE r.card_id IN {in_list('c', chunk, params)}"
            " AND NOT EXISTS (SELECT 1 FROM card_reset f WHERE f.card_id = r.card_id AND f.kind = 'forget'"
            " AND f.at >= r.reviewed_at)"
        )
        rows += run(sql, params)
    out: dict[int, Memory] = {}
    for _id, card_id, day, quality in sorted(rows):
        key = group[card_id]
        out[key] = remember(out.get(key), quality, day)
    return out


def schedule_memory(run: Runner, card_ids: Iterable[int]) -> dict[int, tuple[float | None, int | None]]:
    """(FSRS stability, day of the last graded answer) from the cards' schedules, by card id."""
    out: dict[int, tuple[float | None, int | None]] = {}
    for chunk in chunks(list(card_ids)):
        params: dict[str, Any] = {}
        sql = f"SELECT card_id, stability, due_day - interval FROM card_state WHERE card_id IN {in_list('c', chunk, params)}"
        out.update({r[0]: (r[1], r[2]) for r in run(sql, params)})
    return out


def list_heads(run: Runner, lists: Iterable[Candidate]) -> dict[int, list[int]]:
    """The head cards of each list card's points (live ones), by list card id: what a list showing answers."""
    by_section: dict[tuple[int, str], list[int]] = defaultdict(list)
    for c in lists:
        by_section[(c.deck_id, c.section)].append(c.card_id)
    out: dict[int, list[int]] = {}
    for deck_id in {d for d, _ in by_section}:
        keys = sorted(k for d, k in by_section if d == deck_id)
        for chunk in chunks(keys):
            params: dict[str, Any] = {"deck": deck_id}
            sql = (
                f"SELECT c.id, c.section_key FROM cards c WHERE c.deck_id = :deck AND c.kind = '{CardKind.HEAD}'"
                f" AND NOT c.retired AND c.section_key IN {in_list('k', chunk, params)}"
            )
            for head, section in run(sql, params):
                for list_id in by_section[(deck_id, section)]:
                    out.setdefault(list_id, []).append(head)
    return out


def spent_today(run: Runner, today: int, deck_ids: Iterable[int]) -> dict[int, float]:
    """Seconds answered on study day `today`, by deck (from the answers' logged durations)."""
    params: dict[str, Any] = {"today": today}
    ids = list(deck_ids)
    if not ids:
        return {}
    rows = run(
        "SELECT c.deck_id, SUM(l.duration_ms) FROM review_log l JOIN cards c ON c.id = l.card_id"
        f" WHERE l.day = :today AND c.deck_id IN {in_list('d', ids, params)} GROUP BY c.deck_id",
        params,
    )
    return {r[0]: (r[1] or 0) / 1000 for r in rows}


def unseen(run: Runner, deck_ids: Iterable[int]) -> dict[int, int]:
    """New (never answered) points per deck: their head cards (exam mode paces points, not cards)."""
    out: dict[int, int] = defaultdict(int)
    for deck_id in deck_ids:
        rows = run(
            f"SELECT COUNT(*) FROM card_state s JOIN cards c ON c.id = s.card_id WHERE s.deck_id = :deck"
            f" AND s.queue = {int(Queue.NEW)} AND c.kind = '{CardKind.HEAD}'",
            {"deck": deck_id},
        )
        out[deck_id] = int(rows[0][0])
    return dict(out)


class Paused(NamedTuple):
    """The decks whose own new-card limit is 0, with an exam ahead: their points never answered, and
    the new points a day the exam plan wants in them."""

    unseen: int
    pace: int


def paused_new(run: Runner, today: int, exam_day: int | None, limits_for: Callable[[str], Limits]) -> Paused:
    """What the decks where the learner set new cards to 0 (each deck's own limit, `limits_for`, as the
    day's queue reads it) leave unlearned: zeros when no exam is ahead or no deck is paused. The pause is
    kept (`trainer.sched.budget.paced_new`), so home and the exam plan both say what it costs."""
    if exam_day is None or exam_day <= today:
        return Paused(0, 0)
    paused = [d for d, name in deck_names(run, live=True).items() if limits_for(name).new <= 0]
    if not paused:
        return Paused(0, 0)
    left = unseen(run, paused)
    return Paused(sum(left.values()), sum(exam_pace(left.get(d, 0), today, exam_day) for d in paused))


def paused_pace(run: Runner, today: int, exam_day: int | None, limits_for: Callable[[str], Limits]) -> int:
    """New points a day the exam plan wants in the paused decks (`paused_new`), for the home screen."""
    return paused_new(run, today, exam_day, limits_for).pace


# A budget in minutes replaces the count of reviews a day: the budget cuts the queue instead.
UNLIMITED_REVIEWS = 1_000_000


def budget_limits(
    run: Runner, limits: dict[int, Limits], names: dict[int, str], budget: DayBudget, today: int
) -> dict[int, Limits]:
    """The decks' limits under exam mode and the learner's minutes: new points paced for the exam,
    reviews uncounted where minutes apply (they are cut by time, weakest first, see `fit`)."""
    out = dict(limits)
    left = unseen(run, names) if budget.exam_day is not None else {}
    for deck_id, name in names.items():
        lim = out.get(deck_id, Limits())
        new = paced_new(left.get(deck_id, 0), today, budget.exam_day, lim.new)
        timed = budget.minutes is not None or budget.seconds_for(name) is not None
        reviews = UNLIMITED_REVIEWS if timed else lim.reviews
        out[deck_id] = Limits(new=new, reviews=reviews, by_points=budget.exam_day is not None)
    return out


def fit(
    run: Runner, queue: list[Candidate], activity: Today, names: dict[int, str], budget: DayBudget, today: int
) -> list[Candidate]:
    """The planned queue ordered weakest first (by exam-day recall in exam mode) and cut to the minutes."""
    pending_ids = {c.card_id for c in activity.pending}
    pending = 0
    while pending < len(queue) and queue[pending].card_id in pending_ids:
        pending += 1
    points = list_heads(run, [c for c in queue if not c.point])
    heads = [h for hs in points.values() for h in hs]
    memory = schedule_memory(run, [*(c.card_id for c in queue if c.queue is not Queue.NEW), *heads])
    spent = spent_today(run, today, names)
    deck_budgets = {d: s for d, name in names.items() if (s := budget.seconds_for(name)) is not None}
    return fit_day(
        queue,
        memory,
        today=today,
        exam_day=budget.exam_day,
        budget=None if budget.minutes is None else budget.minutes * 60.0,
        spent=sum(spent.values()),
        pending=pending,
        deck_budgets=deck_budgets,
        deck_spent=spent,
        points=points,
    )
