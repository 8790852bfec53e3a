"""Screen outcomes: what the newest warning-sign answers said, plan or no plan.

An emergency or urgent answer builds no plan, so without this the newest plan (made
from older answers) would still be offered. The web questionnaire keeps one row per
submitted page that changes what stands; ``latest_screen_outcome`` is one indexed
lookup, read on every page that offers a plan.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session as DbSession

from supple.screening.standing import outcome_stands
from supple.store import convert
from supple.store.base import StoreBase
from supple.store.models import Profile, SavedAnswers, ScreenOutcome
from supple.store.records import ScreenOutcomeRecord
from supple.store.values import when


class ScreenOutcomeLog(StoreBase):
    """The warning-sign levels a profile's answers reached, newest last."""

    def save_screen_outcome(
        self,
        profile: str,
        level: str,
        reasons: Sequence[Mapping[str, Any]],
        *,
        now: datetime | None = None,
    ) -> int:
        with self._transaction() as db:
            owner = self._ensure_profile(db, profile, now)
            row = ScreenOutcome(
                profile_id=owner.id,
                created_at=when(now),
                level=level,
                reasons=[dict(reason) for reason in reasons],
            )
            db.add(row)
            db.flush()
            return row.id

    def latest_screen_outcome(self, profile: str) -> ScreenOutcomeRecord | None:
        with self._transaction() as db:
            owner = self._profile_row(db, profile)
            if owner is None:
                return None
            row = db.scalar(
                select(ScreenOutcome)
                .filter_by(profile_id=owner.id)
                .order_by(ScreenOutcome.created_at.desc(), ScreenOutcome.id.desc())
                .limit(1)
            )
            return None if row is None else convert.screen_outcome(row, owner.name)

    def standing_outcome(self, profile: str) -> ScreenOutcomeRecord | None:
        """The newest outcome when it still outweighs every plan (see
        ``screening.standing``), else None."""
        with self._transaction() as db:
            owner = self._profile_row(db, profile)
            return None if owner is None else self._standing_outcome(db, owner)

    def _standing_outcome(self, db: DbSession, owner: Profile) -> ScreenOutcomeRecord | None:
        """One statement: the newest outcome and when answers were last saved."""
        saved_at = (
            select(func.max(SavedAnswers.created_at))
            .where(SavedAnswers.profile_id == owner.id)
            .scalar_subquery()
        )
        found = db.execute(
            select(ScreenOutcome, saved_at)
            .filter_by(profile_id=owner.id)
            .order_by(ScreenOutcome.created_at.desc(), ScreenOutcome.id.desc())
            .limit(1)
        ).first()
        if found is None:
            return None
        row, answers_at = found
        outcome = convert.screen_outcome(row, owner.name)
        return outcome if outcome_stands(outcome.level, outcome.created_at, answers_at) else None
