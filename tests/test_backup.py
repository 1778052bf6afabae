"""Backups: online snapshots while a writer runs, daily rotation, restore checks and refusal of corrupt files."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
import time
from contextlib import closing
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from dateutil import tz
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tests.conftest import FIXED_NOW, make_deck
from trainer import cli
from trainer.errors import StoreError
from trainer.services.database import open_default_store
from trainer.store.migrate import HEAD, backup_before_migration
from trainer.store.models import CardRow, DeckRow
from trainer.store.snapshots import (
    backup_database,
    backups_dir,
    check_database,
    daily_backup,
    list_backups,
    restore_database,
)
from trainer.store.sync import sync_deck

SHANGHAI = tz.gettz("Asia/Shanghai")


def _count(path: Path, table: str) -> int:
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def _home_store(home: Path, deck_name: str = "测试卡组") -> Path:
    engine = open_default_store(daily_backup=False)
    with Session(engine) as s, s.begin():
        sync_deck(s, make_deck(name=deck_name), path="/d.yaml", content_hash=deck_name, now=FIXED_NOW)
    engine.dispose()
    return home / "trainer.db"


def test_backup_is_private_and_complete(_isolated_home: Path):
    db = _home_store(_isolated_home)
    out = backup_database(db)
    assert out.parent == _isolated_home / "backups" == backups_dir()
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert _count(out, "cards") == _count(db, "cards") == 4
    assert check_database(out) == HEAD
    # A self-contained file: no WAL beside it, rollback journal mode.
    assert not Path(f"{out}-wal").exists()
    with closing(sqlite3.connect(out)) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"


def test_backup_sees_uncheckpointed_wal_writes(_isolated_home: Path):
    db = _home_store(_isolated_home)
    writer = sqlite3.connect(db)
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    writer.execute("INSERT INTO decks (name, path, content_hash, scheduler) VALUES ('只在WAL里', '', '', 'sm2')")
    writer.commit()
    try:
        assert Path(f"{db}-wal").stat().st_size > 0
        out = backup_database(db)
        assert _count(out, "decks") == 2
    finally:
        writer.close()


WRITER = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], timeout=10, isolation_level=None)
conn.execute("PRAGMA journal_mode = WAL")
for i in range(int(sys.argv[2])):
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("INSERT INTO a (v) VALUES (?)", (i,))
    conn.execute("INSERT INTO b (v) VALUES (?)", (i,))
    conn.execute("COMMIT")
    if i == 0:
        print("ready", flush=True)
"""


def test_backup_while_another_process_writes(tmp_path: Path):
    db = tmp_path / "busy.db"
    with closing(sqlite3.connect(db)) as conn:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("CREATE TABLE a (v INTEGER)")
        conn.execute("CREATE TABLE b (v INTEGER)")
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(db), "20000"], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        seen = []
        deadline = time.monotonic() + 20
        while proc.poll() is None and len(seen) < 8 and time.monotonic() < deadline:
            # `ready` comes after the first commit, so every snapshot taken before the writer ends is mid-write.
            out = backup_database(db, directory=tmp_path / "backups")
            with closing(sqlite3.connect(out)) as snap:
                assert snap.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
                a, b = (snap.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in "ab")
            assert a == b  # each writer transaction fills both tables: a snapshot never holds half of one
            seen.append(a)
        assert seen == sorted(seen)
        assert any(0 < n < 20000 for n in seen), f"no snapshot was taken mid-write: {seen}"
    finally:
        proc.kill()
        proc.wait()
        proc.stdout.close()


def test_daily_backup_once_a_day_keeps_last_seven(_isolated_home: Path):
    db = _home_store(_isolated_home)
    start = datetime(2026, 11, 1, 9, 0, tzinfo=SHANGHAI)
    manual = backup_database(db, now=start - timedelta(days=30))
    made = [daily_backup(db, now=start + timedelta(days=d)) for d in range(10)]
    assert all(made)
    assert daily_backup(db, now=start + timedelta(days=9, hours=5)) is None  # same day: none
    daily = [b for b in list_backups() if b.reason == "daily"]
    assert [b.path for b in daily] == made[3:]
    assert manual.exists()  # only daily backups are pruned


