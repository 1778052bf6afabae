"""Today's activity from the day summaries (`day_cards`, `day_counts`), kept by folding in the review log; plain
SQL, no SQLAlchemy.

The day's plan needs what was already done today: counts per deck, cards to repeat, and which
points were touched (the sibling rule). Reading the day's log rows back costs tens of ms on a heavy
day, so the log is folded into one row per card answered and one count row per deck, for today and
yesterday only. `day_mark` holds the highest log id folded in: rows written since (by any process,
or by a bulk load) are folded on the next `refresh`, and an undo (which deletes a log row)
drops the mark, so the summaries are rebuilt from the log. Readers check the mark and fall back to
the log when the summaries are behind, so they are never wrong, only slower.

Plain SQL on a `sqlrun.Runner`; this module must not import SQLAlchemy.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from operator import itemgetter
from typing import Any

from trainer.core.cards import CardKind, point_of
from trainer.sched.lists import comes_back_today
from trainer.sched.queue import Candidate, Today
from trainer.sched.state import Queue
from trainer.store import sqlrun

# Days kept: today and yesterday (a session left open across the day boundary still plans right).
KEEP_DAYS = 2
# More unfolded log rows than this, and the recent days are rebuilt through the log's day index
# instead of reading the new rows by id (a bulk import, or the first start after migrating).
REBUILD_OVER = 2_000

_FOLD_COLUMNS = (
    "SELECT l.id, l.day, l.card_id, l.quality, l.repeat, l.queue_before, c.deck_id, c.section_key, c.key, c.kind,"
    " l.via_card_id FROM review_log l JOIN cards c ON c.id = l.card_id"
)
_NEW = int(Queue.NEW)


def _mark(run: sqlrun.Runner) -> tuple[int, int, int, int] | None:
    """(log_id, since_day, last_day, run_from), or None."""
    rows = run("SELECT log_id, since_day, last_day, run_from FROM day_mark WHERE id = 1", {})
    return (rows[0][0], rows[0][1], rows[0][2], rows[0][3]) if rows else None


# Counts back from :start while each day has an answer: one index probe per day of the run.
_RUN_SQL = (
    "WITH RECURSIVE run(day) AS ("
    " SELECT :start WHERE EXISTS (SELECT 1 FROM review_log WHERE day = :start)"
    " UNION ALL SELECT run.day - 1 FROM run WHERE EXISTS (SELECT 1 FROM review_log WHERE day = run.day - 1)"
    ") SELECT COUNT(*) FROM run"
)


def run_length(run: sqlrun.Runner, start: int) -> int:
    """Days in a row with an answer, counting back from `start` (0 when `start` has none)."""
    return int(run(_RUN_SQL, {"start": start})[0][0])


def _streak_mark(run: sqlrun.Runner, mark: tuple[int, int, int, int] | None) -> tuple[int, int]:
    """(last_day, run_from) for the log as it is now; extends the mark's run when it still holds."""
    last = run("SELECT MAX(day) FROM review_log", {})[0][0]
    if last is None:
        return 0, 1
    if mark is not None and mark[2] <= last <= mark[2] + 1 and mark[3] <= mark[2]:
        return last, mark[3]  # the same run, maybe one day longer
    return last, last - run_length(run, last) + 1


def _top(run: sqlrun.Runner) -> int:
    return run("SELECT MAX(id) FROM review_log", {})[0][0] or 0


def is_fresh(run: sqlrun.Runner, today: int) -> bool:
    """True when the summaries hold every answer of study day `today` (two indexed lookups)."""
    mark = _mark(run)
    return mark is not None and mark[1] <= today and mark[0] == _top(run)


