"""``supple flare``: a bad day. The screen first, then a short gentle routine, the
flare-up lesson's advice and the warning signs; the day is recorded as a flare-up.

``--history`` lists the flare-ups by week instead (two or more in a week is marked),
the figures the progress report and the 4-week review read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from supple.cli.common import console, emit_json, fail
from supple.cli.walk import parse_day

if TYPE_CHECKING:
    from supple.planning.flare import FlarePlan
    from supple.planning.routine import RoutineItem
    from supple.self_care import FlareSummary

NOTE_MAX = 500


def _minutes(seconds: int) -> str:
    whole, rest = divmod(seconds, 60)
    return f"{whole} min {rest} s" if rest else f"{whole} min"


def dose_words(item: RoutineItem) -> str:
    """``8 slow reps, each side`` / ``20 s hold, 2 sets`` / ``2 min``."""
    if item.reps:
        dose = f"{item.reps} slow reps"
    elif item.hold_seconds:
        dose = f"{item.hold_seconds} s hold"
    else:
        dose = _minutes(item.work_seconds or 0)
    sides = ", each side" if item.per_side else ""
    sets = f", {item.sets} sets" if item.sets > 1 else ""
    return dose + sides + sets


def render_flare(plan: FlarePlan) -> list[Any]:
    from rich.text import Text

    parts: list[Any] = []
    routine = plan.routine
    if not plan.screen.routine_allowed:
        parts.append(Text(plan.screen.title, style="bold red"))
        parts.append(Text(plan.screen.action))
        parts.append(Text("No routine today: do what the screen says first.", style="red"))
    elif plan.withheld is not None:
        parts.append(Text(f"No routine yet: {plan.withheld}.", style="bold red"))
        parts.append(Text("Answer them again first with: supple start", style="red"))
    elif routine is None:
        parts.append(Text("No gentle routine fits your answers today.", style="bold"))
    else:
        parts.append(
            Text(f"A gentle routine for a bad day, about {_minutes(routine.estimated_seconds)}:")
        )
        from supple.catalog import default_catalog

        exercises = default_catalog().exercises
        for number, item in enumerate(routine.items, 1):
            parts.append(Text(f"  {number}. {item.name}, as {item.variant}: {dose_words(item)}"))
            chosen = exercises[item.exercise].variant(item.variant or "")
            if chosen is not None:
                parts.append(Text(f"     {chosen.how}", style="dim"))
    if plan.advice:
        parts.append(Text("\nWhat helps:", style="bold"))
        parts.extend(Text(f"  • {line}") for line in plan.advice)
    for signs in plan.warning_signs:
        parts.append(Text(f"\n{signs.title} if you have:", style="bold red"))
        parts.append(Text("  " + "; ".join(signs.signs) + "."))
        if signs.action:
            parts.append(Text(f"  {signs.action}", style="red"))
    return parts


def render_history(summary: FlareSummary) -> list[Any]:
    from rich.text import Text

    if not summary.weeks:
        return [Text("No flare-ups recorded.")]
    parts: list[Any] = [Text("Flare-ups by week:", style="bold")]
    for week in summary.weeks:
        mark = "  (two or more)" if week.repeated else ""
        parts.append(Text(f"  week of {week.week_of:%d %b %Y}: {week.count}{mark}"))
    if summary.note:
        parts.append(Text(summary.note, style="yellow"))
    return parts


@click.command()
@click.option("--note", default=None, help="A few words about today, kept with the flare-up.")
@click.option(
    "--answers",
    "source",
    default=None,
    metavar="FILE|-",
    help="Answers as JSON (default: the answers you saved last).",
)
@click.option("--date", "day", default=None, metavar="YYYY-MM-DD", help="The day (default: today).")
@click.option("--no-record", is_flag=True, help="Show the routine without recording a flare-up.")
@click.option("--history", "show_history", is_flag=True, help="List flare-ups by week instead.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def flare(
    note: str | None,
    source: str | None,
    day: str | None,
    no_record: bool,
    show_history: bool,
    as_json: bool,
) -> None:
    """Having a bad day? A short gentle routine (easiest versions, 5 to 8 minutes), what
    helps, and the warning signs to watch for. The screen runs first: with a warning
    sign that needs a doctor there is no routine. Records the day as a flare-up.
    Exit 0 on success, 2 on bad input."""
    from supple import self_care
    from supple.catalog import default_catalog
    from supple.settings import get_settings
    from supple.store import StoreError, open_store
    from supple.store.schema import RecordError

    when = parse_day(day, "--date")
    if note is not None and len(note) > NOTE_MAX:
        fail(f"--note: {len(note)} characters; keep it to {NOTE_MAX}")
    profile = get_settings().profile
    catalog = default_catalog()
    try:
        with open_store(read_only=show_history or no_record) as store:
            if show_history:
                summary = self_care.flare_summary(store, profile, when)
                if as_json:
                    emit_json(summary.to_dict())
                    return
                for part in render_history(summary):
                    console().print(part)
                return
            if source is not None:
                from supple.cli.screen import read_answers

                answers = read_answers(source)
            else:
                try:
                    answers = self_care.saved_answers(store, profile)
                except self_care.NoAnswersError:
                    fail(
                        "no saved answers to screen: the screen runs first",
                        "Answer the questions with 'supple start', or pass --answers FILE.",
                    )
            plan = self_care.bad_day(store, profile, when, catalog, answers)
            recorded = None
            if not no_record:
                recorded = store.record_flare_up(profile, when, note)
    except RecordError as error:
        fail(str(error))
    except (StoreError, OSError) as error:
        fail(f"cannot use your records: {error}")
    if as_json:
        emit_json({**plan.to_dict(), "recorded": recorded.to_dict() if recorded else None})
        return
    out = console()
    for part in render_flare(plan):
        out.print(part)
    if recorded:
        out.print(f"\nRecorded {recorded.day:%d %b %Y} as a flare-up.")


__all__ = ["flare"]
