"""Bringing a database to the current schema with Alembic, with a backup first; no domain logic."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, inspect, text
from sqlalchemy.exc import DatabaseError, OperationalError

from trainer.errors import StoreError
from trainer.store.engine import sqlite_path
from trainer.store.revisions import HEAD, REVISIONS
from trainer.store.snapshots import backup_database

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
__all__ = ["HEAD", "REVISIONS", "alembic_config", "backup_before_migration", "current_revision", "ensure_schema"]


def alembic_config(connection: Connection) -> object:
    """An Alembic Config that runs on `connection` (no alembic.ini needed)."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["connection"] = connection
    return cfg


def current_revision(connection: Connection) -> str | None:
    """The database's schema revision, or None for an empty database."""
    if not inspect(connection).has_table("alembic_version"):
        if inspect(connection).has_table("cards"):
            raise StoreError("database has trainer tables but no schema version; refusing to touch it")
        others = inspect(connection).get_table_names()
        if others:  # another program's database: creating trainer's tables in it would change it
            shown = ", ".join(sorted(others)[:5]) + (" …" if len(others) > 5 else "")
            raise StoreError(f"not a trainer database (it holds other tables: {shown}); refusing to touch it")
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def backup_before_migration(engine: Engine, revision: str) -> Path | None:
    """Snapshot the SQLite file (online backup API) into the backups folder before a migration changes it."""
    path = sqlite_path(str(engine.url))
    if path is None or not path.exists() or path.stat().st_size == 0:
        return None
    return backup_database(path, reason=f"pre-{revision}")


def ensure_schema(engine: Engine) -> None:
    """Create or upgrade the schema to HEAD; refuse a database from a newer trainer.

    Raises:
        StoreError: the file is not a database, is read-only, or has an unknown (newer) revision.
    """
    where = sqlite_path(str(engine.url)) or engine.url.render_as_string(hide_password=True)
    try:
        with engine.connect() as conn:
            revision = current_revision(conn)
    except StoreError as exc:
        raise StoreError(exc.message, path=where) from None
    except (DatabaseError, OperationalError) as exc:
        raise StoreError(f"cannot open database: {exc.orig or exc}", path=where) from None
    if revision == HEAD:
        return
    if revision is not None and revision not in REVISIONS:
        raise StoreError(
            f"database schema {revision!r} is newer than this trainer knows ({HEAD!r}); upgrade trainer",
            path=where,
        )
    if revision is not None:
        try:
            backup_before_migration(engine, revision)
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(
                f"cannot back up the database before migrating, so it was left as it is: {exc}", path=where
            ) from None

    try:
        with engine.begin() as conn:
            command.upgrade(alembic_config(conn), "head")  # type: ignore[arg-type]
    except (DatabaseError, OperationalError) as exc:
        raise StoreError(f"cannot migrate database: {exc.orig or exc}", path=where) from None
