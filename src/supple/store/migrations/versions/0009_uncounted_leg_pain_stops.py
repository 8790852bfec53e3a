"""A stop for pain down the leg that counts against no exercise: ``leg_pain_uncounted``.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01

A stop during get-ready or a change of position that the person says did not come from
the exercise about to start blames no exercise, but pain spreading down the leg is a
warning sign whatever caused it: the event is kept, so the warning-sign questions are
asked again before the next session. Only the outcome's check constraint changes.
Going down, such a stop becomes a skipped step, as an older Supple recorded it.
"""

from __future__ import annotations

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

NAME = "ck_step_events_outcome"
OLD = "outcome IN ('done', 'skipped', 'stopped_for_pain', 'stopped_leg_pain')"
NEW = "outcome IN ('done', 'skipped', 'stopped_for_pain', 'stopped_leg_pain', 'leg_pain_uncounted')"


def _recheck(condition: str) -> None:
    with op.batch_alter_table("step_events") as batch:
        batch.drop_constraint(NAME, type_="check")
        batch.create_check_constraint(NAME, condition)


def upgrade() -> None:
    _recheck(NEW)


def downgrade() -> None:
    op.execute("UPDATE step_events SET outcome = 'skipped' WHERE outcome = 'leg_pain_uncounted'")
    _recheck(OLD)
