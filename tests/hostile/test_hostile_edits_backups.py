"""An in-app edit never writes over a deck file that is not the deck that was synced; a backup of a broken
database is never kept, the older good ones stay, and the learner is told at start-up."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.conftest import FIXED_NOW
from tests.hostile.conftest import Seeded, assert_one_line_error, changed, integrity, replay_ok, seed_deck, tree
from trainer.deckfile import decks
from trainer.services.database import open_default_store
from trainer.services.edits import save_edits
from trainer.store.models import CardRow


def _edit_first_point(head: str = "人才队伍建设不完善"):
    engine = open_default_store(daily_backup=False)
    try:
        pid = seed_deck().points()[0][2].id
        with Session(engine) as s:
            card_id = s.scalars(select(CardRow.id).where(CardRow.key == f"{pid}:head")).one()
        return save_edits(engine, card_id, [(pid, head, "改后的说明")], now=FIXED_NOW)
    finally:
        engine.dispose()


HAND_EDITS = {
    # The case: a new point written by hand, a comment, and a YAML typo.
    "new-point-and-typo": lambda t: (
        t.replace("topics:", "# 我的批注\ntopics:") + "      - head: 手写的新要点\n        body: [未闭合\n"
    ),
    "valid-unsynced-point": lambda t: t + "      - head: 手写的新要点\n        body: 手写的说明\n",
    "other-deck": lambda t: t.replace("deck: 测试卡组", "deck: 另一个卡组"),
    "not-utf8": lambda t: t.encode("utf-8").decode("latin-1"),
    "emptied": lambda t: "",
}


@pytest.mark.parametrize("kind", list(HAND_EDITS))
def test_an_edit_never_writes_over_a_deck_file_changed_since_its_sync(seeded: Seeded, kind: str) -> None:
    text = seeded.deck_file.read_text(encoding="utf-8")
    changed_text = HAND_EDITS[kind](text)
    encoding = "latin-1" if kind == "not-utf8" else "utf-8"
    seeded.deck_file.write_bytes(changed_text.encode("utf-8") if encoding == "utf-8" else text.encode("utf-16"))
    hand = seeded.deck_file.read_bytes()

    saved = _edit_first_point()

    assert seeded.deck_file.read_bytes() == hand  # the learner's work is all still there
    assert saved.path != seeded.deck_file and saved.path.parent == seeded.home / "decks"
    assert saved.left_alone == seeded.deck_file
    assert str(seeded.deck_file) in saved.message and str(saved.path) in saved.message
    assert decks.load(saved.path).points()[0][2].head == "人才队伍建设不完善"
    assert os.stat(saved.path).st_mode & 0o077 == 0


def test_an_edit_of_the_synced_file_is_written_in_place(seeded: Seeded) -> None:
    saved = _edit_first_point()
    assert saved.path == seeded.deck_file and saved.left_alone is None
    assert decks.load(seeded.deck_file).points()[0][2].head == "人才队伍建设不完善"


def test_an_unreadable_deck_file_is_left_alone(seeded: Seeded) -> None:
    if os.geteuid() == 0:
        seeded.deck_file.write_bytes(b"\xff\xfe\x00garbage")  # root reads everything: make it unparseable
    else:
        seeded.deck_file.chmod(0)
    saved = _edit_first_point()
    assert saved.left_alone == seeded.deck_file and saved.path != seeded.deck_file


def _corrupt_live_database(db: Path, table: str = "card_state") -> None:
    """Overwrite a page of `table` in place: SQLite still opens the file, integrity_check fails."""
    con = sqlite3.connect(db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    page = con.execute("PRAGMA page_size").fetchone()[0]
    con.close()
    with db.open("r+b") as fh:
        fh.seek((root - 1) * page + 8)
        fh.write(b"\x07" * 64)


def test_a_backup_of_a_broken_database_is_not_kept(seeded: Seeded, run) -> None:
    _corrupt_live_database(seeded.db)
    assert integrity(seeded.db) != ["ok"]
    before = tree(seeded.home / "backups")
    ran = run("backup")
    assert_one_line_error(ran, "integrity check", "no backup was kept")
    assert not changed(before, tree(seeded.home / "backups"))


def test_a_failed_daily_backup_keeps_the_older_ones_and_says_so_at_start(
    seeded: Seeded, run, monkeypatch: pytest.MonkeyPatch
) -> None:
    from trainer.store import snapshots

    for n in range(snapshots.KEEP_DAILY):  # a week of good dailies
        (seeded.home / "backups" / f"trainer-2026110{n}T090000-daily.db").write_bytes(seeded.backup.read_bytes())
    for p in (seeded.home / "backups").glob("*-daily.db"):
        if p.name.startswith("trainer-2026120"):
            p.unlink()  # today's: so the next start takes one
    _corrupt_live_database(seeded.db)
    before = tree(seeded.home / "backups")
    ran = run("leeches")  # any command: the daily backup runs on start
    assert "daily backup failed" in ran.err and "older backups are untouched" in ran.err
    assert "Traceback" not in ran.err
    assert not changed(before, tree(seeded.home / "backups"))
    assert not list((seeded.home / "backups").glob(".*tmp*"))


def test_an_interrupted_backup_leaves_no_temp_file(seeded: Seeded, run, monkeypatch: pytest.MonkeyPatch) -> None:
    from trainer.store import snapshots

    real = snapshots._connect

    class Interrupted:
        """The database connection, interrupted (Ctrl+C) in the middle of the copy."""

        def __init__(self, con: sqlite3.Connection) -> None:
            self.con = con

        def backup(self, target: sqlite3.Connection) -> None:
            target.execute("CREATE TABLE half (x)")
            raise KeyboardInterrupt

        def close(self) -> None:
            self.con.close()

    def connect(path: Path, what: str):
        con = real(path, what)
        return Interrupted(con) if what == "database" else con

    monkeypatch.setattr(snapshots, "_connect", connect)
    before = tree(seeded.home)
    ran = run("backup")
    assert ran.code == 130
    assert changed(before, tree(seeded.home)) <= {f"{seeded.db}-wal", f"{seeded.db}-shm"}


def test_stale_temp_files_from_a_crash_are_removed_at_the_next_start(seeded: Seeded, run) -> None:
    old = 1_000_000_000
    leftovers = [
        seeded.home / ".restore-abc.tmp",
        seeded.home / "backups" / ".trainer-x.db.tmp",
        seeded.home / "decks" / ".mine.yaml.q1w2.tmp",
        seeded.home / "tmp" / "import-xyz",
    ]
    (seeded.home / "tmp").mkdir(mode=0o700, exist_ok=True)
    leftovers[-1].mkdir()
    (leftovers[-1] / "collection.sqlite").write_bytes(b"x")
    for p in leftovers[:-1]:
        p.write_bytes(b"half")
    fresh = seeded.home / "decks" / ".other.yaml.now.tmp"  # another trainer at work right now: kept
    fresh.write_bytes(b"busy")
    for p in leftovers:
        os.utime(p, (old, old))
    ran = run("leeches")
    assert ran.code == 0, ran.err
    assert not any(p.exists() for p in leftovers)
    assert fresh.exists()
    replay_ok(run)
