"""The learner's database for the CLI and the TUI: open it (migrated, backed up once a day), back it up now,
or restore a backup; no UI."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from trainer import paths
from trainer.errors import TrainerError

if TYPE_CHECKING:
    from sqlalchemy import Engine


def _sqlite_store() -> Path | None:
    from trainer.store.lite import sqlite_file

    url = paths.db_url()
    path = sqlite_file(url)  # a plain `sqlite:///file` URL, read without importing SQLAlchemy
    if path is not None:
        return path
    from trainer.store.engine import sqlite_path

    return sqlite_path(url)


def _require_sqlite(action: str) -> Path:
    path = _sqlite_store()
    if path is None:
        raise TrainerError(f"{action} works on a SQLite database only; use your server's own tools (e.g. pg_dump)")
    return path


def backup_today() -> Path | None:
    """The automatic daily backup of a SQLite store (none for other databases or when today's exists)."""
    from trainer.store.snapshots import daily_backup

    path = _sqlite_store()
    return daily_backup(path) if path is not None else None


def backup_now() -> Path:
    """Back up the store now (online backup API) into the backups folder; returns the file."""
    from trainer.store.snapshots import backup_database

    path = _require_sqlite("backup")
    open_default_store(daily_backup=False).dispose()  # a store that does not exist yet is created first
    return backup_database(path, reason="manual")


def restore_backup(backup: Path) -> Path | None:
    """Replace the store with a checked backup; the replaced store is saved first and that backup returned."""
    from trainer.store.revisions import REVISIONS
    from trainer.store.snapshots import restore_database

    path = _require_sqlite("restore")
    saved = restore_database(Path(backup), path, known_revisions=REVISIONS)
    open_default_store(daily_backup=False).dispose()  # migrate an older backup now, not at the next start
    return saved


def open_default_store(*, daily_backup: bool = True) -> Engine:
    """The store at $TRAINER_DB (default: trainer.db in the data directory), migrated.

    A SQLite store is also backed up once a day (the last 7 daily backups are kept).
    """
    from trainer.store import open_store

    engine = open_store(paths.db_url())
    if daily_backup:
        backup_today()
    return engine
