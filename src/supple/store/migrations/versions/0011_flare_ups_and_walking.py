"""Flare-ups, the walking goal and walks: tables ``flare_ups``, ``walking_goals``, ``walks``.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02

Three new tables with a foreign key to profiles only: adding them touches no other
table's rows. Going down drops them, losing only the bad days, walking goals and walks
recorded since (an older Supple cannot read them anyway); every other record stays.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def _profile_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["profile_id"], ["profiles.id"], name=f"fk_{table}_profile_id_profiles", ondelete="CASCADE"
    )


def upgrade() -> None:
    op.create_table(
        "flare_ups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("profile_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        _profile_fk("flare_ups"),
        sa.PrimaryKeyConstraint("id", name="pk_flare_ups"),
    )
    op.create_index("ix_flare_ups_profile_id_day", "flare_ups", ["profile_id", "day"])
    op.create_table(
        "walking_goals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("profile_id", sa.Integer(), nullable=False),
        sa.Column("set_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("started_on", sa.Date(), nullable=False),
        sa.Column("start_minutes", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "start_minutes BETWEEN 1 AND 120", name="ck_walking_goals_start_minutes_range"
        ),
        _profile_fk("walking_goals"),
        sa.PrimaryKeyConstraint("id", name="pk_walking_goals"),
    )
    op.create_index("ix_walking_goals_profile_id_set_at", "walking_goals", ["profile_id", "set_at"])
    op.create_table(
        "walks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("profile_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("minutes BETWEEN 1 AND 300", name="ck_walks_minutes_range"),
        _profile_fk("walks"),
        sa.PrimaryKeyConstraint("id", name="pk_walks"),
    )
    op.create_index("ix_walks_profile_id_day", "walks", ["profile_id", "day"])


def downgrade() -> None:
    op.drop_index("ix_walks_profile_id_day", table_name="walks")
    op.drop_table("walks")
    op.drop_index("ix_walking_goals_profile_id_set_at", table_name="walking_goals")
    op.drop_table("walking_goals")
    op.drop_index("ix_flare_ups_profile_id_day", table_name="flare_ups")
    op.drop_table("flare_ups")
