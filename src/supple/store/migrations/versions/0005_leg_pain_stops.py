"""A step may be stopped for pain that spreads down the leg: outcome ``stopped_leg_pain``.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01

A stop for pain down the leg is a warning sign: the warning-sign questions are asked
again and the next plan leaves out every exercise of the same movement, so the kind of
pain must be kept, not folded into ``stopped_for_pain``. Only the outcome's check
constraint changes (SQLite rebuilds step_events in a batch; it has no child tables).
Going down, a leg-pain stop becomes an ordinary pain stop: an older Supple still sees
that the exercise was stopped for pain, which is never lost.
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

NAME = "ck_step_events_outcome"
OLD = "outcome IN ('done', 'skipped', 'stopped_for_pain')"
NEW = "outcome IN ('done', 'skipped', 'stopped_for_pain', 'stopped_leg_pain')"


def _recheck(condition: str) -> None:
    with op.batch_alter_table("step_events") as batch:
        batch.drop_constraint(NAME, type_="check")
        batch.create_check_constraint(NAME, condition)


def upgrade() -> None:
    _recheck(NEW)


def downgrade() -> None:
    op.execute(
        "UPDATE step_events SET outcome = 'stopped_for_pain' WHERE outcome = 'stopped_leg_pain'"
    )
    _recheck(OLD)
