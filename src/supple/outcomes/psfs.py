"""The Patient-Specific Functional Scale: up to three activities in the person's words.

The person names activities the pain makes hard and rates each from 0 (cannot do it)
to 10 (as well as before the pain); the score is the mean of the items. The same
activities are rated again at every 4-week review, so change is measured against the
person's own life rather than a fixed questionnaire.

Naming different activities later starts a new baseline: a mean over other activities
is a different measure, so it is never compared with the old one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

MAX_ACTIVITIES = 3
ACTIVITY_MAX_CHARS = 80
LOWEST, HIGHEST = 0, 10


class PsfsError(ValueError):
    """A PSFS rating that cannot be kept; the message says what to change."""


@dataclass(frozen=True)
class PsfsItem:
    activity: str
    score: int


@dataclass(frozen=True)
class PsfsRating:
    """One rating of the person's activities on ``on``."""

    on: date
    items: tuple[PsfsItem, ...]

    @property
    def score(self) -> Fraction:
        """The PSFS score: the mean of the items' ratings."""
        return Fraction(sum(item.score for item in self.items), len(self.items))

    @property
    def activities(self) -> tuple[str, ...]:
        return tuple(item.activity for item in self.items)


def tidy_activity(text: str) -> str:
    """The activity as it is kept: outer spaces gone, inner runs of space made one."""
    return " ".join(text.split())


def same_activity(one: str, other: str) -> bool:
    return tidy_activity(one).casefold() == tidy_activity(other).casefold()


def check_items(items: Sequence[tuple[str, object]]) -> tuple[PsfsItem, ...]:
    """The items of a rating, checked; PsfsError names the first problem.

    One to three activities, none empty or longer than 80 characters, no activity
    twice, each rated with a whole number from 0 to 10.
    """
    if not items:
        raise PsfsError("name at least one activity the pain makes hard, and rate it 0-10")
    if len(items) > MAX_ACTIVITIES:
        raise PsfsError(
            f"{len(items)} activities given; name up to {MAX_ACTIVITIES}, the ones that "
            "matter most to you"
        )
    checked: list[PsfsItem] = []
    for number, (raw, score) in enumerate(items, 1):
        activity = tidy_activity(raw)
        if not activity:
            raise PsfsError(f"activity {number} is empty; write what the pain makes hard")
        if len(activity) > ACTIVITY_MAX_CHARS:
            raise PsfsError(
                f"activity {number} is {len(activity)} characters long; keep it to "
                f"{ACTIVITY_MAX_CHARS}"
            )
        if any(ord(char) < 32 for char in activity):
            raise PsfsError(f"activity {number} holds a control character; use plain text")
        if any(same_activity(activity, done.activity) for done in checked):
            raise PsfsError(f"'{activity}' is named twice; name each activity once")
        if not isinstance(score, int) or isinstance(score, bool) or not LOWEST <= score <= HIGHEST:
            raise PsfsError(
                f"the rating for '{activity}' is {score}; rate each activity with a whole "
                f"number from {LOWEST} (cannot do it) to {HIGHEST} (as well as before the pain)"
            )
        checked.append(PsfsItem(activity, score))
    return tuple(checked)


def same_activities(one: PsfsRating, other: PsfsRating) -> bool:
    """Whether two ratings are of the same activities (in any order, any letter case)."""
    return _activity_keys(one) == _activity_keys(other)


def _activity_keys(rating: PsfsRating) -> list[str]:
    return sorted(tidy_activity(activity).casefold() for activity in rating.activities)


def baseline(ratings: Sequence[PsfsRating]) -> PsfsRating | None:
    """The first rating of the newest rating's activities: the start its change is
    measured from (the newest itself when it named new activities)."""
    if not ratings:
        return None
    ordered = sorted(ratings, key=lambda rating: rating.on)
    newest = ordered[-1]
    start = newest
    for rating in reversed(ordered):
        if not same_activities(rating, newest):
            break
        start = rating
    return start
