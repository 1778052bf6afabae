"""Keeping list and pair cards' entry days and reading a list's points; the rules are `trainer.sched.lists`.

A new list or pair card holds in `card_state.due_day` the day it may enter the plan (0: not yet).
It is set in the transaction of the answer that made the last of its points known, and cleared
when an undo takes such an answer back. `trainer db replay` rebuilds it from the log (`expected`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, TextClause, text
from sqlalchemy.orm import Session

from trainer.core.cards import CardKind, paired_section
from trainer.sched.lists import ready_day
from trainer.sched.state import Queue

_NEW = int(Queue.NEW)

Conn = Session | Connection


@lru_cache(maxsize=128)
def _text(sql: str) -> TextClause:
    return text(sql)  # parsing a statement's binds costs more than running it: once per statement shape


def _rows(conn: Conn, sql: str, params: Mapping[str, Any]) -> Sequence[Any]:
    return conn.execute(_text(sql), dict(params)).all()


def _in(name: str, values: Sequence[Any], params: dict[str, Any]) -> str:
    keys = []
    for i, v in enumerate(values):
        params[f"{name}{i}"] = v
        keys.append(f":{name}{i}")
    return "(" + ", ".join(keys) + ")"


# The new list and pair cards of a head card's section and of the other sections of its topic (a pair
# card in another section may pair with this one), from head card ids (`{heads}`, an IN list): one
# statement of index probes (each card by id, its topic by `ix_notes_section`, the topic's sections by
# `ix_notes_topic`, their cards by `ix_cards_section`). The topic's sections are not read with DISTINCT: without
# statistics SQLite would then walk the whole deck in `ix_notes_section` for their order (50 ms at 100k
# points, once per new card learned). `tests/test_answer_cost.py` checks the plan.
_RELATED = (
    "SELECT c.id, c.kind, c.key, c.section_key, h.section_key, h.deck_id FROM cards h"
    " JOIN cards c ON c.deck_id = h.deck_id JOIN card_state s ON s.card_id = c.id"
    f" WHERE h.id IN {{heads}} AND h.kind = '{CardKind.HEAD}'"
    " AND c.section_key IN (SELECT h.section_key UNION SELECT n.section_key FROM notes n"
    " WHERE n.deck_id = h.deck_id AND n.topic ="
    " (SELECT t.topic FROM notes t WHERE t.deck_id = h.deck_id AND t.section_key = h.section_key LIMIT 1))"
    f" AND c.kind IN ('{CardKind.LIST}', '{CardKind.PAIR}') AND s.queue = {_NEW} AND NOT c.retired"
)
_MARK = text(f"UPDATE card_state SET due_day = :day WHERE card_id = :id AND queue = {_NEW} AND due_day = 0")
_WAITING = " AND s.due_day = 0"  # not entered yet (an entered card keeps the day it was given)


def related(conn: Conn, head_id: int, *, waiting: bool = False) -> list[tuple[int, str, str, str, int]]:
    """(card id, kind, key, section key, deck id) of the new list and pair cards that ask for the point of
    head card `head_id` (none when it is not a head card); with `waiting`, only those not entered yet."""
    return related_many(conn, [head_id], waiting=waiting)


def related_many(conn: Conn, head_ids: Sequence[int], *, waiting: bool = False) -> list[tuple[int, str, str, str, int]]:
    """`related` for several head cards at once (one statement), each card once."""
    params: dict[str, Any] = {}
    sql = _RELATED.format(heads=_in("h", list(dict.fromkeys(head_ids)), params)) + (_WAITING if waiting else "")
    out: dict[int, tuple[int, str, str, str, int]] = {}
    for card_id, kind, key, skey, section, deck_id in _rows(conn, sql, params):
        if (kind == CardKind.LIST and skey == section) or (
            kind == CardKind.PAIR and (skey == section or paired_section(key) == section)
        ):
            out.setdefault(card_id, (card_id, kind, key, skey, deck_id))
    return list(out.values())


def heads_of(conn: Conn, deck_id: int, sections: Iterable[str]) -> dict[str, list[tuple[int, int, int, int]]]:
    """Per section, (card id, queue, reps, lapses) of its live head cards."""
    keys = sorted(set(sections))
    if not keys:
        return {}
    params: dict[str, Any] = {"deck": deck_id}
    rows = _rows(
        conn,
        "SELECT c.section_key, c.id, s.queue, s.reps, s.lapses FROM cards c JOIN card_state s ON s.card_id = c.id"
        f" WHERE c.deck_id = :deck AND c.section_key IN {_in('k', keys, params)} AND c.kind = '{CardKind.HEAD}'"
        " AND NOT c.retired",
        params,
    )
    out: dict[str, list[tuple[int, int, int, int]]] = defaultdict(list)
    for skey, card_id, queue, reps, lapses in rows:
        out[skey].append((card_id, queue, reps, lapses))
    return out


def _known(queue: int, reps: int, lapses: int) -> bool:
    return queue != _NEW and (reps > 0 or lapses > 0)


def on_known(conn: Conn, card_id: int, today: int) -> int:
    """A head card just became known on `today`: the new list and pair cards whose points are now all
    known enter tomorrow. Returns how many were marked.

    One statement when no list or pair card waits on the card's point (none, or all entered already);
    then one more for their points' head cards, and an UPDATE per card marked.
    """
    return on_known_many(conn, [card_id], today)


def on_known_many(conn: Conn, card_ids: Sequence[int], today: int) -> int:
    """`on_known` for head cards that became known in one transaction (a list answer's points), after all
    of their answers are written: the same statements as for one card."""
    if not card_ids:
        return 0
    marked = 0
    by_deck: dict[int, dict[int, set[str]]] = defaultdict(dict)
    for cid, _, key, skey, deck_id in related_many(conn, card_ids, waiting=True):
        by_deck[deck_id][cid] = {skey, *([p] if (p := paired_section(key)) else [])}
    for deck_id, wants in by_deck.items():
        heads = heads_of(conn, deck_id, {s for ss in wants.values() for s in ss})
        for cid, sections in wants.items():
            points = [h for s in sections for h in heads.get(s, [])]
            if points and all(_known(q, r, lapses) for _, q, r, lapses in points):
                conn.execute(_MARK, {"day": today + 1, "id": cid})
                marked += 1
    return marked


def on_unknown(conn: Conn, card_id: int) -> None:
    """A head card is no longer known (its first passing answer was undone): its lists wait again."""
    for cid, *_ in related(conn, card_id):
        conn.execute(text(f"UPDATE card_state SET due_day = 0 WHERE card_id = :id AND queue = {_NEW}"), {"id": cid})


def expected_days(
    cards: Mapping[int, tuple[str, str, str, int]], first_known: Mapping[int, tuple[int, int]]
) -> dict[int, int]:
    """For `trainer db replay`: the entry day every list and pair card should hold while new.

    Args:
        cards: Every card not retired: id -> (kind, key, section key, deck id).
        first_known: Head card id -> (log id, study day) of the answer that first made it known.
    """
    heads: dict[tuple[int, str], list[int]] = defaultdict(list)
    for cid, (kind, _, skey, deck_id) in cards.items():
        if kind == CardKind.HEAD:
            heads[(deck_id, skey)].append(cid)
    out = {}
    for cid, (kind, key, skey, deck_id) in cards.items():
        if kind not in (CardKind.LIST, CardKind.PAIR):
            continue
        sections = [skey, *([p] if kind == CardKind.PAIR and (p := paired_section(key)) else [])]
        points = [h for s in sections for h in heads.get((deck_id, s), [])]
        out[cid] = ready_day(first_known.get(h) for h in points) if points else 0
    return out
