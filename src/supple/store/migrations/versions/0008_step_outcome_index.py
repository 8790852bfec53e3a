"""An index on step_events.outcome, for the reads that look for pain stops.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01

The progress summary, the adaptation and the session gate need the few steps a
person stopped for pain (sharp or down the leg) out of every step ever recorded:
about 150,000 after ten years of daily sessions. Without an index the database walks
every step of every session to find them (issue 14); with it, it reads only the
stopped ones. An index holds no data of its own, so adding or dropping it keeps
every row.
"""

from __future__ import annotations

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

NAME = "ix_step_events_outcome"


def upgrade() -> None:
    op.create_index(NAME, "step_events", ["outcome"])


def downgrade() -> None:
    op.drop_index(NAME, table_name="step_events")
