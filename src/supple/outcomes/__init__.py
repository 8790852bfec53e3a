"""Outcomes that matter to the person: their own activities (PSFS), how they rate the
change (GROC), and the 4-week review that sets both beside PEG-3 and pain (issue 17).

Pure core: values in, values out; the store, the CLI and the web app call it.
"""

from __future__ import annotations

from supple.outcomes.data import OutcomesData, default_outcomes_data
from supple.outcomes.groc import GrocError, check_groc, groc_choices, groc_label
from supple.outcomes.psfs import MAX_ACTIVITIES, PsfsError, PsfsItem, PsfsRating, check_items
from supple.outcomes.review import (
    MeasureChange,
    Point,
    Review,
    ReviewSchedule,
    build_review,
    review_schedule,
)

__all__ = [
    "MAX_ACTIVITIES",
    "GrocError",
    "MeasureChange",
    "OutcomesData",
    "Point",
    "PsfsError",
    "PsfsItem",
    "PsfsRating",
    "Review",
    "ReviewSchedule",
    "build_review",
    "check_groc",
    "check_items",
    "default_outcomes_data",
    "groc_choices",
    "groc_label",
    "review_schedule",
]
