"""Initial schema: profiles, saved answers, plans, sessions, step events, ratings.

Revision ID: 0001
Revises:
Create Date: 2026-11-21

Written by hand and frozen: later schema changes are new revisions, never edits
here, because people's databases were created from exactly this.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

_TIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "profiles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("created_at", _TIME, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_profiles"),
        sa.UniqueConstraint("name", name="uq_profiles_name"),
    )
    op.create_table(
        "saved_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("profile_id", sa.Integer(), nullable=False),
        sa.Column("created_at", _TIME, nullable=False),
        sa.Column("document", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_saved_answers"),
        sa.ForeignKeyConstraint(
            ["profile_id"],
            ["profiles.id"],
            name="fk_saved_answers_profile_id_profiles",
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_saved_answers_profile_id", "saved_answers", ["profile_id"])
    op.create_table(
        "plans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("profile_id", sa.Integer(), nullable=False),
        sa.Column("answers_id", sa.Integer(), nullable=True),
        sa.Column("created_at", _TIME, nullable=False),
        sa.Column("level", sa.String(32), nullable=True),
        sa.Column("minutes_requested", sa.Integer(), nullable=True),
        sa.Column("estimated_seconds", sa.Integer(), nullable=True),
        sa.Column("document", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_plans"),
        sa.ForeignKeyConstraint(
            ["profile_id"], ["profiles.id"], name="fk_plans_profile_id_profiles", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["answers_id"],
            ["saved_answers.id"],
            name="fk_plans_answers_id_saved_answers",
            ondelete="SET NULL",
        ),
    )
    op.create_index("ix_plans_profile_id", "plans", ["profile_id"])
    op.create_table(
        "sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("profile_id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("started_at", _TIME, nullable=False),
        sa.Column("ended_at", _TIME, nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("pain_before", sa.Integer(), nullable=False),
        sa.Column("pain_after", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_sessions"),
        sa.ForeignKeyConstraint(
            ["profile_id"],
            ["profiles.id"],
            name="fk_sessions_profile_id_profiles",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plans.id"], name="fk_sessions_plan_id_plans", ondelete="CASCADE"
        ),
        sa.CheckConstraint(
            "status IN ('in_progress', 'completed', 'quit')", name="ck_sessions_status"
        ),
        sa.CheckConstraint("pain_before BETWEEN 0 AND 10", name="ck_sessions_pain_before"),
        sa.CheckConstraint("pain_after BETWEEN 0 AND 10", name="ck_sessions_pain_after"),
    )
    op.create_index("ix_sessions_profile_id", "sessions", ["profile_id"])
    op.create_index("ix_sessions_plan_id", "sessions", ["plan_id"])
    op.create_table(
        "step_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("index", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("exercise", sa.String(100), nullable=True),
        sa.Column("side", sa.String(16), nullable=True),
        sa.Column("planned_seconds", sa.Float(), nullable=False),
        sa.Column("actual_seconds", sa.Float(), nullable=False),
        sa.Column("outcome", sa.String(20), nullable=False),
        sa.Column("at", _TIME, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_step_events"),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["sessions.id"],
            name="fk_step_events_session_id_sessions",
            ondelete="CASCADE",
        ),
        sa.CheckConstraint(
            "outcome IN ('done', 'skipped', 'stopped_for_pain')", name="ck_step_events_outcome"
        ),
    )
    op.create_index("ix_step_events_session_id", "step_events", ["session_id"])
    op.create_table(
        "exercise_ratings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("exercise", sa.String(100), nullable=False),
        sa.Column("rating", sa.String(16), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_exercise_ratings"),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["sessions.id"],
            name="fk_exercise_ratings_session_id_sessions",
            ondelete="CASCADE",
        ),
        sa.CheckConstraint(
            "rating IN ('easy', 'right', 'hard', 'painful')", name="ck_exercise_ratings_rating"
        ),
        sa.UniqueConstraint(
            "session_id", "exercise", name="uq_exercise_ratings_session_id_exercise"
        ),
    )
    op.create_index("ix_exercise_ratings_session_id", "exercise_ratings", ["session_id"])


def downgrade() -> None:
    for table in (
        "exercise_ratings",
        "step_events",
        "sessions",
        "plans",
        "saved_answers",
        "profiles",
    ):
        op.drop_table(table)
