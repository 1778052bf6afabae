"""Compact encodings: times as epoch milliseconds, ease as hundredths; leaner log index; two read indexes.

The review log keeps every field issue 4 asks for (time, quality, duration, state before and after);
only their encoding changes: `reviewed_at` and `last_review` from 26 bytes of text to an 8-byte-max
integer of milliseconds (UTC), `ease*` from an 8-byte float to a small integer of hundredths (SM-2
works in hundredths already). `ix_review_log_card` drops its `id` column, which every index entry
holds anyway (the rowid). Existing rows are converted in SQL; sub-millisecond parts are floored.
Two indexes serve reads that scanned and sorted: new cards in document order (partial: new cards
only) and cards by section (the home screen's topic counts).

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# (table, column, kind, nullable): kind "ms" for a UTC timestamp, "x100" for a float kept in hundredths.
_COLUMNS = (
    ("review_log", "reviewed_at", "ms", False),
    ("review_log", "ease_before", "x100", False),
    ("review_log", "ease_after", "x100", False),
    ("card_state", "last_review", "ms", True),
    ("card_state", "ease", "x100", False),
)


def _to_ms(column: str, dialect: str) -> str:
    if dialect == "sqlite":
        # strftime('%f') is "SS.SSS": whole milliseconds of the stored text, exactly.
        return f"CAST(strftime('%s', {column}) AS INTEGER) * 1000 + CAST(substr(strftime('%f', {column}), 4, 3) AS INTEGER)"
    return f"CAST(floor(EXTRACT(EPOCH FROM {column}) * 1000) AS BIGINT)"


def _from_ms(column: str, dialect: str) -> str:
    if dialect == "sqlite":
        return f"strftime('%Y-%m-%d %H:%M:%f', {column} / 1000.0, 'unixepoch')"
    return f"(TIMESTAMP '1970-01-01' + {column} * INTERVAL '1 millisecond')"


def _convert(down: bool) -> None:
    dialect = op.get_bind().dialect.name
    for table, column, kind, _nullable in _COLUMNS:
        new_type: sa.types.TypeEngine = (
            (sa.DateTime() if kind == "ms" else sa.Float())
            if down
            else (sa.BigInteger() if kind == "ms" else sa.Integer())
        )
        op.add_column(table, sa.Column(f"{column}_0003", new_type, nullable=True))
        if kind == "ms":
            value = (_from_ms if down else _to_ms)(column, dialect)
        else:
            value = f"{column} / 100.0" if down else f"CAST(round({column} * 100) AS INTEGER)"
        op.execute(f"UPDATE {table} SET {column}_0003 = {value}")
    for table in ("review_log", "card_state"):
        with op.batch_alter_table(table, recreate="always" if dialect == "sqlite" else "auto") as batch:
            for t, column, _kind, nullable in _COLUMNS:
                if t != table:
                    continue
                batch.drop_column(column)
                batch.alter_column(f"{column}_0003", new_column_name=column, nullable=nullable)


def upgrade() -> None:
    op.drop_index("ix_review_log_card", table_name="review_log")
    _convert(down=False)
    op.create_index("ix_review_log_card", "review_log", ["card_id"])
    op.create_index(
        "ix_card_state_new",
        "card_state",
        ["deck_id", "new_ord"],
        sqlite_where=sa.text("queue = 0"),
        postgresql_where=sa.text("queue = 0"),
    )
    op.create_index("ix_cards_section", "cards", ["deck_id", "section_key"])


def downgrade() -> None:
    op.drop_index("ix_cards_section", table_name="cards")
    op.drop_index("ix_card_state_new", table_name="card_state")
    op.drop_index("ix_review_log_card", table_name="review_log")
    _convert(down=True)
    op.create_index("ix_review_log_card", "review_log", ["card_id", "id"])
