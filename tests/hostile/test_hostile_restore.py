"""`trainer restore` checks exactly the bytes it copies: names with `#` or `?` are paths, never URIs; a
corrupt, truncated, foreign or special file is refused with the live database untouched and no stray file."""

from __future__ import annotations

import os
import shutil
import sqlite3
import threading
from pathlib import Path

import pytest

from tests.hostile.conftest import (
    assert_one_line_error,
    changed,
    db_content,
    integrity,
    replay_ok,
    run_process,
    tree,
)


def _corrupt_copy(good: Path, target: Path) -> Path:
    """`good` with every page after the first overwritten inside: still SQLite by its header (page 1, the
    schema, is whole), failing integrity_check whatever tables the schema has (the last page alone may be
    a free or an empty table's page)."""
    data = bytearray(good.read_bytes())
    page = int.from_bytes(data[16:18], "big") or 65536
    for start in range(page, len(data), page):
        data[start + 8 : start + page - 8] = b"\xa5" * (page - 16)
    target.write_bytes(bytes(data))
    return target


@pytest.mark.parametrize("suffix", ["#evil", "?mode=memory", "#", "?"], ids=["hash", "query", "bare-hash", "bare-q"])
def test_a_corrupt_backup_whose_name_looks_like_a_uri_is_checked_itself_and_refused(
    seeded, run, tmp_path: Path, suffix: str
) -> None:
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    good = folder / "good.db"
    shutil.copy(seeded.backup, good)  # the file a URI reading of the name would check instead
    evil = _corrupt_copy(seeded.backup, folder / f"good.db{suffix}")
    assert integrity(evil) != ["ok"]
    content = db_content(seeded.db)
    before = tree(seeded.home, folder)

    ran = run("restore", evil)

    assert_one_line_error(ran, "corrupt", "refusing")
    assert not changed(before, tree(seeded.home, folder)) - {f"{seeded.db}-wal", f"{seeded.db}-shm"}
    assert db_content(seeded.db) == content


@pytest.mark.parametrize("folder_name", ["C#", "a?b", "x#y?z", "空 格#"], ids=["C#", "question", "both", "cjk-space"])
def test_a_good_backup_in_an_oddly_named_folder_restores_and_leaves_no_stray_file(
    seeded, run, tmp_path: Path, folder_name: str
) -> None:
    folder = tmp_path / folder_name
    folder.mkdir()
    backup = folder / "trainer-copy.db"
    shutil.copy(seeded.backup, backup)
    before_outside = tree(tmp_path / folder_name, tmp_path)
    ran = run("restore", backup)
    assert ran.code == 0, ran.err
    assert "restored" in ran.out
    # Nothing appeared beside the backup (a URI reading of `C#/x.db` creates a file `C`).
    after_outside = tree(tmp_path / folder_name, tmp_path)
    assert {k for k in changed(before_outside, after_outside) if not k.startswith(str(seeded.home))} == set()
    assert integrity(seeded.db) == ["ok"]
    replay_ok(run)
    assert not list(seeded.home.glob(".restore-*"))


def _not_trainer(path: Path) -> Path:
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()
    return path


BAD_BACKUPS = {
    "text": lambda p: (p.write_text("not a database\n"), p)[1],
    "empty": lambda p: (p.write_bytes(b""), p)[1],
    "truncated": lambda p: (p.write_bytes(Path(os.environ["SEEDED_BACKUP"]).read_bytes()[:3000]), p)[1],
    "header-only": lambda p: (p.write_bytes(b"SQLite format 3\x00" + b"\x00" * 84), p)[1],
    "not-trainer": _not_trainer,
    "folder": lambda p: (p.mkdir(), p)[1],
    "missing": lambda p: p,
}


@pytest.mark.parametrize("kind", list(BAD_BACKUPS))
def test_a_bad_backup_is_refused_and_nothing_changes(
    seeded, run, tmp_path: Path, kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SEEDED_BACKUP", str(seeded.backup))
    bad = BAD_BACKUPS[kind](tmp_path / "bad.db")
    before = tree(seeded.home)
    content = db_content(seeded.db)
    ran = run("restore", bad)
    assert_one_line_error(ran, str(bad))
    assert changed(before, tree(seeded.home)) <= {f"{seeded.db}-wal", f"{seeded.db}-shm"}
    assert db_content(seeded.db) == content


@pytest.mark.parametrize("special", ["fifo", "/dev/zero", "/dev/null"])
def test_restore_from_a_fifo_or_device_is_refused_at_once(seeded, tmp_path: Path, special: str) -> None:
    if special == "fifo":
        path = tmp_path / "backup.db"
        os.mkfifo(path)
    else:
        path = Path(special)
    before = tree(seeded.home)
    ran = run_process(["restore", path], seeded.home, timeout=30)
    assert_one_line_error(ran, "not a regular file" if special != "missing" else "")
    assert changed(before, tree(seeded.home)) <= {f"{seeded.db}-wal", f"{seeded.db}-shm"}


def test_a_backup_changed_while_it_is_restored_cannot_slip_past_the_check(seeded, run, tmp_path: Path) -> None:
    """The check runs on trainer's private copy: a file swapped after it was read is never used."""
    from trainer.store import snapshots

    backup = tmp_path / "swap.db"
    shutil.copy(seeded.backup, backup)
    real_check = snapshots.check_database
    checked: list[Path] = []

    def check_then_swap(path: Path) -> str | None:
        checked.append(Path(path))
        revision = real_check(path)
        _corrupt_copy(seeded.backup, backup)  # the learner's file turns bad after the check
        return revision

    snapshots.check_database = check_then_swap  # type: ignore[assignment]
    try:
        ran = run("restore", backup)
    finally:
        snapshots.check_database = real_check  # type: ignore[assignment]
    assert ran.code == 0, ran.err
    assert checked and checked[0].parent == seeded.home / "tmp" and checked[0] != backup  # trainer's own copy
    assert integrity(seeded.db) == ["ok"]
    replay_ok(run)


def test_restore_runs_beside_a_reader_and_leaves_a_sound_database(seeded, run, tmp_path: Path) -> None:
    backup = tmp_path / "b.db"
    shutil.copy(seeded.backup, backup)
    stop = threading.Event()

    def read() -> None:
        con = sqlite3.connect(seeded.db, timeout=10)
        while not stop.is_set():
            con.execute("SELECT count(*) FROM review_log").fetchone()
        con.close()

    reader = threading.Thread(target=read)
    reader.start()
    try:
        ran = run("restore", backup)
    finally:
        stop.set()
        reader.join()
    assert ran.code == 0, ran.err
    assert integrity(seeded.db) == ["ok"]
