"""The store's goals and reviews (SQLite and PostgreSQL): kept as said, read oldest first,
scored as the mean, other profiles' records apart, and bad input refused with nothing
written (a review and its goal ratings are kept together or not at all)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from supple.store import Store
from supple.store.schema import RecordError

T = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
GOALS = [{"activity": "Tying my shoes", "score": 3}, {"activity": "Walking", "score": 6}]


def test_goal_ratings_are_kept_in_order_with_their_mean(store: Store) -> None:
    later = [{"activity": "Tying my shoes", "score": 7}, {"activity": "Walking", "score": 8}]
    store.save_psfs("me", later, now=T + timedelta(weeks=4))
    first = store.save_psfs("me", GOALS, now=T)
    assert first.score == 4.5 and first.to_dict()["score"] == 4.5
    ratings = store.psfs_ratings("me")
    assert [(r.rated_at, r.items, r.score) for r in ratings] == [
        (T, GOALS, 4.5),
        (T + timedelta(weeks=4), later, 7.5),
    ]
    assert store.psfs_ratings("partner") == []
    assert store.has_records("me")


def test_a_review_keeps_its_change_rating_and_the_goals_rated_with_it(store: Store) -> None:
    store.save_psfs("me", GOALS, now=T)
    again = [{"activity": "Tying my shoes", "score": 5}, {"activity": "Walking", "score": 6}]
    review = store.save_review("me", -2, again, now=T + timedelta(weeks=4))
    assert (review.groc, review.reviewed_at) == (-2, T + timedelta(weeks=4))
    assert [r.score for r in store.psfs_ratings("me")] == [4.5, 5.5]
    assert [r.groc for r in store.outcome_reviews("me")] == [-2]
    assert store.outcome_reviews("partner") == []


@pytest.mark.parametrize(
    ("items", "message"),
    [
        ([], "List should have at least 1 item"),
        ([{"activity": "Walking", "score": 11}], r"items\[0\]\.score"),
        ([{"activity": "  ", "score": 1}], "activity 1 is empty"),
        ([{"activity": "Walking", "score": 1}, {"activity": "WALKING", "score": 2}], "twice"),
        ([{"activity": f"a{n}", "score": 1} for n in range(4)], "at most 3 items"),
        ([{"activity": "Walking", "score": "4"}], r"items\[0\]\.score"),
        ([{"activity": "Walking", "score": 4, "colour": "red"}], r"items\[0\]\.colour"),
    ],
)
def test_bad_goals_are_refused_and_nothing_is_written(
    store: Store, items: list[dict[str, object]], message: str
) -> None:
    with pytest.raises(RecordError, match=message):
        store.save_psfs("me", items)
    with pytest.raises(RecordError, match=message):
        store.save_review("me", 3, items)
    assert store.psfs_ratings("me") == [] and store.outcome_reviews("me") == []


@pytest.mark.parametrize("groc", [-8, 8, True, "3"])
def test_a_change_rating_outside_minus_7_to_7_is_refused(store: Store, groc: object) -> None:
    with pytest.raises(RecordError, match="groc"):
        store.save_review("me", groc, GOALS)  # type: ignore[arg-type]
    assert store.psfs_ratings("me") == [] and store.outcome_reviews("me") == []
