"""Bringing a database to the current schema with Alembic, with a backup first; no domain logic."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Connection, Engine, inspect, text
from sqlalchemy.exc import DatabaseError, OperationalError

from trainer.errors import StoreError
from trainer.store.engine import sqlite_path

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# Every revision, oldest first. Checked against Alembic's scripts by a test, so start-up can tell
# "up to date" from one query without importing Alembic.
REVISIONS: tuple[str, ...] = ("0001", "0002")
HEAD = REVISIONS[-1]


def alembic_config(connection: Connection) -> object:
    """An Alembic Config that runs on `connection` (no alembic.ini needed)."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["connection"] = connection
    return cfg


def current_revision(connection: Connection) -> str | None:
    """The database's schema revision, or None for an empty database."""
    if not inspect(connection).has_table("alembic_version"):
        if inspect(connection).has_table("cards"):
            raise StoreError("database has trainer tables but no schema version; refusing to touch it")
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def backup_before_migration(engine: Engine, revision: str) -> Path | None:
    """Copy the SQLite file aside (mode 0600) before a migration changes it; returns the copy's path.

    Uses SQLite's online backup, so the copy is consistent even with a write-ahead log beside the file.
    """
    import os
    import sqlite3

    path = sqlite_path(str(engine.url))
    if path is None or not path.exists() or path.stat().st_size == 0:
        return None
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.stem}.pre-{revision}-{stamp}{path.suffix}")
    os.close(os.open(target, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600))
    raw = engine.raw_connection()
    try:
        source = raw.driver_connection
        assert isinstance(source, sqlite3.Connection)
        copy = sqlite3.connect(target)
        try:
            source.backup(copy)
        finally:
            copy.close()
    finally:
        raw.close()
    target.chmod(0o600)
    return target


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
        import sqlite3

        try:
            backup_before_migration(engine, revision)
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(
                f"cannot back up the database before migrating, so it was left as it is: {exc}", path=where
            ) from None
    from alembic import command

    try:
        with engine.begin() as conn:
            command.upgrade(alembic_config(conn), "head")  # type: ignore[arg-type]
    except (DatabaseError, OperationalError) as exc:
        raise StoreError(f"cannot migrate database: {exc.orig or exc}", path=where) from None
