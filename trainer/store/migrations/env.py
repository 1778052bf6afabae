"""Alembic environment: runs migrations on the connection trainer hands over; never builds an engine."""

from __future__ import annotations

from alembic import context

from trainer.store.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
