"""The pain-stop follow-on rule, alone and as the terminal runner plays it (issue 13)."""

from __future__ import annotations

import json

import pytest

from supple.player.pain_stop import (
    CHOICES,
    QUESTION,
    SAFETY_LINE_EMERGENCY,
    SAFETY_LINE_STOP,
    PainStopState,
    after_pain_stop,
    choices,
    follow_on_table,
    step_kind,
)
from supple.player.runner import Tick
from test_player import FakeClock, routine, run


def test_a_stop_during_an_exercise_counts_against_it_whatever_the_choice() -> None:
    state = PainStopState("exercise", "bird-dog")
    for choice in CHOICES:
        follow = after_pain_stop(state, choice)
        recorded = "stopped_leg_pain" if choice == "end_and_warning_signs" else "stopped_for_pain"
        assert (follow.step_outcome, follow.stopped_exercise) == (recorded, "bird-dog")
    skip = after_pain_stop(state, "skip_to_next")
    assert (skip.next, skip.skip_exercise, skip.session_ended_by_pain) == (
        "next_exercise",
        "bird-dog",
        False,
    )
    end = after_pain_stop(state, "end_session")
    assert (end.next, end.pain_kind, end.session_ended_by_pain) == ("end_session", "sharp", True)
    leg = after_pain_stop(state, "end_and_warning_signs")
    assert (leg.next, leg.pain_kind, leg.session_ended_by_pain) == (
        "warning_signs",
        "down_the_leg",
        True,
    )


@pytest.mark.parametrize("kind", ["get_ready", "transition"])
def test_a_stop_before_an_exercise_counts_against_it_only_if_the_person_says_so(
    kind: str,
) -> None:
    state = PainStopState(kind, "bird-dog")  # type: ignore[arg-type]
    not_counted = after_pain_stop(state, "skip_to_next")
    assert (not_counted.step_outcome, not_counted.stopped_exercise) == ("skipped", None)
    # Nothing starts straight after a pain stop: the upcoming exercise is skipped too.
    assert not_counted.skip_exercise == "bird-dog"
    counted = after_pain_stop(state, "end_session", counts_against_upcoming=True)
    assert (counted.step_outcome, counted.stopped_exercise) == ("stopped_for_pain", "bird-dog")
    leg = after_pain_stop(state, "end_and_warning_signs")
    assert leg.next == "warning_signs" and leg.stopped_exercise is None
    # Not blamed on the exercise, but never lost: recorded as its own kind of event, so
    # the warning-sign questions are due before the next session all the same.
    assert leg.step_outcome == "leg_pain_uncounted"
    said = after_pain_stop(state, "end_and_warning_signs", counts_against_upcoming=True)
    assert (said.step_outcome, said.stopped_exercise) == ("stopped_leg_pain", "bird-dog")


def test_skipping_on_is_offered_only_while_the_pain_is_easing() -> None:
    assert choices(easing=True) == CHOICES
    assert "skip_to_next" not in choices(easing=False)
    assert set(choices(easing=False)) == {"end_session", "end_and_warning_signs"}


def test_timeline_kinds_map_to_the_rule() -> None:
    assert [step_kind(k) for k in ("ready", "transition", "hold", "reps", "rest", "switch")] == [
        "get_ready",
        "transition",
        "exercise",
        "exercise",
        "exercise",
        "exercise",
    ]


def test_the_table_for_the_browser_is_the_rule() -> None:
    table = json.loads(json.dumps(follow_on_table()))
    assert len(table) == 3 * 2 + 3 * 2 + 3  # get-ready and transition ask; exercise does not
    for row in table:
        follow = after_pain_stop(
            PainStopState(row["step_kind"], "<exercise>"),
            row["choice"],
            counts_against_upcoming=row["counts_against_upcoming"],
        )
        assert {k: row[k] for k in follow.to_dict()} == follow.to_dict()
        assert row["offered_when_not_easing"] == (row["choice"] != "skip_to_next")


# The terminal runner follows the rule ------------------------------------------------


def test_runner_pain_stop_then_end_the_session_is_ended_by_pain() -> None:
    clock = FakeClock()
    result, written = run(routine(), clock, [(25.0, "x"), (30.0, "q")])
    assert result.quit and result.ended_by_pain and not result.ask_warning_signs
    assert [(r.index, r.outcome) for r in written] == [(0, "done"), (1, "stopped_for_pain")]
    assert result.stopped_for_pain == ("figure-four",)


