"""The outcomes core: PSFS items and score, the GROC scale, the review's thresholds
(a change exactly at, just below and just above each), its verdict and its due dates."""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from supple.outcomes import (
    GrocError,
    Point,
    PsfsError,
    PsfsItem,
    PsfsRating,
    build_review,
    check_groc,
    check_items,
    default_outcomes_data,
    groc_choices,
    review_schedule,
)
from supple.outcomes.data import OutcomesDataError, load_outcomes_data
from supple.outcomes.psfs import baseline
from supple.outcomes.review import SEE_SOMEONE, lower_is_better_change, psfs_change, verdict_of
from supple.progress.adapt import SEE_SOMEONE as ADAPT_SEE_SOMEONE
from supple.progress.adapt import UNTIL_SEEN as ADAPT_UNTIL_SEEN

DATA = default_outcomes_data()
D0 = date(2026, 3, 2)
NOW = D0 + timedelta(weeks=4)


def rating(
    on: date, *scores: int, names: tuple[str, ...] = ("Tying shoes", "Walking")
) -> PsfsRating:
    return PsfsRating(on, tuple(PsfsItem(n, s) for n, s in zip(names, scores, strict=False)))


# PSFS items --------------------------------------------------------------------------


def test_items_are_tidied_and_kept_in_the_order_named() -> None:
    items = check_items([("  Tying   my shoes ", 4), ("Walking 20 minutes", 0)])
    assert items == (PsfsItem("Tying my shoes", 4), PsfsItem("Walking 20 minutes", 0))


@pytest.mark.parametrize(
    ("items", "message"),
    [
        ([], "at least one activity"),
        ([("Tying shoes", 11)], "is 11; rate each activity with a whole number from 0"),
        ([("Tying shoes", -1)], "is -1"),
        ([("Tying shoes", True)], "is True"),
        ([("Tying shoes", "4")], "is 4"),
        ([("   ", 4)], "activity 1 is empty"),
        ([("a", 1), ("b", 2), ("c", 3), ("d", 4)], "4 activities given; name up to 3"),
        ([("Tying shoes", 1), ("tying  SHOES", 2)], "named twice"),
        ([("x" * 81, 1)], "81 characters long"),
        ([("bell\x07here", 1)], "control character"),
    ],
)
def test_bad_items_are_refused_with_what_to_change(
    items: list[tuple[str, object]], message: str
) -> None:
    with pytest.raises(PsfsError, match=message):
        check_items(items)


@given(st.lists(st.integers(0, 10), min_size=1, max_size=3))
def test_the_score_is_the_mean_of_the_items(scores: list[int]) -> None:
    names = ("one", "two", "three")
    found = rating(D0, *scores, names=names[: len(scores)])
    assert found.score == Fraction(sum(scores), len(scores))
    assert 0 <= found.score <= 10


def test_the_baseline_is_the_first_rating_of_the_newest_activities() -> None:
    first = rating(D0, 2, 3)
    again = rating(D0 + timedelta(weeks=4), 4, 5, names=("walking", "TYING SHOES"))
    assert baseline([again, first]) is first
    changed = rating(D0 + timedelta(weeks=8), 6, names=("Lifting a child",))
    assert baseline([first, again, changed]) is changed
    assert baseline([]) is None


# GROC ----------------------------------------------------------------------------------


def test_the_groc_scale_runs_from_minus_7_to_plus_7_with_plain_words() -> None:
    choices = groc_choices()
    assert [value for value, _ in choices] == list(range(-7, 8))
    assert choices[7] == (0, "About the same")
    assert choices[0][1].endswith("worse") and choices[-1][1].endswith("better")
    assert len({words for _, words in choices}) == 15


@pytest.mark.parametrize("value", [-8, 8, 11, "3", 2.0, True, None])
def test_a_groc_outside_the_scale_is_refused(value: object) -> None:
    with pytest.raises(GrocError, match="from -7"):
        check_groc(value)


# Thresholds: exactly at, just below and just above -----------------------------------


@pytest.mark.parametrize(
    ("start", "end", "direction"),
    [
        (4, 6, "better"),  # +2.0: exactly at the threshold counts
        (4, 5.5, "no_change"),  # +1.5: below
        (4, 6.5, "better"),  # +2.5: above
        (6, 4, "worse"),
        (6, 4.5, "no_change"),
        (6, 3.5, "worse"),
    ],
)
def test_psfs_change_is_real_from_2_points_on_average(
    start: float, end: float, direction: str
) -> None:
    # Two items, so half points are reachable: (a + b) / 2.
    first = rating(D0, int(start), int(start))
    now_scores = (int(end), int(end * 2) - int(end))
    now = rating(NOW, *now_scores)
    assert now.score == Fraction(str(end))
    assert psfs_change([first, now], DATA).direction == direction


