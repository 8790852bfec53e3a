"""Movement-break settings and the desk set-up checklist: two new tables.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02

``break_settings`` keeps each choice of working hours and interval (the newest is in
use); ``desk_checklists`` each answering of the sitting lesson's set-up checklist. Both
refer to profiles only, so adding them touches no other table's rows. Going down drops
them: only break settings and checklist answers are lost, which an older Supple cannot
read anyway.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "break_settings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("profile_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("days", sa.JSON(), nullable=False),
        sa.Column("start_time", sa.String(5), nullable=False),
        sa.Column("end_time", sa.String(5), nullable=False),
        sa.Column("interval_minutes", sa.Integer(), nullable=False),
        sa.Column("zone", sa.String(64), nullable=True),
        sa.ForeignKeyConstraint(
            ["profile_id"],
            ["profiles.id"],
            name="fk_break_settings_profile_id_profiles",
            ondelete="CASCADE",
        ),
        sa.CheckConstraint(
            "interval_minutes BETWEEN 20 AND 120", name="ck_break_settings_interval_minutes"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_break_settings"),
    )
    op.create_index(
        "ix_break_settings_profile_id_created_at", "break_settings", ["profile_id", "created_at"]
    )
    op.create_table(
        "desk_checklists",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("profile_id", sa.Integer(), nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["profile_id"],
            ["profiles.id"],
            name="fk_desk_checklists_profile_id_profiles",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_desk_checklists"),
    )
    op.create_index(
        "ix_desk_checklists_profile_id_answered_at",
        "desk_checklists",
        ["profile_id", "answered_at"],
    )


def downgrade() -> None:
    op.drop_index("ix_desk_checklists_profile_id_answered_at", table_name="desk_checklists")
    op.drop_table("desk_checklists")
    op.drop_index("ix_break_settings_profile_id_created_at", table_name="break_settings")
    op.drop_table("break_settings")
