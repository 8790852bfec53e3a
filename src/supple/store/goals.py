"""Goals and reviews: the person's PSFS ratings and their 4-week reviews (issue 17).

The store keeps what the person said (activities and their 0-10 ratings, the -7..+7
rating of change, and when); scoring, thresholds and due dates are the core's
(``supple.outcomes``), so changed thresholds never rewrite anyone's history.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import datetime
from typing import Annotated, Any

from pydantic import AwareDatetime, Field

from supple.outcomes.psfs import ACTIVITY_MAX_CHARS, MAX_ACTIVITIES, PsfsError, check_items
from supple.store.base import StoreBase
from supple.store.models import OutcomeReview, PsfsRating
from supple.store.records import _Record
from supple.store.schema import (
    Clean,
    NoNul,
    RecordError,
    RecordId,
    Score,
    Strict,
    Whole,
    validated,
)
from supple.store.values import when

Activity = Annotated[
    str, Field(strict=True, min_length=1, max_length=ACTIVITY_MAX_CHARS), NoNul, Clean
]
Groc = Annotated[int, Field(strict=True, ge=-7, le=7), Whole]


class PsfsItemFields(Strict):
    activity: Activity
    score: Score


class PsfsRatingFields(Strict):
    items: list[PsfsItemFields] = Field(min_length=1, max_length=MAX_ACTIVITIES)


class ReviewFields(Strict):
    groc: Groc


class PsfsRatingRecordIn(PsfsRatingFields):
    id: RecordId
    rated_at: AwareDatetime
    score: Annotated[float, Field(allow_inf_nan=False)] | None = Field(
        default=None, description="Derived; recomputed on import."
    )


class ReviewRecordIn(ReviewFields):
    id: RecordId
    reviewed_at: AwareDatetime


@dataclasses.dataclass(frozen=True, slots=True)
class PsfsRatingRecord(_Record):
    """One rating of the person's activities; each item is ``activity`` and ``score``."""

    id: int
    profile: str
    rated_at: datetime
    items: list[dict[str, Any]]

    @property
    def score(self) -> float:
        """The PSFS score is the mean of its items."""
        return sum(int(item["score"]) for item in self.items) / len(self.items)

    def to_dict(self) -> dict[str, Any]:
        return {**_Record.to_dict(self), "score": round(self.score, 2)}


@dataclasses.dataclass(frozen=True, slots=True)
class ReviewRecord(_Record):
    """A 4-week review: when it was done and the global rating of change (-7..+7)."""

    id: int
    profile: str
    reviewed_at: datetime
    groc: int


def checked_psfs_items(items: Sequence[Any], where: str = "items") -> list[dict[str, Any]]:
    """Items as the store keeps them, after the record schema and the core's checks
    (no blank or repeated activity); RecordError names the problem."""
    fields = validated(PsfsRatingFields, {"items": list(items)})
    try:
        kept = check_items([(item.activity, item.score) for item in fields.items])
    except PsfsError as error:
        raise RecordError(f"{where}: {error}") from error
    return [{"activity": item.activity, "score": item.score} for item in kept]


class GoalRatings(StoreBase):
    """A profile's PSFS ratings and 4-week reviews, oldest first."""

    def save_psfs(
        self, profile: str, items: Sequence[Any], *, now: datetime | None = None
    ) -> PsfsRatingRecord:
        """Record one rating of up to three activities (``{"activity", "score"}``)."""
        kept = checked_psfs_items(items)
        return self._add_owned(
            profile,
            now,
            lambda owner_id: PsfsRating(profile_id=owner_id, rated_at=when(now), items=kept),
            _psfs,
        )

    def psfs_ratings(self, profile: str) -> list[PsfsRatingRecord]:
        return self._owned_rows(PsfsRating, profile, PsfsRating.rated_at, _psfs)

    def save_review(
        self,
        profile: str,
        groc: int,
        items: Sequence[Any] | None = None,
        *,
        now: datetime | None = None,
    ) -> ReviewRecord:
        """Record a 4-week review with the person's rating of change and, when given,
        the goals rated again, in one transaction: both are kept or neither is."""
        fields = validated(ReviewFields, {"groc": groc})
        kept = None if items is None else checked_psfs_items(items)
        with self._transaction() as db:
            owner = self._ensure_profile(db, profile, now)
            if kept is not None:
                db.add(PsfsRating(profile_id=owner.id, rated_at=when(now), items=kept))
            row = OutcomeReview(profile_id=owner.id, reviewed_at=when(now), groc=fields.groc)
            db.add(row)
            db.flush()
            return _review(row, owner.name)

    def outcome_reviews(self, profile: str) -> list[ReviewRecord]:
        return self._owned_rows(OutcomeReview, profile, OutcomeReview.reviewed_at, _review)


def _psfs(row: PsfsRating, owner: str) -> PsfsRatingRecord:
    items = [{"activity": item["activity"], "score": item["score"]} for item in row.items]
    return PsfsRatingRecord(id=row.id, profile=owner, rated_at=row.rated_at, items=items)


def _review(row: OutcomeReview, owner: str) -> ReviewRecord:
    return ReviewRecord(id=row.id, profile=owner, reviewed_at=row.reviewed_at, groc=row.groc)
