"""The learner's database for the CLI and the TUI: open it (migrated, backed up once a day), back it up now,
or restore a backup; no UI."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from trainer import paths
from trainer.errors import StoreError, TrainerError
from trainer.store import open_store
from trainer.store.handle import Store
from trainer.store.lite import open_current, sqlite_file
from trainer.store.revisions import REVISIONS

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from trainer.store.handle import Store


def _sqlite_store() -> Path | None:
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
    from trainer.services.deck_backup import archive_decks
    from trainer.store.snapshots import daily_backup

    path = _sqlite_store()
    made = daily_backup(path) if path is not None else None
    if made is not None:
        archive_decks(made)
    return made


def backup_now() -> Path:
    """Back up the store now (online backup API) into the backups folder; returns the file."""
    from trainer.store.snapshots import backup_database

    path = _require_sqlite("backup")
    from trainer.services.deck_backup import archive_decks

    open_default_store(daily_backup=False).dispose()  # a store that does not exist yet is created first
    made = backup_database(path, reason="manual")
    archive_decks(made)  # the decks folder beside it
    return made


def restore_backup(backup: Path) -> tuple[Path | None, bool]:
    """Replace the store with a checked backup, and the decks folder with the one saved beside it.

    Returns:
        The pre-restore backup of the replaced store and decks folder (None if there was no store),
        and whether the backup had a decks folder to put back (older backups have none).
    """
    from trainer.services.deck_backup import archive_decks, restore_decks
    from trainer.store.snapshots import restore_database

    path = _require_sqlite("restore")
    saved = restore_database(Path(backup), path, known_revisions=REVISIONS)
    if saved is not None:
        archive_decks(saved)
    decks_back = restore_decks(Path(backup))
    open_default_store(daily_backup=False).dispose()  # migrate an older backup now, not at the next start
    return saved, decks_back


def _in_memory(url: str) -> bool:
    """Whether `url` is a SQLite database that lives only as long as the process (`sqlite://`)."""
    if not url.startswith("sqlite") or sqlite_file(url) is not None:
        return False
    from trainer.store.engine import sqlite_path

    try:
        return sqlite_path(url) is None
    except Exception:  # a malformed URL: open_store says what is wrong with it
        return False


def open_default_store(*, daily_backup: bool = True) -> Engine:
    """The store at $TRAINER_DB (default: trainer.db in the data directory), migrated.

    A SQLite store is also backed up once a day (the last 7 daily backups are kept).
    """
    from trainer.services.leftovers import clean_leftovers_quietly

    url = paths.db_url()
    if _in_memory(url):
        raise StoreError("TRAINER_DB names an in-memory database: every answer would be lost at exit (give a file)")
    engine = open_store(url)
    clean_leftovers_quietly()
    if daily_backup:
        try:
            backup_today()
        except TrainerError as exc:  # the command still runs; the learner is told, loudly, every start
            print(f"trainer: warning: daily backup failed: {exc}", file=sys.stderr)
    return engine


def open_default() -> Store:
    """The handle on the store at $TRAINER_DB, opened as `open_default_store` opens it (the CLI's way)."""
    return Store(open_default_store())


def open_for_start() -> Store:
    """The handle on the store for the TUI's cold start: a SQLite store at the current schema is opened
    with `sqlite3` only, its engine built when first needed and its daily backup left to the caller
    (`engine_ready` is False then); anything else is opened, created or migrated, and backed up, by
    `open_default_store`."""
    url = paths.db_url()
    con = open_current(url)
    if con is None:
        return Store(open_default_store())

    def build() -> Engine:
        from trainer.store.engine import make_engine

        return make_engine(url)

    return Store(build, lite=con)