def test_open_default_store_backs_up_once_a_day(_isolated_home: Path):
    _home_store(_isolated_home)
    open_default_store().dispose()
    open_default_store().dispose()
    assert [b.reason for b in list_backups()] == ["daily"]


def test_backup_before_migration_uses_the_backups_folder(engine, tmp_path: Path, _isolated_home: Path):
    out = backup_before_migration(engine, "0001")
    assert out is not None and out.parent == _isolated_home / "backups"
    assert out.name.endswith("-pre-0001.db")
    assert check_database(out) == HEAD


def test_restore_replaces_the_store_and_saves_the_old_one(_isolated_home: Path, capsys):
    db = _home_store(_isolated_home)
    assert cli.main(["backup"]) == 0
    (good,) = list_backups()
    engine = open_default_store(daily_backup=False)
    with Session(engine) as s, s.begin():
        sync_deck(s, make_deck(name="后来的卡组"), path="/e.yaml", content_hash="e", now=FIXED_NOW)
    engine.dispose()
    assert _count(db, "decks") == 2
    capsys.readouterr()
    assert cli.main(["restore", str(good.path)]) == 0
    assert "restored" in capsys.readouterr().out
    engine = open_default_store(daily_backup=False)
    with Session(engine) as s:
        assert s.scalars(select(DeckRow.name)).all() == ["测试卡组"]
        assert s.scalar(select(func.count()).select_from(CardRow)) == 4
    engine.dispose()
    (saved,) = [b for b in list_backups() if b.reason == "pre-restore"]
    assert _count(saved.path, "decks") == 2


def _corrupt_copy(src: Path, dst: Path) -> Path:
    data = bytearray(src.read_bytes())
    page = 4096
    assert len(data) > 3 * page
    for i in range(page + 100, 3 * page - 100):  # smash the b-tree pages after the header page
        data[i] = 0x5A
    dst.write_bytes(bytes(data))
    return dst


@pytest.mark.parametrize("kind", ["garbage", "damaged", "not-trainer", "missing"])
def test_restore_refuses_a_bad_file(kind: str, _isolated_home: Path, tmp_path: Path, capsys):
    db = _home_store(_isolated_home)
    before = db.read_bytes()
    bad = tmp_path / f"{kind}.db"
    if kind == "garbage":
        bad.write_bytes(b"SQLite format 3\x00" + os.urandom(8192))
    elif kind == "damaged":
        good = backup_database(db, directory=tmp_path)
        _corrupt_copy(good, bad)
    elif kind == "not-trainer":
        with closing(sqlite3.connect(bad)) as conn:
            conn.execute("CREATE TABLE notes (x)")
            conn.commit()
    assert cli.main(["restore", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"trainer: error: {bad}: ")
    expected = {
        "garbage": "corrupt",
        "damaged": "corrupt",
        "not-trainer": "not a trainer database",
        "missing": "no such",
    }
    assert expected[kind] in err
    assert db.read_bytes() == before
    assert list_backups() == []  # refused before anything was written


def test_restore_refuses_a_newer_schema(_isolated_home: Path, tmp_path: Path):
    db = _home_store(_isolated_home)
    newer = backup_database(db, directory=tmp_path)
    with closing(sqlite3.connect(newer)) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
        conn.commit()
    with pytest.raises(StoreError, match="newer than this trainer"):
        restore_database(newer, db, known_revisions=("0001",))


def test_backup_of_a_non_sqlite_store_is_refused(monkeypatch, capsys):
    monkeypatch.setenv("TRAINER_DB", "postgresql+psycopg://u@localhost/trainer")
    assert cli.main(["backup"]) == 2
    assert "SQLite database only" in capsys.readouterr().err
