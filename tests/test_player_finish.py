"""When a session counts as completed and what the finish screen asks (issue 13)."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import given
from hypothesis import strategies as st

from supple.player.finish import finish_screen, may_praise, recorded_ending, session_status
from test_player import routine


@dataclass(frozen=True)
class Event:
    index: int
    outcome: str


STEPS = routine()  # figure-four: steps 0-7; bird-dog: steps 8-9


def events(outcomes: dict[int, str]) -> list[Event]:
    return [Event(i, o) for i, o in sorted(outcomes.items())]


def test_every_step_recorded_is_completed_and_congratulated() -> None:
    every = events(dict.fromkeys(range(10), "done"))
    assert session_status(STEPS, every, ended_early=False) == "completed"
    screen = finish_screen(STEPS, every, ended_early=False, ended_by_pain=False)
    assert screen.congratulate and screen.rate == ("figure-four", "bird-dog")


def test_a_session_of_skipped_steps_does_not_count_and_neither_does_a_missing_step() -> None:
    # An independent tester skipped every step and was told "Well done", with a streak
    # of 1 and "1 sessions completed": skipped steps must not feed adherence or level-up.
    all_skipped = events(dict.fromkeys(range(10), "skipped"))
    assert session_status(STEPS, all_skipped, ended_early=False) == "quit"
    assert not finish_screen(
        STEPS, all_skipped, ended_early=False, ended_by_pain=False
    ).congratulate
    missing_last = events(dict.fromkeys(range(9), "done"))
    assert session_status(STEPS, missing_last, ended_early=False) == "quit"


def test_the_rest_of_an_exercise_stopped_for_pain_is_not_missing() -> None:
    stopped = events({0: "done", 1: "stopped_for_pain", 8: "done", 9: "done"})
    assert session_status(STEPS, stopped, ended_early=False) == "completed"
    screen = finish_screen(STEPS, stopped, ended_early=False, ended_by_pain=False)
    # The stopped exercise is not asked about: the stop already says how it felt.
    assert screen.rate == ("bird-dog",) and screen.stopped_for_pain == ("figure-four",)
    # And no "well done" above a pain stop.
    assert not screen.congratulate


def test_half_the_exercises_worked_counts_and_fewer_does_not() -> None:
    # figure-four skipped entirely, bird-dog done: one of two exercises worked.
    half = events(dict.fromkeys(range(8), "skipped") | {8: "done", 9: "done"})
    assert session_status(STEPS, half, ended_early=False) == "completed"
    none = events(dict.fromkeys(range(8), "skipped") | {8: "done", 9: "skipped"})
    assert session_status(STEPS, none, ended_early=False) == "quit"


def test_a_session_ended_by_pain_is_not_congratulated_and_rates_only_what_was_done() -> None:
    # Issue 13: after "end now" the finish screen said "Well done" and asked about
    # exercises never reached.
    ended = events({0: "done", 1: "done", 2: "done", 3: "stopped_for_pain"})
    screen = finish_screen(STEPS, ended, ended_early=True, ended_by_pain=True)
    assert (screen.status, screen.congratulate) == ("quit", False)
    assert screen.rate == ()
    reached = events(dict.fromkeys(range(8), "done") | {8: "stopped_for_pain"})
    screen = finish_screen(STEPS, reached, ended_early=True, ended_by_pain=True)
    assert screen.rate == ("figure-four",) and not screen.congratulate


def test_an_exercise_whose_work_was_all_skipped_is_not_asked_about() -> None:
    only_ready = events(
        {
            0: "done",
            1: "skipped",
            2: "done",
            3: "skipped",
            4: "done",
            5: "skipped",
            6: "done",
            7: "skipped",
            8: "done",
            9: "done",
        }
    )
    screen = finish_screen(STEPS, only_ready, ended_early=False, ended_by_pain=False)
    assert screen.rate == ("bird-dog",) and screen.congratulate


def test_an_early_end_without_pain_is_not_congratulated_either() -> None:
    screen = finish_screen(
        STEPS, events({0: "done", 1: "done"}), ended_early=True, ended_by_pain=False
    )
    assert screen.status == "quit" and not screen.congratulate and screen.rate == ("figure-four",)


# Issue u16b item 2: "Well done… Another one is fine" after pain 3 -> 7 and a "painful"
# rating. Praise waits for the answers and is withheld whenever the session hurt.
@given(
    stopped=st.booleans(),
    ratings=st.lists(st.sampled_from(["easy", "right", "hard", "painful"]), max_size=4),
    before=st.integers(0, 10),
    after=st.none() | st.integers(0, 10),
)
def test_praise_is_withheld_when_the_session_hurt(
    stopped: bool, ratings: list[str], before: int, after: int | None
) -> None:
    hurt = stopped or "painful" in ratings or after is None or after - before >= 2
    praised = may_praise(
        stopped_for_pain=stopped, ratings=ratings, pain_before=before, pain_after=after
    )
    assert praised is not hurt


def test_the_finding_pain_three_to_seven_and_painful_is_not_praised() -> None:
    assert not may_praise(stopped_for_pain=False, ratings=[], pain_before=3, pain_after=7)
    assert not may_praise(stopped_for_pain=False, ratings=["painful"], pain_before=3, pain_after=3)
    assert not may_praise(stopped_for_pain=False, ratings=["right"], pain_before=3, pain_after=5)
    assert may_praise(stopped_for_pain=False, ratings=["right"], pain_before=3, pain_after=4)


def test_the_ending_is_known_from_the_record_when_the_page_forgets_it() -> None:
    """t13b: the finish screen opened again later said "Session ended early" after a
    pain stop, and dropped the warning-sign questions after pain down the leg."""
    stopped = events({0: "done", 1: "stopped_for_pain"})
    leg = events({0: "done", 1: "stopped_leg_pain"})
    leg_while_getting_ready = events({0: "leg_pain_uncounted"})
    assert recorded_ending(None, STEPS, stopped) == "pain"
    assert recorded_ending(None, STEPS, leg) == "leg"
    assert recorded_ending(None, STEPS, leg_while_getting_ready) == "leg"
    # "End now" pressed after a stop for pain down the leg still leads to the questions.
    assert recorded_ending("early", STEPS, leg) == "leg"
    assert recorded_ending("pain", STEPS, leg) == "leg"
    # Without a stop, the page's word stands; nothing recorded says otherwise.
    assert recorded_ending("early", STEPS, events({0: "done"})) == "early"
    assert recorded_ending(None, STEPS, events({0: "done"})) is None


def test_a_session_played_to_its_end_after_a_stop_stays_finished() -> None:
    # figure-four stopped at its first step (the rest of it is passed over), bird-dog done.
    played_on = events({0: "stopped_for_pain", 8: "done", 9: "done"})
    assert session_status(STEPS, played_on, ended_early=False) == "completed"
    assert recorded_ending(None, STEPS, played_on) is None
