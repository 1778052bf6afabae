"""Backup services for the CLI and the TUI: back up the learner's store today, now, or restore one; no UI."""

from __future__ import annotations

from pathlib import Path

from trainer import paths
from trainer.errors import TrainerError


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
    from trainer.store.backup import daily_backup

    path = _sqlite_store()
    return daily_backup(path) if path is not None else None


def backup_now() -> Path:
    """Back up the store now (online backup API) into the backups folder; returns the file."""
    from trainer.library import open_default_store
    from trainer.store.backup import backup_database

    path = _require_sqlite("backup")
    open_default_store(daily_backup=False).dispose()  # a store that does not exist yet is created first
    return backup_database(path, reason="manual")


def restore_backup(backup: Path) -> Path | None:
    """Replace the store with a checked backup; the replaced store is saved first and that backup returned."""
    from trainer.library import open_default_store
    from trainer.store.backup import restore_database
    from trainer.store.revisions import REVISIONS

    path = _require_sqlite("restore")
    saved = restore_database(Path(backup), path, known_revisions=REVISIONS)
    open_default_store(daily_backup=False).dispose()  # migrate an older backup now, not at the next start
    return saved
