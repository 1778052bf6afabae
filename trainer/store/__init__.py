"""The store: the only package that talks to the database (models, queries, the `handle.Store` everyone holds);
no UI, no deck files, no scheduling rules.

Importing the package costs nothing: `open_store`, `make_engine` and `ensure_schema` load SQLAlchemy
when first used (PEP 562), so `trainer.store.drill` and `trainer.store.lite` run without it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from trainer.store.engine import make_engine
    from trainer.store.migrate import ensure_schema


def open_store(url: str) -> Engine:
    """An engine for `url` with the schema created or migrated to the current revision."""
    from trainer.store.engine import make_engine
    from trainer.store.migrate import ensure_schema

    engine = make_engine(url)
    ensure_schema(engine)
    return engine


def __getattr__(name: str) -> Any:
    if name == "make_engine":
        from trainer.store.engine import make_engine

        return make_engine
    if name == "ensure_schema":
        from trainer.store.migrate import ensure_schema

        return ensure_schema
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["ensure_schema", "make_engine", "open_store"]
