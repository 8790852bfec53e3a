"""A pain stop the person has not yet followed: table ``pain_stop_marks``.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01

When the app is closed at "is the pain easing?", nothing of the stop reached the
step events, and home offered to carry on into the exercise that hurt. The player
now writes a mark when the stop is pressed and when the easing question is
answered; a step recorded after it settles it. One row per session at most; the
rows go with their session. Going down drops the table (only unsettled stops are
lost, and an older Supple cannot read them anyway).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "pain_stop_marks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("index", sa.Integer(), nullable=False),
        sa.Column("easing", sa.Boolean(), nullable=True),
        sa.Column("events_before", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["sessions.id"],
            name="fk_pain_stop_marks_session_id_sessions",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_pain_stop_marks"),
        sa.UniqueConstraint("session_id", name="uq_pain_stop_marks_session_id"),
    )


def downgrade() -> None:
    op.drop_table("pain_stop_marks")
