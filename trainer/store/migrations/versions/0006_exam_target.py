"""Exam mode in the review log: the exam-day recall an answer was planned for, so replay repeats the plan.

Answers logged before (NULL) were scheduled with the exam date only capping their intervals.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("review_log", sa.Column("exam_target", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("review_log") as batch:
        batch.drop_column("exam_target")
