"""Screen outcomes: the newest warning-sign level, kept even when no plan is made.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01

A new table with a foreign key to profiles only: adding or dropping it touches no
other table's rows.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "screen_outcomes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("profile_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("level", sa.String(32), nullable=False),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["profile_id"],
            ["profiles.id"],
            name="fk_screen_outcomes_profile_id_profiles",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_screen_outcomes"),
    )
    op.create_index(
        "ix_screen_outcomes_profile_id_created_at",
        "screen_outcomes",
        ["profile_id", "created_at"],
    )


def downgrade() -> None:
    op.drop_index("ix_screen_outcomes_profile_id_created_at", table_name="screen_outcomes")
    op.drop_table("screen_outcomes")
