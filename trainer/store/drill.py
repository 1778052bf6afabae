"""The drill's reads as plain SQL on any DB-API-like runner: home counts, the day's plan, loading cards; no
SQLAlchemy (the first screen runs them before it is loaded), no writes.

This module must not import SQLAlchemy: the TUI runs these queries on a bare `sqlite3` connection
before SQLAlchemy is loaded, so that the first card is painted without paying for its import. The
same SQL serves every other caller through `trainer.store.queries`, which hands in a runner on its
SQLAlchemy session (one source of SQL, two transports). The SQL is portable between SQLite and
PostgreSQL: named `:params`, booleans tested with NOT, no dialect functions.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Any, NamedTuple

from trainer.core.cards import CardKind, paired_section, point_of
from trainer.errors import StaleCardError, StoreError
from trainer.sched.budget import DayBudget
from trainer.sched.lists import comes_back_today
from trainer.sched.queue import Candidate, Limits, Today, build_queue
from trainer.sched.state import Algorithm, Queue
from trainer.store import day_summaries as summaries
from trainer.store import exam_reads
from trainer.store.convert import CardState, DeckSummary, ReviewCard, card_from_notes
from trainer.store.sqlrun import Runner, chunks, deck_names, in_list

LimitsFor = Callable[[str], Limits]
answered_on_day = summaries.answered_on_day  # its callers read it here
Head = tuple[int, CardState]  # a list point's head card: id, schedule

_QUEUE = {int(q): q for q in Queue}
_NEW, _REVIEW = int(Queue.NEW), int(Queue.REVIEW)
_GONE = (Queue.SUSPENDED, Queue.RETIRED, Queue.BURIED)


# card_id, deck_id, queue, due_day, new_ord, key, kind, section_key
CANDIDATE_COLUMNS = "s.card_id, s.deck_id, s.queue, s.due_day, s.new_ord, c.key, c.kind, c.section_key"
_FROM_STATE = "FROM card_state s JOIN cards c ON c.id = s.card_id"


def candidate(r: Sequence[Any], offset: int = 0) -> Candidate:
    """A row holding CANDIDATE_COLUMNS from `offset` on, as a Candidate."""
    card_id, deck_id, queue, due_day, new_ord, key, kind, section = r[offset : offset + 8]
    return Candidate(card_id, deck_id, section, point_of(key, kind), _QUEUE[queue], due_day, new_ord, kind)


def today_activity(run: Runner, today: int, deck_ids: Iterable[int] | None = None) -> Today:
    """What the review log says about study day `today`: answered cards, pending repeats, counts."""
    rows = run(
        f"SELECT l.quality, l.repeat, l.queue_before, {CANDIDATE_COLUMNS}, l.via_card_id FROM review_log l"
        " JOIN card_state s ON s.card_id = l.card_id JOIN cards c ON c.id = l.card_id"
        " WHERE l.day = :today ORDER BY l.id",
        {"today": today},
    )
    wanted = None if deck_ids is None else set(deck_ids)
    answered: dict[int, Candidate] = {}
    last_quality: dict[int, int] = {}
    new_done: dict[int, int] = defaultdict(int)
    reviews_done: dict[int, int] = defaultdict(int)
    for r in rows:
        quality, repeat, queue_before, card_id, deck_id = r[0], r[1], r[2], r[3], r[4]
        if wanted is not None and deck_id not in wanted:
            continue
        if card_id not in answered:
            answered[card_id] = candidate(r, 3)
        listed = r[11] is not None or r[9] == CardKind.LIST  # a list's answer or a point's through it
        last_quality[card_id] = quality if comes_back_today(quality, listed=listed) else max(quality, 4)
        if not repeat:
            if queue_before == _NEW:
                new_done[deck_id] += 1
            else:
                reviews_done[deck_id] += 1
    pending = [c for cid, c in answered.items() if last_quality[cid] < 4 and c.queue not in _GONE]
    return Today(
        answered=tuple(answered.values()),
        pending=tuple(pending),
        new_done=dict(new_done),
        reviews_done=dict(reviews_done),
    )


def deck_algorithms(run: Runner, deck_ids: Iterable[int]) -> dict[int, Algorithm]:
    """The scheduler each deck uses (`scheduler:` in its file)."""
    params: dict[str, Any] = {}
    if not (ids := list(deck_ids)):
        return {}
    rows = run(f"SELECT id, scheduler FROM decks WHERE id IN {in_list('d', ids, params)}", params)
    return {r[0]: Algorithm.parse(r[1]) for r in rows}


def limits_by_id(names: Mapping[int, str], limits_for: LimitsFor | None, new_per_day: int) -> dict[int, Limits]:
    """Each deck's limits: by name from the learner's settings, or `new_per_day` and the default reviews."""
    if limits_for is None:
        return {deck_id: Limits(new=new_per_day) for deck_id in names}
    return {deck_id: limits_for(name) for deck_id, name in names.items()}


def due_reviews_sql(*, limit: bool) -> str:
    """Reviews of one deck due by :today, most overdue first (served by ix_card_state_due)."""
    return (
        f"SELECT {CANDIDATE_COLUMNS} {_FROM_STATE}"
        f" WHERE s.deck_id = :deck AND s.queue = {_REVIEW} AND s.due_day <= :today"
        " ORDER BY s.due_day, s.card_id" + (" LIMIT :limit" if limit else "")
    )


# The queue value is a literal, not a bound parameter, so SQLite sees that the partial index applies.
NEW_CARDS_SQL = (
    f"SELECT {CANDIDATE_COLUMNS} {_FROM_STATE}"
    f" WHERE s.deck_id = :deck AND s.queue = {_NEW} ORDER BY s.new_ord, s.card_id LIMIT :limit"
)

# Exam mode paces points (`Limits.by_points`): new head cards, and apart the other new cards of points.
NEW_BY_POINTS_SQL = tuple(
    NEW_CARDS_SQL.replace(" ORDER BY", f" AND c.kind {kinds} ORDER BY")
    for kinds in (f"= '{CardKind.HEAD}'", f"NOT IN ('{CardKind.HEAD}', '{CardKind.LIST}')")
)

# New list and pair cards whose points are known, entering today (see `trainer.sched.lists`): the store
# keeps the day they may enter in a new card's due_day (0 until then), served by ix_card_state_due.
READY_SQL = (
    f"SELECT {CANDIDATE_COLUMNS} {_FROM_STATE}"
    f" WHERE s.deck_id = :deck AND s.queue = {_NEW} AND s.due_day > 0 AND s.due_day <= :today"
    " ORDER BY s.due_day, s.card_id"
)

# Due reviews read first per deck: this many times the places left, plus this many (see `_due_reviews`).
REVIEW_PREFIX_FACTOR = 3
REVIEW_PREFIX_EXTRA = 50


def plan_day(
    run: Runner,
    today: int,
    deck_ids: list[int],
    *,
    limits_for: LimitsFor | None = None,
    new_per_day: int = Limits().new,
    activity: Today | None = None,
) -> list[Candidate]:
    """The day's queue for these decks: pending repeats, due reviews, new cards, within the limits.

    What was done today comes from the day summaries when they are fresh (`trainer.store.day_summaries`):
    counts and repeats, and the answered cards of only the sections the candidates belong to, which
    is all the sibling rule looks at. Otherwise (or when `activity` is given) from the log.

    Args:
        run: Runs the queries.
        today: The study day number.
        deck_ids: The decks to study.
        limits_for: Each deck's limits by deck name (default: `new_per_day` new, the default reviews).
        new_per_day: New cards per deck when `limits_for` is not given.
        activity: `today_activity(run, today, deck_ids)` when the caller already has it.
    """
    return plan(run, today, deck_ids, limits_for=limits_for, new_per_day=new_per_day, activity=activity)[0]


def plan(
    run: Runner,
    today: int,
    deck_ids: list[int],
    *,
    limits_for: LimitsFor | None = None,
    new_per_day: int = Limits().new,
    activity: Today | None = None,
    budget: DayBudget | None = None,
) -> tuple[list[Candidate], Today]:
    """`plan_day`, with the day's activity it planned with (whose `answered` may be partial, see there).

    With an active `budget` (an exam date or the learner's minutes), new points are paced for the exam
    and the queue is ordered weakest first and cut to the minutes (`trainer.store.exam_reads`).
    """
    names = deck_names(run, deck_ids)
    limits = limits_by_id(names, limits_for, new_per_day)
    if budget is not None and budget.active:
        limits = exam_reads.budget_limits(run, limits, names, budget, today)
    partial = activity is None and summaries.is_fresh(run, today)
    if partial:
        activity = summaries.activity(run, today, deck_ids)
    elif activity is None:
        activity = today_activity(run, today, deck_ids)
    prefixes: dict[int, tuple[list[Candidate], int]] = {}
    new: list[Candidate] = []
    ready: list[Candidate] = []
    for deck_id in deck_ids:
        ready += [candidate(r) for r in run(READY_SQL, {"deck": deck_id, "today": today})]
        lim = limits.get(deck_id, Limits())
        places = max(0, lim.reviews - (activity.reviews_done or {}).get(deck_id, 0))
        if places:  # a deck whose reviews are done for today needs no scan of its due cards
            size = REVIEW_PREFIX_FACTOR * places + REVIEW_PREFIX_EXTRA
            rows = run(due_reviews_sql(limit=True), {"deck": deck_id, "today": today, "limit": size})
            prefixes[deck_id] = ([candidate(r) for r in rows], size)
        allowance = max(0, lim.new - (activity.new_done or {}).get(deck_id, 0))
        if allowance:
            # Extra rows stand in for list cards that wait a day because a sibling is studied today.
            wanted = {"deck": deck_id, "limit": 2 * allowance + 10}
            for sql in NEW_BY_POINTS_SQL if lim.by_points else (NEW_CARDS_SQL,):
                new += [candidate(r) for r in run(sql, wanted)]
    if partial:
        activity = _with_touched(run, today, activity, [*ready, *new, *(c for p, _ in prefixes.values() for c in p)])
    reviews: list[Candidate] = []
    for deck_id, (prefix, size) in prefixes.items():
        if _prefix_suffices(prefix, size, deck_id, limits.get(deck_id, Limits()), activity, ready):
            reviews += prefix
            continue
        every = [candidate(r) for r in run(due_reviews_sql(limit=False), {"deck": deck_id, "today": today})]
        if partial:
            activity = _with_touched(run, today, activity, every)
        reviews += every
    queue = build_queue(reviews, new, today=activity, limits=limits, ready=ready)
    if budget is not None and budget.active:
        queue = exam_reads.fit(run, queue, activity, names, budget, today)
    return queue, activity


def _with_touched(run: Runner, today: int, activity: Today, cands: Iterable[Candidate]) -> Today:
    """`activity` with the cards answered today in the sections of `cands` added to `answered`."""

    sections: dict[int, set[str]] = defaultdict(set)
    for c in cands:
        sections[c.deck_id].add(c.section)
    known = {c.card_id for c in activity.answered}
    extra = [c for c in summaries.touched(run, today, sections) if c.card_id not in known]
    return replace(activity, answered=(*activity.answered, *extra)) if extra else activity


def _prefix_suffices(
    prefix: list[Candidate], size: int, deck_id: int, limits: Limits, activity: Today, ready: list[Candidate]
) -> bool:
    """Whether a deck's first `size` due reviews (most overdue first) give `build_queue` the same pick as all.

    `build_queue` takes reviews in this order, skipping siblings of cards already studied, until the
    deck's places are filled. When a prefix of the due reviews fills them, the reviews after it are
    never taken, so only the prefix is read (a backlog of thousands costs a few hundred rows).
    """
    if len(prefix) < size or limits.by_points:  # by points the pick is not in due order: read them all
        return len(prefix) < size
    places = max(0, limits.reviews - (activity.reviews_done or {}).get(deck_id, 0))
    mine = {id(c) for c in prefix}
    mine_ready = [c for c in ready if c.deck_id == deck_id]
    taken = build_queue(
        prefix, [], today=activity, limits={deck_id: Limits(new=0, reviews=limits.reviews)}, ready=mine_ready
    )
    return sum(1 for c in taken if id(c) in mine) >= places


def deck_summaries(
    run: Runner,
    today: int,
    new_per_day: int = Limits().new,
    *,
    limits_for: LimitsFor | None = None,
    totals: bool = True,
    budget: DayBudget | None = None,
) -> list[DeckSummary]:
    """Every deck, by name, with what a session of it would offer today: due reviews, new cards and
    pending repeats, counted on the deck's day plan (`plan`), so the limits and the sibling rule (a
    list card waits a day when one of its points is studied today) apply as they do in the session.

    The plan reads only what the deck may still take today, so the cost grows with the limits, not
    the deck. `totals=False` leaves `total` None: counting every card of a deck is a scan of it (see
    `deck_totals`), which the home screen does in the background.
    """
    names = deck_names(run, live=True)
    every = deck_totals(run) if totals else {}
    # One plan of every deck: limits and the sibling rule are per deck, so each deck's share of it is
    # what a session of that deck alone would offer. Not so with a budget of minutes, fitted to the
    # queue it is given: then each deck is planned alone, as Enter on its row would (the minutes a session
    # of one deck uses are the day's, so the others show what is left once it is done).
    if budget is not None and budget.active:
        cands, pending = [], set()
        for deck_id in names:
            mine, activity = plan(run, today, [deck_id], limits_for=limits_for, new_per_day=new_per_day, budget=budget)
            cands += mine
            pending |= {c.card_id for c in activity.pending}
    else:
        cands, activity = plan(run, today, list(names), limits_for=limits_for, new_per_day=new_per_day, budget=budget)
        pending = {c.card_id for c in activity.pending}
    counts: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0])  # due, new, learning
    for c in cands:
        counts[c.deck_id][2 if c.card_id in pending else 1 if c.queue == Queue.NEW else 0] += 1
    out = []
    for deck_id, name in sorted(names.items(), key=lambda kv: kv[1]):
        due, new, learning = counts.get(deck_id, (0, 0, 0))
        out.append(DeckSummary(deck_id, name, due, new, learning, every.get(deck_id, 0) if totals else None))
    return out


def deck_totals(run: Runner) -> dict[int, int]:
    """Cards per deck, retired ones left out (a scan of the due index: ~20 ms per 100k cards)."""
    rows = run(f"SELECT deck_id, COUNT(*) FROM card_state WHERE queue <> {int(Queue.RETIRED)} GROUP BY deck_id", {})
    return {r[0]: int(r[1]) for r in rows}


class NoteView(NamedTuple):
    """A point as the card builder reads it back (the columns of `notes` it needs)."""

    key: str
    topic: str
    section_key: str
    section_kind: str
    heading: str
    ord: int
    head: str
    body: str
    long_head: bool


_CARD_SQL = (
    "SELECT c.id, c.key, c.section_key, c.deck_id, d.name, s.queue, s.due_day, s.reps, s.ease, s.interval,"
    " s.lapses, s.leech, s.stability, s.difficulty"
    " FROM cards c JOIN decks d ON d.id = c.deck_id JOIN card_state s ON s.card_id = c.id WHERE c.id IN "
)
_NOTES_SQL = (
    "SELECT key, topic, section_key, section_kind, heading, ord, head, body, long_head FROM notes"
    " WHERE deck_id = :deck AND NOT retired AND section_key IN {keys} ORDER BY section_key, ord"
)


def state_of(r: Sequence[Any], offset: int) -> CardState:
    """queue, due_day, reps, ease (hundredths), interval, lapses, leech, stability, difficulty from `offset`."""
    queue, due_day, reps, ease, interval, lapses, leech, stability, difficulty = r[offset : offset + 9]
    return CardState(
        queue=_QUEUE[queue],
        due_day=due_day,
        reps=reps,
        ease=ease / 100,
        interval=interval,
        lapses=lapses,
        leech=bool(leech),
        stability=stability,
        difficulty=difficulty,
    )


def load_cards(run: Runner, card_ids: Iterable[int], *, stale: set[int] | None = None) -> dict[int, ReviewCard]:
    """Cards with their content and state, in bulk: a few queries whatever the number of cards.

    Args:
        run: Runs the queries.
        card_ids: The cards to read.
        stale: When given, cards their notes no longer give are added to it and left out of the
            result; otherwise they raise.

    Raises:
        StaleCardError: some cards are no longer given by their notes (and `stale` is None).
        StoreError: a card does not exist.
    """
    ids = list(dict.fromkeys(card_ids))
    rows: list[Any] = []
    for chunk in chunks(ids):
        params: dict[str, Any] = {}
        rows += run(_CARD_SQL + in_list("c", chunk, params), params)
    by_deck: dict[int, set[str]] = defaultdict(set)
    for r in rows:
        by_deck[r[3]].add(r[2])
        if paired := paired_section(r[1]):
            by_deck[r[3]].add(paired)
    notes: dict[tuple[int, str], list[NoteView]] = defaultdict(list)
    for deck_id, skeys in by_deck.items():
        for chunk in chunks(sorted(skeys)):
            params = {"deck": deck_id}
            sql = _NOTES_SQL.format(keys=in_list("k", chunk, params))
            for n in run(sql, params):
                note = NoteView(n[0], n[1], n[2], n[3], n[4], n[5], n[6], n[7] or "", bool(n[8]))
                notes[(deck_id, note.section_key)].append(note)
    out = {}
    gone: dict[int, str] = {}
    for r in rows:
        card_id, key, section_key, deck_id = r[0], r[1], r[2], r[3]
        own = notes[(deck_id, section_key)]
        paired = paired_section(key)
        try:
            card = card_from_notes(key, own + notes[(deck_id, paired)] if paired else own)
        except StaleCardError:
            gone[card_id] = key
            continue
        out[card_id] = ReviewCard(card_id=card_id, deck=r[4], card=card, state=state_of(r, 5))
    if gone and stale is None:
        raise StaleCardError(
            f"{len(gone)} card(s) are no longer given by their points: {', '.join(gone.values())}",
            card_ids=tuple(gone),
            keys=tuple(gone.values()),
        )
    if gone and stale is not None:
        stale.update(gone)
    missing = [i for i in ids if i not in out and i not in gone]
    if missing:
        raise StoreError(f"card {missing[0]} does not exist")
    return out


def list_points(run: Runner, deck_id: int, lists: Mapping[int, Sequence[str]]) -> dict[int, list[Head]]:
    """By list card id (`lists`: its point ids), the head cards of its points in order, with their schedules,
    for the lists of a batch at once (a point whose head card the deck does not give or retired is left out)."""
    keys = list(dict.fromkeys(f"{pid}:head" for pids in lists.values() for pid in pids))
    found: dict[str, Head] = {}
    for chunk in chunks(keys):
        params: dict[str, Any] = {"deck": deck_id}
        sql = (
            "SELECT c.key, c.id, s.queue, s.due_day, s.reps, s.ease, s.interval, s.lapses, s.leech, s.stability,"
            " s.difficulty FROM cards c JOIN card_state s ON s.card_id = c.id"
            f" WHERE c.deck_id = :deck AND NOT c.retired AND c.key IN {in_list('k', chunk, params)}"
        )
        found.update((r[0], (r[1], state_of(r, 2))) for r in run(sql, params))
    return {lid: [found[k] for k in (f"{pid}:head" for pid in pids) if k in found] for lid, pids in lists.items()}
