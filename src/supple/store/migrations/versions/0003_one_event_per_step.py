"""One step event per session and step index, so a retried write cannot duplicate a step.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01

The browser player sends a step again when it gets no reply, and before this revision
each retry became another row. Existing duplicates are merged first: the earliest event
of each (session, index) is kept, and if any of its duplicates was stopped for pain the
kept event says so, because adaptation must never lose a pain stop. SQLite gets the
constraint through a batch (copy-and-rename) rebuild of step_events, which has no child
tables, so nothing cascades; PostgreSQL adds it in place.
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

NAME = "uq_step_events_session_id_index"

# Rows of the same step that are not its earliest (lowest id) event.
_LATER = (
    "SELECT later.id FROM step_events AS later JOIN step_events AS earlier "
    'ON earlier.session_id = later.session_id AND earlier."index" = later."index" '
    "AND earlier.id < later.id"
)
_KEEP_PAIN_STOPS = (
    "UPDATE step_events SET outcome = 'stopped_for_pain' "
    "WHERE outcome <> 'stopped_for_pain' AND EXISTS ("
    "SELECT 1 FROM step_events AS other WHERE other.session_id = step_events.session_id "
    'AND other."index" = step_events."index" AND other.id > step_events.id '
    "AND other.outcome = 'stopped_for_pain') AND NOT EXISTS ("
    "SELECT 1 FROM step_events AS first WHERE first.session_id = step_events.session_id "
    'AND first."index" = step_events."index" AND first.id < step_events.id)'
)


def upgrade() -> None:
    op.execute(_KEEP_PAIN_STOPS)
    op.execute(f"DELETE FROM step_events WHERE id IN ({_LATER})")
    with op.batch_alter_table("step_events") as batch:
        batch.create_unique_constraint(NAME, ["session_id", "index"])


def downgrade() -> None:
    with op.batch_alter_table("step_events") as batch:
        batch.drop_constraint(NAME, type_="unique")
