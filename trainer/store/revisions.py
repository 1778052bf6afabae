"""The schema revisions this trainer knows, oldest first; constants only, importable without SQLAlchemy or Alembic.

A test checks them against Alembic's migration scripts, so start-up can tell "up to date" from one
query (`trainer.store.lite`) without importing either.
"""

from __future__ import annotations

REVISIONS: tuple[str, ...] = ("0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008", "0009", "0010")
HEAD = REVISIONS[-1]