def test_runner_pain_down_the_leg_ends_and_asks_the_warning_sign_questions() -> None:
    clock = FakeClock()
    result, written = run(routine(), clock, [(25.0, "x"), (30.0, "l")])
    assert result.ended_by_pain and result.ask_warning_signs
    assert result.stopped_leg_pain == ("figure-four",)
    # The kind of pain is what gets written, so the store and the next plan know it.
    assert [(r.index, r.outcome) for r in written] == [(0, "done"), (1, "stopped_leg_pain")]


def test_runner_stop_while_getting_ready_is_not_counted_unless_the_person_says_so() -> None:
    result, written = run(routine(), FakeClock(), [(5.0, "x"), (8.0, "n")])
    assert result.stopped_for_pain == ()
    assert [(r.index, r.outcome) for r in written][:2] == [(0, "skipped"), (8, "done")]
    counted, written = run(routine(), FakeClock(), [(5.0, "x"), (6.0, "c"), (8.0, "n")])
    assert counted.stopped_for_pain == ("figure-four",)
    assert (written[0].index, written[0].outcome) == (0, "stopped_for_pain")


def test_runner_leg_pain_while_getting_ready_not_counted_still_asks_the_questions() -> None:
    result, written = run(routine(), FakeClock(), [(5.0, "x"), (8.0, "l")])
    assert result.ended_by_pain and result.ask_warning_signs
    assert result.stopped_for_pain == () and result.stopped_leg_pain == ()
    assert [(r.index, r.outcome) for r in written] == [(0, "leg_pain_uncounted")]


def test_runner_stop_during_a_transition_counts_against_the_next_exercise_when_said() -> None:
    # Step 8 (transition into bird-dog) runs from 160 s to 180 s.
    result, written = run(routine(), FakeClock(), [(165.0, "x"), (166.0, "c"), (167.0, "q")])
    assert result.stopped_for_pain == ("bird-dog",) and result.ended_by_pain
    assert (written[-1].index, written[-1].outcome) == (8, "stopped_for_pain")


def test_runner_ignores_other_keys_while_the_question_is_on_screen() -> None:
    clock = FakeClock()
    result, written = run(routine(), clock, [(25.0, "x"), (26.0, " "), (27.0, "p"), (40.0, "n")])
    assert [r.index for r in written] == [0, 1, 8, 9]
    assert result.finished


def test_the_terminal_screen_during_a_pain_stop_shows_its_keys_not_space() -> None:
    """Issue 13, F7: while the pain-stop question waits, space does nothing, so the big
    line names the keys the question offers instead of "press space to carry on"."""
    import io

    from rich.console import Console

    from supple.player.display import SessionDisplay

    ticks: list[Tick] = []
    run(routine(), FakeClock(), [(25.0, "x"), (30.0, "q")], ticks=ticks)
    stopped = [t for t in ticks if t.notice and t.notice.startswith(QUESTION)]
    assert stopped
    screen = Console(file=io.StringIO(), width=100, record=True)
    display = SessionDisplay(routine(), {"figure-four": "Figure-four stretch"}, screen, live=False)
    display.tick(stopped[-1])
    screen.print(display.render(stopped[-1], 0.0))
    text = screen.export_text()
    assert "press space" not in text
    assert "STOPPED FOR PAIN: press n, q or l" in text
    # An ordinary pause still says how to carry on.
    paused = Tick(1, routine()[1], None, 5.0, 0.5, 0.5, paused=True)
    screen = Console(file=io.StringIO(), width=100, record=True)
    screen.print(SessionDisplay(routine(), {}, screen, live=False).render(paused, 0.0))
    assert "press space to carry on" in screen.export_text()


def test_the_players_safety_line_names_the_right_area_new_problems_and_both_legs() -> None:
    """The physiotherapist's wording (review MUST 2): "groin" is the thigh crease, not
    the cauda equina area; bladder or bowel problems must be new; weakness is in both
    legs, not tired legs after bridges."""
    assert SAFETY_LINE_STOP == "Sharp pain, or pain spreading down a leg: stop."
    assert SAFETY_LINE_EMERGENCY == (
        "Numb between the legs, new pee or poo problems, both legs weak: call 999/112/911."
    )
    assert "groin" not in SAFETY_LINE_EMERGENCY.lower()
