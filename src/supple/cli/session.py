"""``supple session``: a guided session, recorded step by step as it happens.

Each finished step is written to the store before the next one starts, so a crash,
a closed terminal or ``kill -9`` keeps everything done up to the step under way.
Pain is asked before and after (0-10), and how each exercise felt afterwards: the
next plan and ``supple progress`` are built from these answers.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any, cast

import click

from supple.cli.common import console, fail
from supple.cli.plans import load_plan as read_plan
from supple.cli.plans import routine_of

if TYPE_CHECKING:
    from supple.cli.plans import LoadedPlan
    from supple.planning.routine import Routine
    from supple.player.runner import RunResult, StepResult
    from supple.store import Rating, Store

RATING_CHOICES = ("easy", "right", "hard", "painful")
WARNING_SIGNS_AGAIN = (
    "You stopped because the pain spread down your leg. Before your next session, answer "
    "the warning-sign questions again (supple start); if the pain stays, or comes with "
    "numbness, tingling or weakness, contact a GP or physiotherapist today."
)
ESCALATION_REMINDER = (
    "Your history says to have your pain checked by a GP or physiotherapist: please read "
    "that advice before doing more (supple plan or supple progress shows it)."
)
WHAT_TO_DO = {
    "warning_signs_due": "Answer the warning-sign questions again first: supple start "
    "(it also makes your updated plan).",
    "plan_stale": "Make your updated plan first: supple plan --answers FILE (or supple start), "
    "then run supple session --plan latest.",
}
PAIN_QUESTION = "Pain right now, from 0 (none) to 10 (the worst you can imagine)"


def save_plan(store: Store, profile: str, loaded: LoadedPlan) -> int:
    """The plan's id in the store; a plan file is saved first so the session can point
    at it. Called only once everything given on the command line has been checked."""
    if loaded.plan_id is not None:
        return loaded.plan_id
    try:
        return store.save_plan(profile, loaded.document)
    except ValueError as error:
        fail(f"the plan cannot be saved: {error}")


def refuse_unless_ready(store: Store, profile: str, loaded: LoadedPlan) -> None:
    """End the command (exit 2, nothing written) when the core says this session may not
    start: warning-sign questions due after a leg-pain stop, or a stale plan."""
    import datetime as dt

    from supple.history import load_history
    from supple.planning.session_gate import session_may_start
    from supple.planning.stored import stored_exercises

    record = store.get_plan(loaded.plan_id) if loaded.plan_id is not None else None
    refusal = session_may_start(
        load_history(store, profile),
        stored_exercises(loaded.document),
        dt.date.today(),
        plan_made_at=record.created_at if record is not None else None,
    )
    if refusal is not None:
        fail(f"no session yet: {refusal.reason}.", WHAT_TO_DO[refusal.cause])


def parse_ratings(values: tuple[str, ...], exercises: set[str]) -> dict[str, Rating]:
    from supple.store.schema import RecordError, check_rated_in_plan

    ratings: dict[str, Rating] = {}
    for value in values:
        exercise, _, rating = value.partition("=")
        if rating not in RATING_CHOICES:
            fail(f"--rating {value!r}: use EXERCISE=VALUE with one of {', '.join(RATING_CHOICES)}.")
        try:
            check_rated_in_plan(exercise, sorted(exercises), f"--rating {value!r}")
        except RecordError as error:
            fail(f"{error}.")
        ratings[exercise] = cast("Rating", rating)
    return ratings


def play(
    store: Store,
    session_id: int,
    routine: Routine,
    *,
    speed: float,
    keys_wanted: bool,
    voice_wanted: bool,
) -> tuple[RunResult | None, list[StepResult]]:
    """Run the timeline on the real clock; None as the result means Ctrl-C."""
    import time

    from supple.catalog import default_catalog
    from supple.player.display import SessionDisplay
    from supple.player.keys import KeyReader
    from supple.player.runner import run_timeline
    from supple.player.voice import NOT_INSTALLED, Voice
    from supple.store import StepConflictError
    from supple.timeline import build_timeline

    catalog = default_catalog()
    steps = build_timeline(routine, catalog).steps
    names = {key: exercise.name for key, exercise in catalog.exercises.items()}
    done: list[StepResult] = []
    out = console()

    def record(result: StepResult) -> None:
        step = result.step
        try:
            store.record_step(
                session_id,
                index=result.index,
                kind=cast(Any, step.kind),
                exercise=step.exercise,
                side=step.side,
                planned_seconds=result.planned_seconds,
                actual_seconds=round(result.actual_seconds, 3),
                outcome=result.outcome,
            )
        except StepConflictError:
            # A step redone after "previous": each step is recorded once, the first time.
            out.print(f"Step {result.index + 1} was recorded the first time; kept as it was.")
        done.append(result)

    voice = None
    if voice_wanted:
        voice = Voice()
        if not voice.available:
            out.print(NOT_INSTALLED, style="yellow")
            voice = None
    use_keys = keys_wanted and KeyReader.available()
    if keys_wanted and not use_keys:
        out.print("No terminal to read keys from: running without key controls.", style="dim")
    live = use_keys and out.is_terminal
    reader = KeyReader() if use_keys else None
    display = SessionDisplay(steps, names, out, live=live, voice=voice, speed=speed)
    try:
        if reader is not None:
            reader.__enter__()
        with display:
            result = run_timeline(
                steps,
                clock=time.monotonic,
                sleep=time.sleep,
                on_tick=display.tick,
                on_step_done=record,
                keys=reader,
                speed=speed,
                tick=0.05,
            )
    except KeyboardInterrupt:
        return None, done
    finally:
        if reader is not None:
            reader.__exit__(None, None, None)
    return result, done


def ask_ratings(
    exercises: list[str], names: dict[str, str], given: dict[str, Rating], interactive: bool
) -> dict[str, Rating]:
    ratings = dict(given)
    if not interactive or not any(e not in ratings for e in exercises):
        return ratings
    click.echo("How did each exercise feel? (easy, right, hard, painful; Enter skips)")
    for exercise in exercises:
        if exercise in ratings:
            continue
        answer = click.prompt(
            f"  {names.get(exercise, exercise)}",
            type=click.Choice([*RATING_CHOICES, ""]),
            default="",
            show_choices=False,
            show_default=False,
        )
        if answer:
            ratings[exercise] = cast("Rating", answer)
    return ratings


@click.command()
@click.option("--plan", "source", default="latest", show_default=True, metavar="FILE|latest")
@click.option(
    "--speed",
    type=click.FloatRange(0.01, 1000),
    default=1.0,
    show_default=True,
    help="Run time faster (demos, tests) or slower.",
)
@click.option("--no-input", is_flag=True, help="No key controls and no questions.")
@click.option("--voice", is_flag=True, help="Speak the cues with espeak-ng.")
@click.option("--pain-before", type=click.IntRange(0, 10), help="Pain now, 0-10.")
@click.option("--pain-after", type=click.IntRange(0, 10), help="Pain after the session, 0-10.")
@click.option(
    "--rating",
    "rating_values",
    multiple=True,
    metavar="EXERCISE=easy|right|hard|painful",
    help="How an exercise felt; repeat for each.",
)
def session(
    source: str,
    speed: float,
    no_input: bool,
    voice: bool,
    pain_before: int | None,
    pain_after: int | None,
    rating_values: tuple[str, ...],
) -> None:
    """Guide a session from a saved plan: countdowns, cues, beeps and key controls.

    Keys: space pause/resume, n skip, p previous step, q quit (what you did is kept),
    x sharp pain: everything pauses and asks; then n skips to the next exercise (if the
    pain is easing), q ends the session, l ends it for pain down the leg (answer the
    warning-sign questions again), and before an exercise starts c says the pain came
    from that exercise.
    """
    from supple.catalog import default_catalog
    from supple.player.pain_stop import LEG_PAIN_EMERGENCY
    from supple.player.runner import SAFETY_REMINDER
    from supple.settings import get_settings
    from supple.store import StoreError, open_store

    profile = get_settings().profile
    out = console()
    interactive = not no_input and sys.stdin.isatty()
    try:
        store = open_store()
    except (StoreError, OSError) as error:
        fail(f"cannot open the store: {error}")
    with store:
        # Everything is checked before anything is written: a bad plan file, rating or
        # missing pain answer leaves the store as it was.
        loaded = read_plan(source)
        routine = routine_of(loaded.document, "no session")
        planned = [item.exercise for item in routine.items]
        given = parse_ratings(rating_values, set(planned))
        refuse_unless_ready(store, profile, loaded)
        if pain_before is None and interactive:
            pain_before = click.prompt(PAIN_QUESTION, type=click.IntRange(0, 10))
        if pain_before is None:
            fail(
                "pain before the session is needed to record it.",
                "Give it with --pain-before N (0-10), or run without --no-input.",
            )
        session_id = store.start_session(profile, save_plan(store, profile, loaded), pain_before)
        result, done = play(
            store,
            session_id,
            routine,
            speed=speed,
            keys_wanted=not no_input,
            voice_wanted=voice,
        )
        from supple.planning.stored import stored_escalation
        from supple.player.finish import (
            AFTER_IT_HURT,
            PRAISE,
            finish_screen,
            hurt_by_pain_stop,
            session_hurt,
        )
        from supple.timeline import build_timeline

        catalog = default_catalog()
        steps = build_timeline(routine, catalog).steps
        quit_early = result is None or result.quit
        by_pain = result is not None and result.ended_by_pain
        screen = finish_screen(steps, done, ended_early=quit_early, ended_by_pain=by_pain)
        names = {key: e.name for key, e in catalog.exercises.items()}
        skipped = sum(1 for r in done if r.outcome == "skipped")
        # Praise waits for the answers (``may_praise``): pain after and the ratings may
        # still show that the session hurt.
        ending = (
            "complete"
            if screen.congratulate
            else "finished"
            if screen.status == "completed"
            else "ended early"
            if quit_early
            else "not counted: most of it was skipped"
        )
        out.print(f"Session {ending}: {len(done)} steps recorded, {skipped} skipped.")
        if screen.stopped_for_pain:
            stopped = ", ".join(names.get(e, e) for e in screen.stopped_for_pain)
            out.print("Stopped for pain: " + stopped, style="red")
            out.print(SAFETY_REMINDER, style="red")
        if result is not None and result.ask_warning_signs:
            out.print(WARNING_SIGNS_AGAIN, style="bold red")
            out.print(LEG_PAIN_EMERGENCY, style="bold red")
        if pain_after is None and interactive:
            pain_after = click.prompt(PAIN_QUESTION, type=click.IntRange(0, 10))
        asked = [e for e in screen.rate if e in planned]
        ratings = ask_ratings(asked, names, given, interactive)
        store.finish_session(session_id, status=screen.status, pain_after=pain_after)
        for exercise, rating in ratings.items():
            store.rate_exercise(session_id, exercise, rating)
    out.print("Saved. See how you are doing with: supple progress")
    # Praise only what ``may_praise`` would: a finished session, pain after known, and
    # nothing that shows it hurt.
    hurt = session_hurt(
        stopped_for_pain=hurt_by_pain_stop(done),
        ratings=ratings.values(),
        pain_before=pain_before,
        pain_after=pain_after,
    )
    if stored_escalation(loaded.document):
        # The advice to see a GP or physiotherapist outweighs "another one is fine".
        out.print(ESCALATION_REMINDER)
    elif hurt:
        out.print(AFTER_IT_HURT)
    elif screen.status == "completed" and pain_after is not None:
        out.print(PRAISE)


__all__ = ["session"]
