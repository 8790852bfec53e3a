"""Weekly PEG-3 check-ins, a free-text note on sessions, and history lookups by date.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21

History and progress read a profile's sessions in date order; the composite index
serves that directly instead of sorting every session the profile ever did.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "check_ins",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("profile_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("week_of", sa.Date(), nullable=False),
        sa.Column("pain", sa.Integer(), nullable=False),
        sa.Column("enjoyment", sa.Integer(), nullable=False),
        sa.Column("activity", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_check_ins"),
        sa.ForeignKeyConstraint(
            ["profile_id"],
            ["profiles.id"],
            name="fk_check_ins_profile_id_profiles",
            ondelete="CASCADE",
        ),
        sa.CheckConstraint("pain BETWEEN 0 AND 10", name="ck_check_ins_pain"),
        sa.CheckConstraint("enjoyment BETWEEN 0 AND 10", name="ck_check_ins_enjoyment"),
        sa.CheckConstraint("activity BETWEEN 0 AND 10", name="ck_check_ins_activity"),
    )
    op.create_index("ix_check_ins_profile_id", "check_ins", ["profile_id"])
    op.create_index("ix_check_ins_profile_id_week_of", "check_ins", ["profile_id", "week_of"])
    with op.batch_alter_table("sessions") as batch:
        batch.add_column(sa.Column("note", sa.Text(), nullable=True))
        batch.create_index("ix_sessions_profile_id_started_at", ["profile_id", "started_at"])


def downgrade() -> None:
    with op.batch_alter_table("sessions") as batch:
        batch.drop_index("ix_sessions_profile_id_started_at")
        batch.drop_column("note")
    op.drop_table("check_ins")
