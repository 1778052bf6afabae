"""Reading an Anki collection is bounded in rows and in time: the tables read whole are capped in rows
and bytes, the tables it needs must be tables (a view could compute rows for ever), and any read that
runs past its time is interrupted; each is one clear line, exit 2, nothing written."""

from __future__ import annotations

import sqlite3
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.hostile.conftest import (
    Seeded,
    assert_one_line_error,
    db_content,
    integrity,
    make_apkg,
    replay_ok,
    stray,
    tree,
    write_collection,
)
from trainer.exchange import unpack


def _package(tmp_path: Path, change: Callable[[sqlite3.Connection], None], notes: int = 3) -> Path:
    col = tmp_path / "c.anki2"
    write_collection(col, [("卡组", [f"要点{i}", "说明"]) for i in range(notes)])
    con = sqlite3.connect(col)
    change(con)
    con.commit()
    con.close()
    pkg = tmp_path / "x.apkg"
    with zipfile.ZipFile(pkg, "w") as z:
        z.write(col, "collection.anki2")
        z.writestr("media", "{}")
    col.unlink()
    return pkg


# A view that counts for ever: reading it never ends, whatever LIMIT the count has after a filter.
_ENDLESS = (
    "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT x AS id, 1 AS mid, "
    "'a' || char(31) || 'b' AS flds, '' AS tags FROM n WHERE x < 0"
)


def _view_notes(con: sqlite3.Connection) -> None:
    con.execute("DROP TABLE notes")
    con.execute(f"CREATE VIEW notes AS {_ENDLESS}")


def _many_cards(con: sqlite3.Connection) -> None:
    con.executemany("INSERT INTO cards VALUES (?, 1, 100, ?)", [(5000 + i, i) for i in range(30)])


def _fat_notes(con: sqlite3.Connection) -> None:
    con.execute("UPDATE notes SET flds = ? WHERE id = 1", ("长" * 400 + "\x1f说明",))


def _fat_models(con: sqlite3.Connection) -> None:
    con.execute("UPDATE col SET models = ? ", ('{"1": {"name": "' + "x" * 3000 + '", "flds": []}}',))


def _many_decks(con: sqlite3.Connection) -> None:
    con.execute("CREATE TABLE decks (id INTEGER PRIMARY KEY, name TEXT)")
    con.execute("CREATE TABLE notetypes (id INTEGER PRIMARY KEY, name TEXT, config BLOB)")
    con.executemany("INSERT INTO decks VALUES (?, ?)", [(i, f"d{i}") for i in range(30)])


CASES = {
    "notes-is-an-endless-view": (_view_notes, "no notes table"),
    "too-many-cards": (_many_cards, "more than 20 cards"),
    "too-much-note-text": (_fat_notes, "MB of text"),
    "huge-note-types": (_fat_models, "note types or decks are over"),
    "too-many-decks": (_many_decks, "more than 20 rows in its decks table"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_collection_beyond_its_bounds_is_refused_in_one_line(
    seeded: Seeded, run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    for name, value in {
        "MAX_CARDS": 20,
        "MAX_SMALL_ROWS": 20,
        "MAX_NOTE_TEXT_BYTES": 1000,
        "MAX_JSON_BYTES": 2000,
    }.items():
        monkeypatch.setattr(unpack, name, value)
    change, word = CASES[case]
    pkg = _package(tmp_path, change)
    before, answers = tree(seeded.home, tmp_path), db_content(seeded.db)
    start = time.monotonic()
    ran = run("import", pkg)
    assert time.monotonic() - start < 30
    assert_one_line_error(ran, word)
    assert not stray(before, tree(seeded.home, tmp_path), seeded.home)
    assert db_content(seeded.db) == answers
    replay_ok(run)


def test_a_read_past_its_time_is_interrupted_in_one_line(
    seeded: Seeded, run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The clock bound itself: with no time allowed, the first query is interrupted (a crafted query plan
    would be interrupted the same way once its time ran out)."""
    monkeypatch.setattr(unpack, "READ_BASE_S", 0.0)
    monkeypatch.setattr(unpack, "READ_S_PER_MB", 0.0)
    pkg = _package(tmp_path, lambda con: None, notes=3000)
    before = tree(seeded.home, tmp_path)
    ran = run("import", pkg)
    assert_one_line_error(ran, "reading the Anki collection took over 0 s")
    assert not stray(before, tree(seeded.home, tmp_path), seeded.home)


def test_an_endless_view_read_by_a_real_query_is_stopped_by_the_clock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Even a table check passed (a view somewhere else the reader queries): the clock stops it."""
    monkeypatch.setattr(unpack, "READ_BASE_S", 1.0)
    db = sqlite3.connect(tmp_path / "c.db")
    db.execute(f"CREATE VIEW endless AS {_ENDLESS}")
    start = time.monotonic()
    with pytest.raises(unpack.DocumentError, match="took over 1 s"), unpack.time_bounded(db, tmp_path / "x.apkg"):
        db.execute("SELECT count(*) FROM endless").fetchone()
    assert time.monotonic() - start < 10


def test_a_history_over_its_bound_is_refused_but_the_notes_come_with_no_history(
    seeded: Seeded, run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(unpack, "MAX_REVIEWS", 5)
    pkg = make_apkg(tmp_path / "h.apkg", [("历史", [f"历史要点{i}", "说明"]) for i in range(3)], revlog=6)
    before, answers = tree(seeded.home, tmp_path), db_content(seeded.db)
    ran = run("import", pkg)
    assert_one_line_error(ran, "more than 5 answers", "--no-history")
    assert not stray(before, tree(seeded.home, tmp_path), seeded.home)
    ran = run("import", pkg, "--no-history")
    assert ran.code == 0, ran.err
    assert db_content(seeded.db) == answers  # no history written
    replay_ok(run)


def test_a_history_of_daily_passes_never_grows_an_interval_past_what_the_database_stores(
    seeded: Seeded, run, tmp_path: Path
) -> None:
    """200 passes on one card a day apart: SM-2 multiplied its interval by the ease each time, past 2^63
    ("unexpected OverflowError (a bug)"); an interval is now at most a century."""
    pkg = make_apkg(tmp_path / "h.apkg", [("历史", [f"历史要点{i}", "说明"]) for i in range(3)], revlog=200)
    ran = run("import", pkg)
    assert ran.code == 0, ran.err
    con = sqlite3.connect(seeded.db)
    longest = con.execute("SELECT max(interval) FROM card_state").fetchone()[0]
    con.close()
    assert longest <= 36_500
    assert integrity(seeded.db) == ["ok"]
    replay_ok(run)
