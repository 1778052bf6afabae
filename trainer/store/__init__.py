"""The store: the only package that talks to the database (SQLAlchemy), with typed models and queries."""

from __future__ import annotations

from sqlalchemy import Engine

from trainer.store.engine import make_engine
from trainer.store.migrate import ensure_schema


def open_store(url: str) -> Engine:
    """An engine for `url` with the schema created or migrated to the current revision."""
    engine = make_engine(url)
    ensure_schema(engine)
    return engine


__all__ = ["ensure_schema", "make_engine", "open_store"]
