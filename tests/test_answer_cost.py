"""What an answer costs the database, without a clock: the statements the answer path runs and their plans.

Session 4's regression had this shape: a head card that became known looked up its topic's sections
with a DISTINCT that SQLite served by walking the whole deck's `ix_notes_section`, and a list card's
points were checked against the whole day's log through `ix_review_log_day`, so an answer's time grew
with the deck and the day (p95 88 ms at 100k points). SQLite plans these statements the same way
whatever the tables hold (the store keeps no statistics), so a small database shows the plan a big one
gets. Every statement is seen through sqlite3's trace hook, with its values bound.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, event, text
from sqlalchemy.orm import Session

from tests.conftest import FIXED_NOW, SHANGHAI
from trainer.core.cards import CardKind
from trainer.core.model import Deck, Point, Section, SectionKind, Topic, point_id
from trainer.services.config import Settings
from trainer.services.study import StudySession
from trainer.store import open_store
from trainer.store.handle import Store
from trainer.store.sync import sync_deck

# Tables that grow with the deck or the history; the others hold a row per deck or a few rows.
BIG = ("cards", "notes", "card_state", "review_log", "day_cards", "card_reset")


def document(topics: int = 3, cards: tuple[str, ...] | None = None) -> Deck:
    """Topics of a problems and a countermeasures section (paired) and a significance section."""
    out = []
    for t in range(topics):
        title = f"主题{t}"
        sections = []
        for kind, heading, n in (
            (SectionKind.SIGNIFICANCE, "重要意义", 3),
            (SectionKind.PROBLEMS, "存在的问题", 3),
            (SectionKind.COUNTERMEASURES, "对策建议", 3),
        ):
            points = tuple(
                Point(id=point_id(title, kind, f"{heading}{t}要点{k}"), head=f"{heading}{t}要点{k}", body=f"说明{t}{k}")
                for k in range(n)
            )
            sections.append(Section(kind, heading, points))
        out.append(Topic(title=title, sections=tuple(sections)))
    settings = {"cards": list(cards)} if cards else {}
    return Deck(name="申论", topics=tuple(out), sources=("doc.txt",), settings=settings)


class Trace:
    """Every statement run on the engine's connections (the drill's plain SQL included), while `on`."""

    def __init__(self, engine: Engine) -> None:
        self.on = False
        self.statements: list[str] = []
        event.listen(engine, "connect", self._connect)
        engine.dispose()  # connections made from now on are traced

    def _connect(self, dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.set_trace_callback(self._seen)

    def _seen(self, sql: str) -> None:
        if self.on:
            self.statements.append(sql)

    @contextmanager
    def watch(self) -> Iterator[list[str]]:
        self.statements = []
        self.on = True
        try:
            yield self.statements
        finally:
            self.on = False


def sync(engine: Engine, deck: Deck) -> None:
    with Session(engine) as s, s.begin():
        sync_deck(s, deck, path="/decks/doc.yaml", content_hash="h", now=FIXED_NOW)


def start(engine: Engine, now: datetime = FIXED_NOW) -> StudySession:
    return StudySession.start(Store(engine), [1], Settings(zone=SHANGHAI), lambda: now)


def plan_lines(path: Path, statements: list[str]) -> list[tuple[str, str]]:
    """(statement, plan line) of every statement that reads or writes a table."""
    con = sqlite3.connect(path)
    try:
        out = []
        for sql in dict.fromkeys(statements):
            if sql.split(None, 1)[0].upper() not in ("SELECT", "UPDATE", "INSERT", "DELETE", "WITH"):
                continue
            out += [(sql, row[-1]) for row in con.execute("EXPLAIN QUERY PLAN " + sql)]
        return out
    finally:
        con.close()


def whole_table_reads(path: Path, statements: list[str]) -> list[str]:
    """The plan lines that read a big table whole, a whole deck of it, or a whole day's answers."""
    bad = []
    for sql, line in plan_lines(path, statements):
        scanned = (
            line.startswith("SCAN ")
            and "CONSTANT ROW" not in line  # a constant, or the rows of a multi-row VALUES (a list answer's log rows)
            and not any(line.split()[1] == t for t in ("decks", "day_mark", "day_counts"))
        )
        if scanned or line.endswith("(deck_id=?)") or "ix_review_log_day" in line:
            bad.append(f"{line}  <-  {sql[:160]}")
    return bad


def traced(path: Path) -> tuple[Engine, Trace]:
    engine = open_store(f"sqlite:///{path}")
    return engine, Trace(engine)


