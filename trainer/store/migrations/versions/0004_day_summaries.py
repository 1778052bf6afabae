"""Day summaries: today's answered cards and per-deck counts, folded from the review log.

The day's plan (session start, home counts) used to read every log row of the day back (thousands
on a heavy day, scattered over the log). `day_cards` holds one row per card answered on a recent
day and `day_counts` the first answers per deck; `day_mark` says how far the log has been folded
in. They are a cache: empty after this migration, filled on the next start from the log.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "day_cards",
        sa.Column("day", sa.Integer(), nullable=False),
        sa.Column("card_id", sa.Integer(), nullable=False),
        sa.Column("deck_id", sa.Integer(), nullable=False),
        sa.Column("section_key", sa.String(32), nullable=False),
        sa.Column("point", sa.String(64), nullable=False),
        sa.Column("first_log_id", sa.Integer(), nullable=False),
        sa.Column("last_quality", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("day", "card_id"),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_day_cards_section", "day_cards", ["day", "deck_id", "section_key"])
    op.create_index(
        "ix_day_cards_pending",
        "day_cards",
        ["day", "first_log_id"],
        sqlite_where=sa.text("last_quality < 4"),
        postgresql_where=sa.text("last_quality < 4"),
    )
    op.create_table(
        "day_counts",
        sa.Column("day", sa.Integer(), nullable=False),
        sa.Column("deck_id", sa.Integer(), nullable=False),
        sa.Column("new_done", sa.Integer(), nullable=False),
        sa.Column("reviews_done", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("day", "deck_id"),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "day_mark",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("log_id", sa.Integer(), nullable=False),
        sa.Column("since_day", sa.Integer(), nullable=False),
        sa.Column("last_day", sa.Integer(), nullable=False),
        sa.Column("run_from", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )


def downgrade() -> None:
    op.drop_table("day_mark")
    op.drop_table("day_counts")
    op.drop_index("ix_day_cards_pending", table_name="day_cards")
    op.drop_index("ix_day_cards_section", table_name="day_cards")
    op.drop_table("day_cards")
