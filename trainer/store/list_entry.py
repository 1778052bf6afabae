"""A sync that changes sections sets their new list and pair cards' entry days again, by the rule of
`trainer.sched.lists`; plain SQL reads on the caller's transaction, no scheduling of answers.

A point added to a section whose list card was ready makes the list wait (the new point is not known);
a point removed that was the last one not known lets the list enter (the day after its other points'
last first-known answer, which may be today). `trainer db replay` expects exactly that
(`trainer.store.lists.expected_days` over the live cards); the answer path marks entry days
(`trainer.store.lists.on_known`), this module only what a sync changes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, text
from sqlalchemy.orm import Session

from trainer.core.cards import CardKind, paired_section
from trainer.sched.lists import ready_day
from trainer.sched.state import Queue
from trainer.store import sqlrun

_NEW = int(Queue.NEW)


def _first_known(conn: Session | Connection, card_ids: list[int]) -> dict[int, tuple[int, int]]:
    """(log id, study day) of the answer that first made each card known, from the log's before/after columns."""
    out: dict[int, tuple[int, int]] = {}
    for chunk in sqlrun.chunks(card_ids):
        params: dict[str, Any] = {}
        rows = conn.execute(
            text(
                "SELECT card_id, MIN(id) FROM review_log"
                f" WHERE card_id IN {sqlrun.in_list('c', chunk, params)}"
                f" AND queue_after != {_NEW} AND (reps_after > 0 OR lapses_after > 0)"
                f" AND NOT (queue_before != {_NEW} AND (reps_before > 0 OR lapses_before > 0))"
                " GROUP BY card_id"
            ),
            params,
        ).all()
        firsts = {card_id: log_id for card_id, log_id in rows}
        if not firsts:
            continue
        params = {}
        days = conn.execute(
            text(f"SELECT id, day FROM review_log WHERE id IN {sqlrun.in_list('l', sorted(firsts.values()), params)}"),
            params,
        ).all()
        day_of: dict[int, int] = {log_id: day for log_id, day in days}
        out.update({card_id: (log_id, day_of[log_id]) for card_id, log_id in firsts.items()})
    return out


def resettle(conn: Session | Connection, deck_id: int, sections: Iterable[str]) -> int:
    """Set the entry day of the new list and pair cards that ask for the points of `sections` by the rule.

    Returns:
        How many cards' entry day changed.
    """
    changed_sections = set(sections)
    rows = conn.execute(
        text(
            "SELECT c.id, c.key, c.section_key, s.due_day FROM card_state s JOIN cards c ON c.id = s.card_id"
            f" WHERE s.deck_id = :deck AND s.queue = {_NEW} AND c.kind IN ('{CardKind.LIST}', '{CardKind.PAIR}')"
            " AND NOT c.retired"
        ),
        {"deck": deck_id},
    ).all()
    cards: dict[int, set[str]] = {}
    held: dict[int, int] = {}
    for card_id, key, own, due_day in rows:
        wanted = {own, *([p] if (p := paired_section(key)) else [])}
        if wanted & changed_sections:
            cards[card_id] = wanted
            held[card_id] = due_day
    if not cards:
        return 0
    heads: dict[str, list[int]] = defaultdict(list)
    for chunk in sqlrun.chunks(sorted({s for ss in cards.values() for s in ss})):
        params: dict[str, Any] = {"deck": deck_id}
        for skey, head_id in conn.execute(
            text(
                "SELECT section_key, id FROM cards WHERE deck_id = :deck"
                f" AND section_key IN {sqlrun.in_list('k', chunk, params)} AND kind = '{CardKind.HEAD}'"
                " AND NOT retired"
            ),
            params,
        ):
            heads[skey].append(head_id)
    known = _first_known(conn, sorted({h for hs in heads.values() for h in hs}))
    changed = 0
    for card_id, wanted in cards.items():
        points = [h for s in wanted for h in heads.get(s, [])]
        day = ready_day(known.get(h) for h in points) if points else 0
        if day != held[card_id]:
            conn.execute(text("UPDATE card_state SET due_day = :day WHERE card_id = :id"), {"day": day, "id": card_id})
            changed += 1
    return changed
