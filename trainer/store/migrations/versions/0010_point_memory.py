"""Exam mode plans points: whether an answer was planned by its point's memory (the answers of every card
that asks the point), so replay folds the same memory.

Answers logged before (false) were planned by their own card's answers only.

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("review_log", sa.Column("point_memory", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("review_log") as batch:
        batch.drop_column("point_memory")
