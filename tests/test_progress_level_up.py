"""The level-up rule and what the offer says will change (issue 13)."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from session_logs import MONDAY, fresh_answers, log, spread, weeks_of
from supple.catalog import default_catalog
from supple.progress import adapt, level_offer
from supple.progress.log import Rating

LAST = MONDAY + timedelta(days=13)


def offered(sessions: list, **kwargs: object) -> bool:  # type: ignore[type-arg]
    result = adapt(
        sessions,
        today=LAST,
        level="beginner",
        level_since=None,
        regressions={},
        warning_signs_answered=fresh_answers(LAST),
        **kwargs,  # type: ignore[arg-type]
    )
    return result.offer is not None


def test_six_good_sessions_over_fourteen_days_are_offered_the_next_level() -> None:
    assert offered(spread(6, 14))
    assert not offered(spread(5, 14))
    assert not offered(spread(8, 13))


def test_no_level_up_without_pain_after_recorded() -> None:
    # Issue 13: sessions with no "pain after" were offered a level-up.
    assert not offered(spread(6, 14, after=None))
    assert not offered(spread(6, 14, before=None))
    one_missing = spread(6, 14)
    one_missing[3] = log(one_missing[3].day, after=None)
    assert level_offer(one_missing, "beginner", None) is None


def test_pain_after_may_be_one_point_above_before_but_not_two() -> None:
    assert offered(spread(6, 14, before=3, after=4))
    sessions = spread(6, 14, before=3, after=4)
    sessions[-1] = log(sessions[-1].day, before=3, after=5)
    assert not offered(sessions)


@pytest.mark.parametrize("rating", ["hard", "painful"])
def test_a_hard_or_painful_rating_blocks_the_offer(rating: Rating) -> None:
    sessions = spread(6, 14)
    sessions[2] = log(sessions[2].day, ratings={"pigeon-pose": rating})
    assert not offered(sessions)


def test_a_pain_stop_even_in_a_quit_session_blocks_the_offer() -> None:
    sessions = spread(6, 14)
    quit_stop = log(sessions[2].day, completed=False, stopped=("pigeon-pose",))
    assert not offered([*sessions, quit_stop])
    assert offered([*sessions, log(sessions[2].day, completed=False)])


def test_pain_down_the_leg_counted_against_no_exercise_still_blocks_the_offer() -> None:
    """Physiotherapist's review (MUST-4): a session ended for pain down the leg during
    get-ready (said not to come from the next exercise) was followed by "Good, steady
    practice ... move up"; the rule is "no pain stops", whatever they count against."""
    sessions = spread(6, 14)
    for completed in (True, False):
        uncounted = replace(log(sessions[3].day, completed=completed), leg_pain_uncounted=True)
        assert not offered([*sessions, uncounted]), completed


def test_a_rising_trend_blocks_the_offer() -> None:
    # Pain before creeps up a point a week, each session steady: no step up.
    rising = [
        log(MONDAY + timedelta(days=i * 2), before=2 + i // 4, after=2 + i // 4) for i in range(8)
    ]
    assert not offered(rising)
    steady = [log(MONDAY + timedelta(days=i * 2), before=2, after=2) for i in range(8)]
    assert offered(steady)


def test_pain_before_climbing_from_three_to_eight_offers_no_level_up() -> None:
    # Issue 13: climbing pain offered a level-up and said to see a GP in one report.
    sessions, today = weeks_of([[3, 3, 3], [5, 6, 6], [8, 8, 8]])
    result = adapt(
        sessions,
        today=today,
        level="beginner",
        level_since=None,
        regressions={},
        warning_signs_answered=fresh_answers(today),
    )
    assert result.message is not None
    assert result.offer is None and result.adjustments().level_up is None
    assert result.adjustments().offer_level is None


def test_an_escalation_from_a_check_in_blocks_the_offer() -> None:
    from supple.progress import CheckIn

    checkins = [CheckIn(MONDAY, 2, 2, 2), CheckIn(MONDAY + timedelta(7), 5, 5, 5)]
    assert offered(spread(6, 14))
    assert not offered(spread(6, 14), checkins=checkins)


def test_stale_warning_sign_answers_ask_the_questions_again_instead_of_offering() -> None:
    sessions = spread(6, 14)
    common = {"today": LAST, "level": "beginner", "level_since": None, "regressions": {}}
    stale = adapt(
        sessions, warning_signs_answered=fresh_answers(LAST) - timedelta(days=22), **common
    )  # type: ignore[arg-type]
    assert stale.offer is None and stale.recheck == ("before_level_up",)
    assert "4 weeks" in " ".join(stale.to_dict()["ask_warning_signs_again_text"])
    never = adapt(sessions, warning_signs_answered=None, **common)  # type: ignore[arg-type]
    assert never.offer is None and never.recheck == ("before_level_up",)
    four_weeks = adapt(
        sessions, warning_signs_answered=fresh_answers(LAST) - timedelta(days=21), **common
    )  # type: ignore[arg-type]
    assert four_weeks.offer is not None and four_weeks.recheck == ()


def test_the_offer_alone_names_no_catalog_doses_the_plan_may_not_hold() -> None:
    # The catalog's doses are not the plan's (warm-ups grow, sets grow, variants): only
    # the planner, comparing the two plans, says what changes (supple.planning.levels).
    catalog = default_catalog()
    plan = {k: catalog.exercises[k] for k in ("bird-dog", "brisk-walk", "cat-cow")}
    offer = level_offer(spread(6, 14), "beginner", None, exercises=plan)
    assert offer is not None and offer.to_level == "intermediate"
    assert not offer.planned and offer.doses == () and offer.added == ()
    assert "60 s to 120 s" not in offer.message
    assert offer.message.endswith("Your plan lists what it changes.")


def test_at_the_top_level_the_offer_names_the_harder_variants() -> None:
    catalog = default_catalog()
    plan = {"bird-dog": catalog.exercises["bird-dog"]}
    offer = level_offer(spread(6, 14), "advanced", None, exercises=plan)
    assert offer is not None and offer.to_level is None and offer.kind == "variants"
    harder = [v.name for v in catalog.exercises["bird-dog"].variants if v.direction == "harder"]
    assert offer.variants == (("Bird dog", tuple(harder)),) or offer.variants[0][1] == tuple(harder)
    assert all(name in offer.message for name in harder)
