"""``supple plan``: screen the answers, explain the likely contributors, build the routine."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from supple.cli.common import console, emit_json
from supple.dosage import clock, item_dose_line

if TYPE_CHECKING:
    from supple.catalog.models import Level
    from supple.planning import Plan

LEVEL_CHOICES = ("beginner", "intermediate", "advanced")


def render_plan(plan: Plan, *, with_screen: bool = True) -> list[Any]:
    """The history's escalation (only an emergency or urgent screen goes before it), the
    screen panel (left out when ``with_screen`` is false: it was shown already),
    contributors with evidence, the routine table (with the history's note that pain
    has stayed low, when it says so), then the advice."""
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    from supple.assessment import CONTRIBUTOR_NAMES
    from supple.cli.screen import render_screen

    parts: list[Any] = [render_screen(plan.screen)] if with_screen else []
    if plan.escalation:
        warning = Panel(Text(plan.escalation), title="Please read first", border_style="yellow")
        parts.insert(0 if plan.escalation_first else len(parts), warning)
    contributors = [c for c in plan.assessment.contributors if c.score > 0]
    if contributors:
        table = Table(title="What may be involved (not a diagnosis)", title_justify="left")
        table.add_column("Likely contributor")
        table.add_column("Score", justify="right")
        table.add_column("Because")
        for c in contributors:
            table.add_row(
                CONTRIBUTOR_NAMES.get(c.id, c.id), f"{c.score:.2f}", "; ".join(c.evidence)
            )
        parts.append(table)
    routine = plan.routine
    if routine is not None:
        gentle = " (gentle: beginner doses, easier versions)" if routine.gentle else ""
        title = (
            f"Your routine: {clock(routine.estimated_seconds)} of the {routine.minutes_requested}"
            f" minutes asked, {routine.level} level{gentle}"
        )
        table = Table(title=title, title_justify="left", show_lines=True)
        for name in ("#", "Exercise", "Position", "Dose", "Time", "Why"):
            table.add_column(name, justify="right" if name in ("#", "Time") else "left")
        for number, item in enumerate(routine.items, 1):
            label = Text(item.name, style="bold")
            label.append(f"\n{item.kind}", style="dim")
            if item.variant:
                label.append(f"\neasier: {item.variant}", style="cyan")
            table.add_row(
                str(number),
                label,
                item.position,
                item_dose_line(item),
                clock(item.duration_seconds),
                item.why,
            )
        parts.append(table)
        moves = (
            f"{routine.floor_transitions} trip(s) down to or up from the floor, "
            f"{routine.position_changes} change(s) of position in all."
        )
        parts.append(Text(moves, style="dim"))
        if plan.success:
            parts.append(Text(plan.success, style="bold green"))
    if plan.advice:
        parts.append(Text("Advice", style="bold"))
        parts.extend(Text(f"• {line}") for line in plan.advice)
    offered = offered_level(plan)
    if offered is not None:
        from supple.planning.history_notes import level_command

        parts.append(Text(f"• {level_command(offered)}", style="green"))
    return parts


def offered_level(plan: Plan) -> Level | None:
    """The level the plan offers to move up to, when it offers one (never beside an
    escalation: the advice then holds no offer either)."""
    adjustments = plan.adjustments
    if adjustments.escalation is not None:
        return None
    if adjustments.level_up is not None:
        return adjustments.level_up.to_level
    return adjustments.offer_level


def save(plan: Plan, answers: dict[str, Any]) -> int | None:
    """Keep the answers and the plan so `supple timeline --plan latest` (and the session
    player) can use them; a store that cannot be opened is reported, not fatal."""
    from supple.settings import get_settings
    from supple.store import StoreError, open_store

    profile = get_settings().profile
    try:
        with open_store() as store:
            return store.save_answers_and_plan(profile, answers, plan.to_dict())[1]
    except (StoreError, OSError) as error:
        click.echo(f"Note: the plan was not saved ({error}).", err=True)
        return None


@click.command()
@click.option(
    "--answers",
    "source",
    required=True,
    metavar="FILE|-",
    help="Answers as JSON: a file path, or '-' to read standard input.",
)
@click.option(
    "--minutes",
    type=click.IntRange(8, 60),
    default=None,
    help="Session length in minutes, 8 to 60 (default: the answers' preference, else 15).",
)
@click.option(
    "--level",
    type=click.Choice(LEVEL_CHOICES),
    default=None,
    help="Exercise level (default: the answers' preference, else beginner).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the whole plan as JSON.")
@click.option("--no-save", is_flag=True, help="Do not keep the answers and plan.")
def plan(source: str, minutes: int | None, level: str | None, as_json: bool, no_save: bool) -> None:
    """Screen your answers, show what may be involved, and build your routine.

    The routine takes your recorded sessions into account: exercises stopped for
    pain are swapped for easier ones, and ones rated hard are dosed down. No routine
    is built when the screen finds a warning sign that needs a doctor first.
    Exit code 0 for every valid set of answers; 2 when they cannot be read.
    """
    from datetime import date
    from typing import cast

    from supple.catalog.models import Level
    from supple.cli.progress import stored_history
    from supple.cli.screen import read_answers
    from supple.planning import plan_for

    answers = read_answers(source)
    result = plan_for(
        answers,
        # --no-save writes nothing, so it does not upgrade an older database either.
        stored_history(read_only=no_save),
        date.today(),
        minutes=minutes,
        level=cast(Level | None, level),
    )
    if not no_save:
        save(result, answers.to_dict())
    if as_json:
        from supple.documents import plan_document

        emit_json(plan_document(result).to_json())
        return
    out = console()
    for part in render_plan(result):
        out.print(part)


__all__ = ["plan", "render_plan"]
