"""The store-to-review translation shared by ``supple goals``/``supple review`` and the
web's /goals and /review pages.

The review is the core's (``supple.outcomes``); this reads what it needs from the store
(the first plan's day, the goal ratings, the reviews, the weekly pain and check-ins
through ``supple.history``, and the adaptation's escalation) so both shells show the
same review, due on the same day, with the same advice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from typing import TYPE_CHECKING

from supple.history import adaptation, local_day, progress, session_logs, weekly_summary
from supple.outcomes import (
    Point,
    PsfsItem,
    PsfsRating,
    Review,
    ReviewSchedule,
    build_review,
    review_schedule,
)

if TYPE_CHECKING:
    from supple.catalog import Catalog
    from supple.store import Store
    from supple.store.goals import PsfsRatingRecord, ReviewRecord


def psfs_rating(record: PsfsRatingRecord) -> PsfsRating:
    items = tuple(PsfsItem(item["activity"], int(item["score"])) for item in record.items)
    return PsfsRating(local_day(record.rated_at), items)


@dataclass(frozen=True)
class GoalReview:
    review: Review
    ratings: list[PsfsRating]
    reviews: list[ReviewRecord]

    @property
    def current_goals(self) -> PsfsRating | None:
        """The newest rating: the activities the next rating asks about again."""
        return self.ratings[-1] if self.ratings else None


def schedule_of(store: Store, profile: str, today: date) -> ReviewSchedule:
    """Only the due date (two small reads): for the home page's "review due" line."""
    first = store.first_plan_at(profile)
    reviewed = [local_day(r.reviewed_at) for r in store.outcome_reviews(profile)]
    return review_schedule(local_day(first) if first else None, reviewed, today)


def goal_review(store: Store, profile: str, catalog: Catalog, today: date) -> GoalReview:
    """The profile's review on ``today``: measures first against now, the latest change
    rating once this period's review is done, and the plan advice."""
    schedule = schedule_of(store, profile, today)
    records = store.psfs_ratings(profile)
    ratings = [psfs_rating(record) for record in records]
    reviews = store.outcome_reviews(profile)
    logs = session_logs(store, profile)
    weekly = weekly_summary(logs, today)
    summary = progress(store, profile, today, logs=logs, weekly=weekly)
    adapted = adaptation(store, profile, catalog, today, logs=logs, weekly=weekly)
    peg = [Point(point.week_of, Fraction(point.score)) for point in summary.peg]
    pain = [
        Point(week.week_start, week.mean, week.ratings)
        for week in summary.weekly_pain
        if week.mean is not None and week.ratings > 0
    ]
    # A change rating answers the review it was given at; once the next review falls
    # due it is no longer "now", so it stops counting until the person answers again.
    groc = reviews[-1].groc if reviews and not schedule.due else None
    review = build_review(schedule, ratings, peg, pain, groc, adapted.message)
    return GoalReview(review, ratings, reviews)