def refresh(run: sqlrun.Runner, today: int) -> int:
    """Fold the log rows written since the mark into the summaries; the caller holds a write transaction.

    Returns:
        How many log rows were folded in.
    """
    mark = _mark(run)
    top = _top(run)
    since = today - (KEEP_DAYS - 1)
    rebuild = mark is None or mark[1] > since or top < mark[0] or top - mark[0] > REBUILD_OVER
    if rebuild:
        run("DELETE FROM day_cards", {})
        run("DELETE FROM day_counts", {})
        rows = run(f"{_FOLD_COLUMNS} WHERE l.day >= :since ORDER BY l.id", {"since": since})
    else:
        assert mark is not None
        run("DELETE FROM day_cards WHERE day < :since", {"since": since})
        run("DELETE FROM day_counts WHERE day < :since", {"since": since})
        rows = run(
            f"{_FOLD_COLUMNS} WHERE l.id > :mark AND l.day >= :since ORDER BY l.id", {"mark": mark[0], "since": since}
        )
    cards: dict[tuple[int, int], dict[str, Any]] = {}
    counts: dict[tuple[int, int], list[int]] = defaultdict(lambda: [0, 0])
    for log_id, day, card_id, quality, repeat, queue_before, deck_id, section, key, kind, via in rows:
        # `last_quality` is the grade the repeat rule reads: a list's answer, or a point's through a
        # list, below 4 but not forgotten does not come back (`trainer.sched.lists.comes_back_today`).
        listed = via is not None or kind == CardKind.LIST
        if not comes_back_today(quality, listed=listed):
            quality = max(quality, 4)
        entry = cards.get((day, card_id))
        if entry is None:
            cards[(day, card_id)] = {
                "day": day,
                "card": card_id,
                "deck": deck_id,
                "section": section,
                "point": point_of(key, kind),
                "first": log_id,
                "quality": quality,
            }
        else:
            entry["quality"] = quality
        if not repeat:
            counts[(day, deck_id)][0 if queue_before == _NEW else 1] += 1
    for params in cards.values():
        run(
            "INSERT INTO day_cards (day, card_id, deck_id, section_key, point, first_log_id, last_quality)"
            " VALUES (:day, :card, :deck, :section, :point, :first, :quality)"
            " ON CONFLICT (day, card_id) DO UPDATE SET last_quality = excluded.last_quality",
            params,
        )
    for (day, deck_id), (new, reviews) in counts.items():
        run(
            "INSERT INTO day_counts (day, deck_id, new_done, reviews_done) VALUES (:day, :deck, :new, :reviews)"
            " ON CONFLICT (day, deck_id) DO UPDATE SET new_done = day_counts.new_done + excluded.new_done,"
            " reviews_done = day_counts.reviews_done + excluded.reviews_done",
            {"day": day, "deck": deck_id, "new": new, "reviews": reviews},
        )
    last_day, run_from = _streak_mark(run, None if rebuild else mark)
    run("DELETE FROM day_mark", {})
    run(
        "INSERT INTO day_mark (id, log_id, since_day, last_day, run_from) VALUES (1, :top, :since, :last, :start)",
        {"top": top, "since": since, "last": last_day, "start": run_from},
    )
    return len(rows)


def streak(run: sqlrun.Runner, today: int) -> int:
    """Days in a row with an answer, ending today or yesterday: from the mark when the summaries are
    fresh (no probe), else counted back through the log's day index."""
    mark = _mark(run)
    if mark is not None and mark[1] <= today and mark[0] == _top(run) and mark[3] <= mark[2] <= today:
        return mark[2] - mark[3] + 1 if mark[2] >= today - 1 else 0
    for start in (today, today - 1):
        if days := run_length(run, start):
            return days
    return 0


def counts(
    run: sqlrun.Runner, today: int, deck_ids: Iterable[int]
) -> tuple[dict[int, int], dict[int, int], dict[int, int]]:
    """From fresh summaries: (new cards started, reviews done, cards pending a repeat) per deck today."""
    new_done: dict[int, int] = {}
    reviews_done: dict[int, int] = {}
    for deck_id, new, reviews in run(
        "SELECT deck_id, new_done, reviews_done FROM day_counts WHERE day = :today", {"today": today}
    ):
        if new:
            new_done[deck_id] = new
        if reviews:
            reviews_done[deck_id] = reviews
    pending = {deck_id: n for deck_id in deck_ids if (n := len(_pending_rows(run, today, deck_id)))}
    return new_done, reviews_done, pending


