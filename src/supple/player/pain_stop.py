"""What happens after "sharp pain: stop", and what is recorded: one rule for every player.

The terminal runner (``supple.player.runner``) calls ``after_pain_stop``; the browser
player reads the same rule as data (``follow_on_table``), so the two cannot drift.

The rule (issue 13): the stop pauses everything and asks whether the pain is easing,
then offers "skip to the next exercise", "end the session", or, for pain that spreads
down the leg, "end the session and answer the warning-sign questions". The stop is
recorded against the exercise being done (``stopped_leg_pain`` when the pain spread
down the leg, else ``stopped_for_pain``); a stop during get-ready or a change of
position counts against the exercise about to start only if the person says so.

Choices left open, decided towards caution:

- while the pain is not easing, "skip to the next exercise" is not offered: the
  session ends (with or without the warning-sign questions);
- "skip to the next exercise" during get-ready or a transition skips the exercise
  about to start as well, whether or not the stop counts against it: nothing starts
  straight after a pain stop that the person did not choose;
- a get-ready or transition step stopped for sharp pain without counting it against
  the exercise is recorded as ``skipped``: the person cut it short, and no exercise is
  blamed;
- pain down the leg always ends the session and always goes to the questions, even
  when the stop is not counted against an exercise; such a stop is recorded as
  ``leg_pain_uncounted``: no exercise is blamed (the next plan keeps it), but the
  history keeps the event, so the warning-sign questions are due before the next
  session whatever the person answered about where the pain came from.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import product
from typing import Any, Literal

StepKind = Literal["get_ready", "transition", "exercise"]
Choice = Literal["skip_to_next", "end_session", "end_and_warning_signs"]
Next = Literal["next_exercise", "end_session", "warning_signs"]
Recorded = Literal["stopped_for_pain", "stopped_leg_pain", "leg_pain_uncounted", "skipped"]
PainKind = Literal["sharp", "down_the_leg"]

CHOICES: tuple[Choice, ...] = ("skip_to_next", "end_session", "end_and_warning_signs")
STEP_KINDS: tuple[StepKind, ...] = ("get_ready", "transition", "exercise")

# Words the players show, in large type, while everything is paused.
QUESTION = "Stopped. Is the pain easing?"
CHOICE_LABELS: dict[Choice, str] = {
    "skip_to_next": "Skip to the next exercise",
    "end_session": "End the session",
    "end_and_warning_signs": "Pain down the leg: end the session and answer the warning-sign "
    "questions",
}
COUNT_IT_LABEL = "The pain came from the exercise about to start"
# Pain down the leg can come with the signs of a squeezed nerve bundle at the base of the
# spine (cauda equina): every player says, beside the leg-pain choice and after it, that
# those signs are an emergency, not a matter for the warning-sign questions next time.
# Loss of feeling comes before loss of control, and one leg getting weaker counts too
# (the physiotherapist's review of issue 17).
LEG_PAIN_EMERGENCY = (
    "If you have numbness between your legs or around your bottom, cannot feel or "
    "control when you pee or poo, or have weakness in both legs or a leg is getting "
    "weaker, call 999/112/911 or go to an emergency department now."
)
# Always on the browser player's one screen, whatever its state (issue 16): when to stop,
# and the signs that mean an emergency. The site's full safety footer would sit below
# the player, out of sight on a phone on the floor, so these two short sentences stand
# in for it during a session; short enough for two lines in a phone's landscape column
# and three at 360 px.
# The wording is a physiotherapist's (p17b review): the cauda equina area is between
# the legs (in the UK "groin" is the crease at the top of the thigh), bladder or bowel
# problems count when they are new, and the weakness that matters is in both legs.
SAFETY_LINE_STOP = "Sharp pain, or pain spreading down a leg: stop."
SAFETY_LINE_EMERGENCY = (
    "Numb between the legs, new pee or poo problems, both legs weak: call 999/112/911."
)


def step_kind(timeline_kind: str) -> StepKind:
    """A timeline step's kind as the rule sees it."""
    if timeline_kind == "ready":
        return "get_ready"
    if timeline_kind == "transition":
        return "transition"
    return "exercise"


@dataclass(frozen=True)
class PainStopState:
    """Where the session was when the stop was pressed.

    ``exercise`` is the exercise under way (an exercise step) or about to start (a
    get-ready or transition step); None on a step that belongs to no exercise.
    """

    kind: StepKind
    exercise: str | None


@dataclass(frozen=True)
class FollowOn:
    """What happens next and what is recorded.

    ``step_outcome`` is the outcome written for the step that was under way;
    ``stopped_exercise`` the exercise the stop counts against (None: none);
    ``skip_exercise`` the exercise whose remaining steps are passed over when the
    session goes on; ``session_ended_by_pain`` marks a session that will not be
    congratulated at the end.
    """

    step_outcome: Recorded
    stopped_exercise: str | None
    pain_kind: PainKind
    next: Next
    skip_exercise: str | None
    session_ended_by_pain: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "step_outcome": self.step_outcome,
            "stopped_exercise": self.stopped_exercise,
            "pain_kind": self.pain_kind,
            "next": self.next,
            "skip_exercise": self.skip_exercise,
            "session_ended_by_pain": self.session_ended_by_pain,
        }


def choices(easing: bool) -> tuple[Choice, ...]:
    """What the person may choose once they have said whether the pain is easing."""
    return CHOICES if easing else ("end_session", "end_and_warning_signs")


def after_pain_stop(
    state: PainStopState, choice: Choice, *, counts_against_upcoming: bool = False
) -> FollowOn:
    """The follow-on of one pain stop.

    ``counts_against_upcoming`` is the person's answer, asked only on a get-ready or
    transition step, to whether the pain came from the exercise about to start.
    """
    on_exercise = state.kind == "exercise"
    counted = state.exercise if (on_exercise or counts_against_upcoming) else None
    leg = choice == "end_and_warning_signs"
    following: Next = (
        "next_exercise" if choice == "skip_to_next" else "warning_signs" if leg else "end_session"
    )
    outcome: Recorded
    if counted:
        outcome = "stopped_leg_pain" if leg else "stopped_for_pain"
    else:
        outcome = "leg_pain_uncounted" if leg else "skipped"
    return FollowOn(
        step_outcome=outcome,
        stopped_exercise=counted,
        pain_kind="down_the_leg" if leg else "sharp",
        next=following,
        skip_exercise=state.exercise if choice == "skip_to_next" else None,
        session_ended_by_pain=choice != "skip_to_next",
    )


def follow_on_table() -> list[dict[str, Any]]:
    """Every case of the rule as JSON rows, for the browser player to look up.

    The exercise is written as ``"<exercise>"``: the page puts in the one on screen.
    """
    rows: list[dict[str, Any]] = []
    for kind, choice, counts in product(STEP_KINDS, CHOICES, (False, True)):
        if kind == "exercise" and counts:
            continue  # the question is only asked before an exercise starts
        outcome = after_pain_stop(
            PainStopState(kind, "<exercise>"), choice, counts_against_upcoming=counts
        )
        rows.append(
            {
                "step_kind": kind,
                "choice": choice,
                "counts_against_upcoming": counts,
                "offered_when_not_easing": choice in choices(easing=False),
                **outcome.to_dict(),
            }
        )
    return rows
