"""The day a card was buried, in a column of its own, so burying leaves the card's due day alone.

Burying used to set `due_day` to the day of the bury (how the next start knew to give the card back),
so a buried card came back with a due day its review log does not give, and `trainer db replay`
reported it. Cards buried now keep their due day as it was (already overwritten: it cannot be
recovered), and their bury day is copied from it.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

BURIED = -2


def upgrade() -> None:
    op.add_column("card_state", sa.Column("aside_day", sa.Integer(), nullable=True))
    op.execute(f"UPDATE card_state SET aside_day = due_day WHERE queue = {BURIED}")


def downgrade() -> None:
    op.execute(f"UPDATE card_state SET due_day = aside_day WHERE queue = {BURIED} AND aside_day IS NOT NULL")
    with op.batch_alter_table("card_state") as batch:
        batch.drop_column("aside_day")
