"""FSRS memory state on cards; the scheduling policy, repeat flag and leech flag on every review.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_LOG_FLAGS = ("repeat", "fuzz", "leech_before", "leech_after")
_LOG_FLOATS = ("stability_before", "difficulty_before", "stability_after", "difficulty_after")


def upgrade() -> None:
    op.add_column("card_state", sa.Column("stability", sa.Float(), nullable=True))
    op.add_column("card_state", sa.Column("difficulty", sa.Float(), nullable=True))
    for name in _LOG_FLAGS:
        op.add_column("review_log", sa.Column(name, sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column("review_log", sa.Column("scheduler", sa.String(length=8), nullable=False, server_default="sm2"))
    op.add_column("review_log", sa.Column("exam_day", sa.Integer(), nullable=True))
    for name in _LOG_FLOATS:
        op.add_column("review_log", sa.Column(name, sa.Float(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("review_log") as batch:
        for name in (*_LOG_FLOATS, "exam_day", "scheduler", *_LOG_FLAGS):
            batch.drop_column(name)
    with op.batch_alter_table("card_state") as batch:
        batch.drop_column("difficulty")
        batch.drop_column("stability")
