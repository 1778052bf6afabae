"""Point answers given through a list card, and a topic index for finding a topic's pair cards.

A list review grades each point: every point's grade is an answer of its head card, logged with
the list card it came from in `review_log.via_card_id` (None for an answer of the card shown).
A new list or pair card's `due_day` holds the day it may enter (0 until its points are known, see
`trainer.sched.lists`); cards already known when this runs are marked at their next answer.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("review_log", sa.Column("via_card_id", sa.Integer(), nullable=True))
    op.create_index("ix_notes_topic", "notes", ["deck_id", "topic"])


def downgrade() -> None:
    op.drop_index("ix_notes_topic", table_name="notes")
    op.execute("UPDATE card_state SET due_day = 0 WHERE queue = 0")
    with op.batch_alter_table("review_log") as batch:
        batch.drop_column("via_card_id")