@pytest.mark.parametrize(
    ("first", "now", "direction"),
    [
        ("5", "4", "better"),  # -1 exactly
        ("5", "4.34", "no_change"),  # -0.66 below
        ("5", "3.67", "better"),
        ("5", "6", "worse"),
        ("5", "5.67", "no_change"),
        ("5", "6.34", "worse"),
    ],
)
def test_peg_change_is_real_from_1_point(first: str, now: str, direction: str) -> None:
    series = [Point(D0, Fraction(first)), Point(NOW, Fraction(now))]
    assert lower_is_better_change("peg", series, DATA).direction == direction


@pytest.mark.parametrize(
    ("first", "now", "direction"),
    [
        ("8", "6", "better"),  # -2 points exactly (25%)
        ("8", "6.5", "no_change"),  # -1.5 points, 18.75%
        ("8", "5.5", "better"),
        ("5", "3.5", "better"),  # -1.5 points but exactly 30%, from 4 or more
        ("5", "3.6", "no_change"),  # 28%
        ("5", "3.4", "better"),  # 32%
        ("4", "2.8", "better"),  # exactly 30% from exactly 4: the 30% rule applies
        ("3.9", "2.7", "no_change"),  # 30.8% but from below 4: points alone
        ("3", "2", "no_change"),  # 33% from 3: not a real change
        ("1", "0.7", "no_change"),  # 30% of very little is not an improvement
        ("3", "4", "no_change"),  # +1 point (33%): worse only from 2 points up
        ("3", "4.9", "no_change"),  # +1.9: just below
        ("3", "5", "worse"),  # +2 exactly
        ("3", "5.5", "worse"),  # above
        ("1", "1.3", "no_change"),  # issue 13's bug: 1.0 -> 1.3 is not worse
        ("0.5", "0.7", "no_change"),
        ("2", "3", "no_change"),
        ("8", "9.5", "no_change"),
        ("8", "10", "worse"),
        ("0", "1", "no_change"),
        ("0", "2", "worse"),
    ],
)
def test_pain_worse_takes_2_points_and_the_30_percent_rule_needs_a_start_of_4(
    first: str, now: str, direction: str
) -> None:
    series = [Point(D0, Fraction(first), 3), Point(NOW, Fraction(now), 3)]
    assert lower_is_better_change("pain", series, DATA).direction == direction


@pytest.mark.parametrize(
    ("first_ratings", "now_ratings", "compared"),
    [(3, 3, True), (2, 3, False), (3, 2, False), (5, 4, True), (1, 1, False)],
)
def test_a_pain_week_needs_3_ratings_to_be_compared(
    first_ratings: int, now_ratings: int, compared: bool
) -> None:
    series = [Point(D0, Fraction(6), first_ratings), Point(NOW, Fraction(2), now_ratings)]
    found = lower_is_better_change("pain", series, DATA)
    assert (found.direction != "unknown") is compared
    assert found.direction == ("better" if compared else "unknown")


def test_weeks_with_too_few_ratings_are_passed_over_for_the_nearest_with_enough() -> None:
    weeks = [
        Point(D0, Fraction(9), 1),
        Point(D0 + timedelta(weeks=1), Fraction(6), 3),
        Point(D0 + timedelta(weeks=2), Fraction(2), 4),
        Point(NOW, Fraction(10), 2),
    ]
    found = lower_is_better_change("pain", weeks, DATA)
    assert found.first == weeks[1] and found.now == weeks[2]
    assert found.direction == "better"


def test_a_measure_with_one_point_is_not_compared() -> None:
    assert lower_is_better_change("pain", [Point(D0, Fraction(5), 3)], DATA).direction == "unknown"
    assert psfs_change([rating(D0, 3)], DATA).direction == "unknown"
    assert psfs_change([], DATA).first is None


# The verdict and what it means for the plan ------------------------------------------


def _review(
    psfs: list[PsfsRating], pain: list[str], groc: int | None, escalation: str | None = None
):  # type: ignore[no-untyped-def]
    schedule = review_schedule(D0, [], NOW)
    points = [Point(D0 + timedelta(weeks=n), Fraction(v), 3) for n, v in enumerate(pain)]
    return build_review(schedule, psfs, [], points, groc, escalation)


def test_better_figures_and_no_worse_say_keep_going() -> None:
    found = _review([rating(D0, 2, 2), rating(NOW, 5, 5)], ["6", "6"], 3)
    assert found.verdict == "better"
    assert "Keep going with your plan" in found.plan_advice


def test_any_real_worsening_says_worse_and_advises_booking_in_the_escalations_words() -> None:
    found = _review([rating(D0, 2, 2), rating(NOW, 6, 6)], ["4", "6"], 5)
    assert found.verdict == "worse"
    assert found.plan_advice == f"{ADAPT_SEE_SOMEONE} {ADAPT_UNTIL_SEEN}"
    assert SEE_SOMEONE == ADAPT_SEE_SOMEONE


