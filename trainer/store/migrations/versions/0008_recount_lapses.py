"""Lapses recounted by the rule of issue 18: every fail of a card graded on an earlier day is a lapse.

The old rule counted a fail only when the card's repetitions were above 0, so a card failed every day
(and passed only on its same-day repeats, which change nothing) never lapsed and never became a leech.
`trainer db replay` rebuilds with the new rule, so the stored counts are brought to what the log
gives: the non-repeat fails of each card, less its very first answer if that was a fail (a new
card's first grade is learning, not forgetting). A card that now has 8 lapses is flagged a leech; it
is not suspended here (replay accepts a leech left in review, as one the learner took back).

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

LEECH_LAPSES = 8  # trainer.sched.answer.LEECH_LAPSES when this was written

FAILS = """
    (SELECT COUNT(*) FROM review_log r
      WHERE r.card_id = card_state.card_id AND r."repeat" = :no AND r.quality < 3)
"""
FIRST_FAILED = """
    COALESCE((SELECT CASE WHEN f.quality < 3 THEN 1 ELSE 0 END FROM review_log f
      WHERE f.card_id = card_state.card_id AND f."repeat" = :no ORDER BY f.id LIMIT 1), 0)
"""


def upgrade() -> None:
    bind = op.get_bind()
    bind.execute(
        sa.text(
            f"UPDATE card_state SET lapses = {FAILS} - {FIRST_FAILED} "
            "WHERE EXISTS (SELECT 1 FROM review_log x WHERE x.card_id = card_state.card_id)"
        ),
        {"no": False},
    )
    bind.execute(
        sa.text("UPDATE card_state SET leech = :yes WHERE lapses >= :n AND leech = :no"),
        {"yes": True, "no": False, "n": LEECH_LAPSES},
    )


def downgrade() -> None:
    pass  # the old counts are not kept; a higher count is harmless to an older trainer