def test_no_statement_of_the_answer_path_reads_a_whole_deck_or_day(tmp_path: Path):
    """Three days of answers, list and pair answers and an undo included: every statement the answers,
    the cards read as the queue reaches them and the undo run is a search of an index or a key."""
    engine, trace = traced(tmp_path / "t.db")
    sync(engine, document())
    now = FIXED_NOW
    kinds: set[str] = set()
    undone = False
    with trace.watch() as statements:
        for day in range(3):
            trace.on = False  # the day's plan (read once a session) is not the answer path
            session = start(engine, now)
            trace.on = True
            while (card := session.current()) is not None:
                kinds.add(card.card.kind)
                n = len(session.points())
                if n:
                    session.answer_list([4] * n, duration_ms=3000)
                else:
                    session.answer(4 if day or card.card_id % 3 else 2, duration_ms=1000)
                if day == 1 and not undone and len(session.done) == 5:
                    undone = session.undo()
            now += timedelta(days=1)
    engine.dispose()
    assert whole_table_reads(tmp_path / "t.db", statements) == []
    assert undone and {CardKind.HEAD, CardKind.LIST, CardKind.PAIR} <= kinds  # the lists entered: their paths ran
    assert any("FROM cards h" in s for s in statements)  # a head card became known
    assert any("+day" in s for s in statements)  # a list's points were checked against the day's log


@pytest.mark.parametrize(
    ("cards", "entered"),
    [(("head",), False), (("head", "list"), True)],
    ids=["no list", "list already entered"],
)
def test_a_head_card_becoming_known_costs_one_statement_when_no_list_waits_on_it(tmp_path: Path, cards, entered):
    """Its first passing answer runs one statement more than a failing one (which makes nothing known)."""
    counts = {}
    for quality in (1, 4):
        engine, trace = traced(tmp_path / f"q{quality}.db")
        sync(engine, document(topics=1, cards=cards))
        session = start(engine)
        if entered:  # the lists and pairs were let in (their points known yesterday): they enter tomorrow
            with engine.begin() as conn:
                conn.execute(
                    text(
                        "UPDATE card_state SET due_day = :d WHERE card_id IN (SELECT id FROM cards WHERE kind != 'head')"
                    ),
                    {"d": session.today + 1},
                )
        card = session.current()
        assert card is not None and card.card.kind == CardKind.HEAD and session.points() == ()
        with trace.watch() as statements:
            result = session.answer(quality, duration_ms=1000)
        engine.dispose()
        counts[quality] = len(statements)
        assert (result.after.reps > 0) == (quality == 4)  # only the passing answer made the card known
    assert counts[4] == counts[1] + 1


def test_an_answer_is_one_update_and_one_insert(tmp_path: Path):
    """An answer that makes nothing known, with its check that no other terminal answered the card since
    this session read it: one UPDATE (the check inside it) and one INSERT in one transaction."""
    engine, trace = traced(tmp_path / "t.db")
    sync(engine, document(topics=1))
    session = start(engine)
    assert session.current() is not None and session.points() == ()
    with trace.watch() as statements:
        session.answer(1, duration_ms=1000)
    engine.dispose()
    assert [s.split(None, 2)[:2] for s in statements] == [
        ["BEGIN", "IMMEDIATE"],
        ["UPDATE", "card_state"],
        ["INSERT", "INTO"],
        ["COMMIT"],
    ]
    assert "review_log" in statements[1] and "review_log" in statements[2]  # the check, then the log row


def test_a_list_answer_reads_nothing_and_logs_its_points_in_one_insert(tmp_path: Path):
    """A list card's points are read with the batch that reads the list card, so showing and answering it
    read nothing; its answer is the list's UPDATE (checked against answers given elsewhere), its points'
    UPDATEs (one executemany), one INSERT of every log row, then one look for the lists its points let in."""
    engine, trace = traced(tmp_path / "t.db")
    sync(engine, document(topics=1, cards=("head", "list")))
    session = start(engine)
    with engine.begin() as conn:  # the lists may enter today (as if their points were known yesterday)
        conn.execute(
            text("UPDATE card_state SET due_day = :d WHERE card_id IN (SELECT id FROM cards WHERE kind = 'list')"),
            {"d": session.today},
        )
    session = start(engine)
    while (card := session.current()) is not None and card.card.kind != CardKind.LIST:
        session.answer(4, duration_ms=1000)
    assert card is not None
    with trace.watch() as statements:
        points = session.points()
        assert statements == []  # read with the list card
        session.answer_list([4] * len(points), duration_ms=3000)
    engine.dispose()
    n = len(points)
    assert n == 3
    verbs = [" ".join(s.split(None, 2)[:2]) for s in statements]
    assert verbs[:2] == ["BEGIN IMMEDIATE", "UPDATE card_state"] and verbs[-1] == "COMMIT"
    assert verbs.count("UPDATE card_state") == 1 + n  # the list's, then its points' (one executemany)
    inserts = [s for s in statements if s.startswith("INSERT")]
    assert len(inserts) == 1 and inserts[0].count("),") == n  # 1 + n rows of VALUES in one statement
    assert not [s for s in statements if s.startswith("BEGIN") and "IMMEDIATE" not in s]  # no read transaction
    with Session(engine) as s:
        logged = s.execute(text("SELECT card_id, via_card_id FROM review_log ORDER BY id")).all()
    assert logged[-(n + 1) :] == [(card.card_id, None), *((cid, card.card_id) for cid, _ in points)]
    assert whole_table_reads(tmp_path / "t.db", statements) == []