def test_the_persons_own_worse_outweighs_better_figures() -> None:
    found = _review([rating(D0, 2, 2), rating(NOW, 6, 6)], ["6", "3"], -2)
    assert found.verdict == "worse"
    assert _review([rating(D0, 2, 2), rating(NOW, 6, 6)], ["6", "3"], -1).verdict == "better"


def test_their_own_better_alone_is_not_a_real_change() -> None:
    found = _review([rating(D0, 4, 4), rating(NOW, 5, 5)], ["5", "5"], 6)
    assert found.verdict == "no_change"
    assert "No real change yet" in found.summary


def test_a_standing_escalation_is_shown_as_it_is_and_never_contradicted() -> None:
    escalation = f"{ADAPT_SEE_SOMEONE} Your pain rose. {ADAPT_UNTIL_SEEN}"
    found = _review([rating(D0, 2, 2), rating(NOW, 6, 6)], ["6", "3"], 5, escalation)
    assert found.verdict == "better"
    assert found.plan_advice == escalation
    assert "Keep going" not in found.plan_advice


@pytest.mark.parametrize(
    ("first", "now", "low"),
    [
        ("1", "1", True),
        ("2", "2", True),
        ("0", "1.5", True),
        ("3", "2", True),
        ("2", "2.5", False),
        ("5", "4", False),
    ],
)
def test_pain_that_stays_low_is_said_to_be_a_good_result(first: str, now: str, low: bool) -> None:
    found = _review([], [first, now], None)
    assert found.verdict == "no_change"
    said = "Your pain has stayed low. That is a good result: keep going with your plan."
    assert (found.summary == said) is low
    assert ("change often takes" not in found.plan_advice) is low
    assert "No real change" not in found.summary if low else True


def test_low_pain_is_not_called_good_when_something_is_worse() -> None:
    found = _review([], ["1", "1"], -3)
    assert found.verdict == "worse" and "stayed low" not in found.summary


def test_nothing_to_compare_says_so() -> None:
    found = _review([], [], None)
    assert found.verdict == "no_change"
    assert "not enough recorded yet" in found.summary


@given(
    st.lists(st.integers(0, 10), min_size=2, max_size=2),
    st.lists(st.integers(0, 10), min_size=2, max_size=2),
    st.one_of(st.none(), st.integers(-7, 7)),
)
def test_the_verdict_is_worse_whenever_any_measure_is_worse(
    psfs: list[int], pain: list[int], groc: int | None
) -> None:
    found = _review([rating(D0, psfs[0]), rating(NOW, psfs[1])], [str(p) for p in pain], groc)
    directions = {change.direction for change in found.changes}
    if "worse" in directions or (groc is not None and groc <= -2):
        assert found.verdict == "worse"
    assert verdict_of(found.changes, groc) == found.verdict


# Due dates -----------------------------------------------------------------------------


def test_no_review_before_a_plan_nor_in_the_first_4_weeks() -> None:
    assert not review_schedule(None, [], D0).due
    early = review_schedule(D0, [], D0 + timedelta(days=27))
    assert not early.due and early.next_on == D0 + timedelta(days=28)


def test_the_review_is_due_every_4_weeks_until_one_is_recorded() -> None:
    due = review_schedule(D0, [], D0 + timedelta(days=28))
    assert due.due and due.due_on == D0 + timedelta(days=28)
    late = review_schedule(D0, [], D0 + timedelta(days=40))
    assert late.due_on == D0 + timedelta(days=28)
    done = review_schedule(D0, [D0 + timedelta(days=30)], D0 + timedelta(days=40))
    assert not done.due and done.next_on == D0 + timedelta(days=56)
    again = review_schedule(D0, [D0 + timedelta(days=30)], D0 + timedelta(days=56))
    assert again.due and again.due_on == D0 + timedelta(days=56)


def test_a_review_recorded_before_it_fell_due_does_not_count_for_it() -> None:
    early = review_schedule(D0, [D0 + timedelta(days=27)], D0 + timedelta(days=28))
    assert early.due


# The data file -------------------------------------------------------------------------


def test_every_threshold_cites_a_defined_source() -> None:
    for rule in (DATA.psfs, DATA.peg, DATA.pain):
        assert DATA.cited(rule.sources)
    assert DATA.psfs.amount == 2 and DATA.peg.amount == 1
    assert DATA.pain.amount == 2 and DATA.pain.share == Fraction(3, 10)


def test_an_unknown_field_or_an_undefined_source_stops_loading(tmp_path: Path) -> None:
    text = (Path(__file__).parents[1] / "src/supple/outcomes/thresholds.toml").read_text()
    broken = tmp_path / "thresholds.toml"
    broken.write_text(text.replace("[psfs]\n", "[psfs]\ncolour = 'red'\n"))
    with pytest.raises(OutcomesDataError, match=r"psfs\.colour"):
        load_outcomes_data(broken)
    broken.write_text(text.replace('"krebs-2009", ', ""))
    with pytest.raises(OutcomesDataError, match="no threshold cites: krebs-2009"):
        load_outcomes_data(broken)
