"""Keeping list and pair cards' entry days and reading a list's points; the rules are `trainer.sched.lists`.

A new list or pair card holds in `card_state.due_day` the day it may enter the plan (0: not yet).
It is set in the transaction of the answer that made the last of its points known, and cleared
when an undo takes such an answer back. `trainer db replay` rebuilds it from the log (`expected`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, text
from sqlalchemy.orm import Session

from trainer.core.cards import CardKind, paired_section
from trainer.sched.lists import ready_day
from trainer.sched.state import Queue

_NEW = int(Queue.NEW)

Conn = Session | Connection


def _rows(conn: Conn, sql: str, params: Mapping[str, Any]) -> Sequence[Any]:
    return conn.execute(text(sql), dict(params)).all()


def _in(name: str, values: Sequence[Any], params: dict[str, Any]) -> str:
    keys = []
    for i, v in enumerate(values):
        params[f"{name}{i}"] = v
        keys.append(f":{name}{i}")
    return "(" + ", ".join(keys) + ")"


def related(conn: Conn, deck_id: int, section: str) -> list[tuple[int, str, str]]:
    """(card id, kind, key) of the new list and pair cards that ask for the points of `section`."""
    params: dict[str, Any] = {"deck": deck_id, "sec": section}
    topic = _rows(conn, "SELECT topic FROM notes WHERE deck_id = :deck AND section_key = :sec LIMIT 1", params)
    sections = {section}
    if topic:
        params["topic"] = topic[0][0]
        sections |= {
            r[0]
            for r in _rows(
                conn, "SELECT DISTINCT section_key FROM notes WHERE deck_id = :deck AND topic = :topic", params
            )
        }
    q: dict[str, Any] = {"deck": deck_id}
    rows = _rows(
        conn,
        "SELECT c.id, c.kind, c.key, c.section_key FROM cards c JOIN card_state s ON s.card_id = c.id"
        f" WHERE c.deck_id = :deck AND c.section_key IN {_in('k', sorted(sections), q)}"
        f" AND c.kind IN ('{CardKind.LIST}', '{CardKind.PAIR}') AND s.queue = {_NEW} AND NOT c.retired",
        q,
    )
    out = []
    for card_id, kind, key, skey in rows:
        if (kind == CardKind.LIST and skey == section) or (
            kind == CardKind.PAIR and (skey == section or paired_section(key) == section)
        ):
            out.append((card_id, kind, key))
    return out


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


def _sections_of(conn: Conn, card_ids: Sequence[int]) -> dict[int, str]:
    params: dict[str, Any] = {}
    return dict(_rows(conn, f"SELECT id, section_key FROM cards WHERE id IN {_in('c', card_ids, params)}", params))


def _known(queue: int, reps: int, lapses: int) -> bool:
    return queue != _NEW and (reps > 0 or lapses > 0)


def on_known(conn: Conn, card_id: int, today: int) -> int:
    """A head card just became known on `today`: the new list and pair cards whose points are now all
    known enter tomorrow. Returns how many were marked."""
    head = _rows(conn, "SELECT deck_id, kind, section_key FROM cards WHERE id = :id", {"id": card_id})
    if not head or head[0][1] != CardKind.HEAD:
        return 0
    deck_id, _, section = head[0]
    cards = related(conn, deck_id, section)
    if not cards:
        return 0
    own = _sections_of(conn, [c for c, _, _ in cards])
    wants = {cid: {own[cid], *([p] if (p := paired_section(key)) else [])} for cid, _, key in cards}
    heads = heads_of(conn, deck_id, {s for ss in wants.values() for s in ss})
    marked = 0
    for cid, sections in wants.items():
        points = [h for s in sections for h in heads.get(s, [])]
        if points and all(_known(q, r, lapses) for _, q, r, lapses in points):
            conn.execute(
                text(f"UPDATE card_state SET due_day = :day WHERE card_id = :id AND queue = {_NEW} AND due_day = 0"),
                {"day": today + 1, "id": cid},
            )
            marked += 1
    return marked


def on_unknown(conn: Conn, card_id: int) -> None:
    """A head card is no longer known (its first passing answer was undone): its lists wait again."""
    head = _rows(conn, "SELECT deck_id, kind, section_key FROM cards WHERE id = :id", {"id": card_id})
    if not head or head[0][1] != CardKind.HEAD:
        return
    deck_id, _, section = head[0]
    for cid, _, _ in related(conn, deck_id, section):
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