def refresh_exclusive(run: sqlrun.Runner, today: int, *, dialect: str) -> int:
    """`refresh` as the only refresher, in the caller's write transaction: on PostgreSQL the log is locked
    first, so no answer is in flight meanwhile (a log row committed after the mark had passed its id
    would never be folded in); SQLite's write transaction is already exclusive."""
    if dialect == "postgresql":
        run("LOCK TABLE review_log IN SHARE ROW EXCLUSIVE MODE", {})
    return refresh(run, today)


def activity(run: sqlrun.Runner, today: int, deck_ids: Iterable[int] | None = None) -> Today:
    """Counts and pending repeats of study day `today`, from fresh summaries; `answered` holds only the
    pending cards (see `touched` for the siblings of the day's candidates)."""
    wanted = None if deck_ids is None else set(deck_ids)
    new_done: dict[int, int] = {}
    reviews_done: dict[int, int] = {}
    for deck_id, new, reviews in run(
        "SELECT deck_id, new_done, reviews_done FROM day_counts WHERE day = :today", {"today": today}
    ):
        if wanted is None or deck_id in wanted:
            if new:
                new_done[deck_id] = new
            if reviews:
                reviews_done[deck_id] = reviews
    decks = sqlrun.deck_names(run) if wanted is None else wanted
    rows = [r for deck_id in decks for r in _pending_rows(run, today, deck_id)]
    rows.sort(key=itemgetter(0))
    # A pending card comes first in the queue whatever its state: queue, due day and order are not read.
    learning = Queue.LEARNING
    pending = tuple([Candidate(card, deck, section, point, learning) for _, card, deck, section, point in rows])
    return Today(answered=pending, pending=pending, new_done=new_done, reviews_done=reviews_done)


# A deck's cards answered today whose last grade was below 4, oldest first, less those suspended,
# buried or retired since. The NOT IN list is the deck's set-aside cards, read once per query from
# the due index (few), so the pending cards are not looked up one by one (random reads of card_state).
# `first_log_id >= 0` lets the planner take the partial index of pending cards.
_PENDING_SQL = (
    "SELECT first_log_id, card_id, deck_id, section_key, point FROM day_cards"
    " WHERE day = :today AND deck_id = :deck AND last_quality < 4 AND first_log_id >= 0"
    f" AND card_id NOT IN (SELECT card_id FROM card_state WHERE deck_id = :deck AND queue < {_NEW})"
)


def _pending_rows(run: sqlrun.Runner, today: int, deck_id: int) -> Sequence[Sequence[Any]]:
    return run(_PENDING_SQL, {"today": today, "deck": deck_id})


def touched(run: sqlrun.Runner, today: int, sections: Mapping[int, Iterable[str]]) -> list[Candidate]:
    """The cards answered on `today` in these sections (by deck), for the sibling rule.

    Only card, deck, section and point of each are meaningful (the rule reads nothing else).
    """
    out: list[Candidate] = []
    for deck_id, keys in sections.items():
        for chunk in sqlrun.chunks(sorted(set(keys))):
            params: dict[str, Any] = {"today": today, "deck": deck_id}
            sql = (
                "SELECT card_id, section_key, point FROM day_cards"
                f" WHERE day = :today AND deck_id = :deck AND section_key IN {sqlrun.in_list('k', chunk, params)}"
            )
            out += [Candidate(r[0], deck_id, r[1], r[2], Queue.REVIEW) for r in run(sql, params)]
    return out


def answered_on_day(run: sqlrun.Runner, card_ids: Iterable[int], day: int) -> set[int]:
    """Which of these cards have an answer logged on study day `day` (by any process)."""
    out: set[int] = set()
    for chunk in sqlrun.chunks(list(card_ids)):
        params: dict[str, Any] = {"day": day}
        # `+day`: by `ix_review_log_card`, not every answer of the day by `ix_review_log_day` (7 ms at 100k).
        sql = f"SELECT card_id FROM review_log WHERE +day = :day AND card_id IN {sqlrun.in_list('c', chunk, params)}"
        out.update(r[0] for r in run(sql, params))
    return out
