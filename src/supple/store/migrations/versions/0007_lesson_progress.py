"""Lesson progress: one row each time a person answers a Learn lesson's check.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01

A new table with a foreign key to profiles only: adding or dropping it touches no
other table's rows. Going down loses only the record of which lessons were read.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "lesson_completions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("profile_id", sa.Integer(), nullable=False),
        sa.Column("lesson_id", sa.String(64), nullable=False),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["profile_id"],
            ["profiles.id"],
            name="fk_lesson_completions_profile_id_profiles",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_lesson_completions"),
    )
    op.create_index(
        "ix_lesson_completions_profile_id_completed_at",
        "lesson_completions",
        ["profile_id", "completed_at"],
    )


def downgrade() -> None:
    op.drop_index("ix_lesson_completions_profile_id_completed_at", table_name="lesson_completions")
    op.drop_table("lesson_completions")
