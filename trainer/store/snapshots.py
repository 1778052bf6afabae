"""SQLite backups with the online backup API: make, prune, check and restore; no schema logic, no UI.

A backup is a consistent snapshot even while another process writes, because `sqlite3.Connection.backup`
copies every page in one step under a read transaction. Backups are private (mode 0600) files named
`trainer-<local time>-<reason>.db` in `$TRAINER_HOME/backups/`.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from trainer import paths
from trainer.deckfile.guard import check_input
from trainer.deckfile.staging import staged
from trainer.errors import StoreError

DAILY = "daily"
KEEP_DAILY = 7
BUSY_TIMEOUT_S = 10.0
_NAME = re.compile(r"^trainer-(\d{8}T\d{6})-([a-z0-9.-]+)\.db$")


def backups_dir() -> Path:
    """Where backups go: `backups/` in the data directory."""
    return paths.data_dir() / "backups"


@dataclass(frozen=True, slots=True)
class BackupFile:
    """One backup on disk."""

    path: Path
    stamp: str  # local time, YYYYmmddTHHMMSS
    reason: str  # daily, manual, pre-<revision>, pre-restore

    @property
    def day(self) -> str:
        """The local date it was taken, YYYYmmdd."""
        return self.stamp[:8]


def list_backups(directory: Path | None = None) -> list[BackupFile]:
    """Backups in `directory` (default: the backups folder), oldest first."""
    directory = directory or backups_dir()
    if not directory.is_dir():
        return []
    found = []
    for p in directory.iterdir():
        m = _NAME.match(p.name)
        if m and p.is_file():
            found.append(BackupFile(path=p, stamp=m.group(1), reason=m.group(2)))
    return sorted(found, key=lambda b: (b.stamp, b.path.name))


def _connect(path: Path, what: str) -> sqlite3.Connection:
    try:
        return sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open {what}: {exc}", path=path) from None


def _private_file(path: Path) -> None:
    paths.make_private_dirs(path.parent)
    fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    os.close(fd)


def copy_database(source: Path, target: Path) -> Path:
    """Snapshot the SQLite database `source` into a new file `target` (mode 0600), atomically.

    The copy is written to a temporary file (in trainer's scratch folder) and renamed into place, so `target` is
    either absent or a whole database. The copy uses the rollback journal, so it is one self-contained file.

    Raises:
        StoreError: `source` is missing or not a database, or `target` cannot be written.
    """
    source, target = Path(source), Path(target)
    if not source.is_file():
        raise StoreError("no database to back up", path=source)
    try:
        paths.make_private_dirs(target.parent)
    except OSError as exc:
        raise StoreError(f"cannot write backup: {exc.strerror or exc}", path=target) from None
    src = _connect(source, "database")
    try:
        # The copy takes shape in trainer's scratch folder and is renamed into the backups folder: a kill
        # leaves nothing there (`staging.staged`).
        with staged(target) as tmp:
            try:
                dst = _connect(tmp, "backup")
                try:
                    src.backup(dst)
                    dst.execute("PRAGMA journal_mode = DELETE")
                    # A copy of a damaged database is no backup: it would push a good one out of the last seven.
                    problems = [r[0] for r in dst.execute("PRAGMA integrity_check(5)")]
                finally:
                    dst.close()
            finally:
                for suffix in ("-wal", "-shm", "-journal"):
                    with contextlib.suppress(OSError):
                        os.unlink(f"{tmp}{suffix}")
            if problems != ["ok"]:
                raise StoreError(
                    "the database fails its integrity check (" + "; ".join(problems) + "); no backup was kept, "
                    "the older backups are untouched (see `trainer backup --list` and `trainer restore`)",
                    path=source,
                )
    except (sqlite3.Error, OSError) as exc:
        raise StoreError(
            f"backup failed ({exc}); no backup was kept, the older backups are untouched", path=source
        ) from None
    finally:
        src.close()
    return target


def backup_database(
    source: Path, *, reason: str = "manual", now: datetime | None = None, directory: Path | None = None
) -> Path:
    """Make a named backup of `source` in the backups folder and return its path.

    Args:
        source: The SQLite database file.
        reason: A word for the file name: manual, daily, pre-<revision>, pre-restore.
        now: When, for the file name (default: the current local time).
        directory: Where (default: `$TRAINER_HOME/backups`).
    """
    stamp = (now or datetime.now().astimezone()).astimezone().strftime("%Y%m%dT%H%M%S")
    directory = directory or backups_dir()
    target = directory / f"trainer-{stamp}-{reason}.db"
    n = 1
    while target.exists():  # two backups in one second keep both
        n += 1
        target = directory / f"trainer-{stamp}-{reason}.{n}.db"
    return copy_database(source, target)


def prune_daily(directory: Path | None = None, keep: int = KEEP_DAILY) -> list[Path]:
    """Delete all but the newest `keep` daily backups; other backups are never pruned. Returns the deleted."""
    daily = [b for b in list_backups(directory) if b.reason == DAILY]
    doomed = [b.path for b in daily[: max(0, len(daily) - keep)]]
    for p in doomed:
        p.unlink(missing_ok=True)
        p.with_name(p.name.removesuffix(".db") + ".decks.zip").unlink(missing_ok=True)  # its decks folder
    return doomed


def daily_backup(
    source: Path, *, now: datetime | None = None, directory: Path | None = None, keep: int = KEEP_DAILY
) -> Path | None:
    """Back up `source` unless a daily backup was already taken today (local date); keep the last `keep`.

    Returns:
        The new backup, or None when today's already exists or there is nothing to back up yet.
    """
    source = Path(source)
    if not source.is_file() or source.stat().st_size == 0:
        return None
    local = (now or datetime.now().astimezone()).astimezone()
    today = local.strftime("%Y%m%d")
    if any(b.reason == DAILY and b.day == today for b in list_backups(directory)):
        return None
    made = backup_database(source, reason=DAILY, now=local, directory=directory)
    prune_daily(directory, keep)
    return made


def private_temp(directory: Path, prefix: str) -> Path:
    """A new empty file (mode 0600) in `directory` for trainer's own work, named `.PREFIX-XXXX.tmp`."""
    paths.make_private_dirs(directory)
    fd, name = tempfile.mkstemp(prefix=f".{prefix}-", suffix=".tmp", dir=directory)
    os.close(fd)
    return Path(name)


def remove_database_file(path: Path) -> None:
    """Delete a SQLite file and any side files it left (-wal, -shm, -journal)."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(OSError):
            os.unlink(f"{path}{suffix}")


def check_database(path: Path) -> str | None:
    """Refuse a file that is not a sound trainer database; return its schema revision.

    `path` is opened as a file name, never as a URI (`#` and `?` are characters of a name). Check a
    copy that nobody else can change, as `restore_database` does, when the bytes checked must be
    the bytes used.

    Raises:
        StoreError: missing, not SQLite, failing `PRAGMA integrity_check`, or without trainer's tables.
    """
    path = Path(path)
    if not path.is_file():
        raise StoreError("no such backup file", path=path)
    with path.open("rb") as fh:
        if fh.read(16) != b"SQLite format 3\x00":
            raise StoreError("not a SQLite database; refusing to restore it", path=path)
    try:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S)
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open backup: {exc}", path=path) from None
    try:
        conn.execute("PRAGMA query_only = ON")
        problems = [r[0] for r in conn.execute("PRAGMA integrity_check(5)")]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        revision = None
        if "alembic_version" in tables:
            revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"backup is corrupt ({exc}); refusing to restore it", path=path) from None
    finally:
        conn.close()
    if problems != ["ok"]:
        raise StoreError(
            "backup is corrupt (integrity check: " + "; ".join(problems) + "); refusing to restore it", path=path
        )
    missing = {"alembic_version", "cards", "card_state", "review_log"} - tables
    if missing:
        raise StoreError(f"not a trainer database (no {', '.join(sorted(missing))}); refusing to restore it", path=path)
    return revision[0] if revision else None


def _copy_in(backup: Path, work: Path) -> None:
    """Copy the bytes of the backup the learner named into our private `work` file."""
    check_input(backup, StoreError)
    try:
        with backup.open("rb") as src, work.open("wb") as dst:
            shutil.copyfileobj(src, dst, 1 << 20)
    except OSError as exc:
        raise StoreError(f"cannot read backup: {exc.strerror or exc}", path=backup) from None


def restore_database(
    backup: Path, target: Path, *, known_revisions: tuple[str, ...] | None = None, directory: Path | None = None
) -> Path | None:
    """Copy `backup` into a private file beside `target`, check that copy, save the current `target` as a
    pre-restore backup, then copy the checked file over `target`.

    The bytes checked are the bytes restored: the learner's file is read once, into a file only
    trainer writes. The last copy goes through the online backup API into the live database, so other
    connections see either the old or the restored content, never a mix (and no stale -wal survives).

    Returns:
        The pre-restore backup of the database that was replaced (None if there was none).

    Raises:
        StoreError: the backup fails its checks (nothing is changed), or the copy fails.
    """
    backup, target = Path(backup), Path(target)
    try:
        work = private_temp(paths.private_work_dir(), "restore")  # where the next start removes a kill's leftover
    except OSError as exc:
        raise StoreError(f"cannot restore: {exc.strerror or exc}", path=target) from None
    try:
        _copy_in(backup, work)
        try:
            revision = check_database(work)
        except StoreError as exc:
            raise StoreError(exc.message, path=backup) from None
        if known_revisions is not None and revision not in known_revisions:
            raise StoreError(
                f"backup has schema {revision!r}, newer than this trainer knows; upgrade trainer first", path=backup
            )
        saved = None
        if target.is_file() and target.stat().st_size > 0:
            saved = backup_database(target, reason="pre-restore", directory=directory)
        else:
            _private_file(target)
        src = _connect(work, "backup")
        try:
            dst = _connect(target, "database")
            try:
                src.backup(dst)
            finally:
                dst.close()
        except sqlite3.Error as exc:
            raise StoreError(f"restore failed: {exc}", path=target) from None
        finally:
            src.close()
    finally:
        remove_database_file(work)
    return saved
