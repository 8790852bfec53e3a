"""``supple timeline``: the second-by-second steps of a saved plan's routine."""

from __future__ import annotations

import click

from supple.cli.common import console, emit_json
from supple.cli.plans import PLAN_HELP, load_plan, routine_of


@click.command()
@click.option(
    "--plan",
    "source",
    required=True,
    metavar="FILE|latest",
    help=PLAN_HELP,
)
@click.option("--json", "as_json", is_flag=True, help="Print the steps as JSON.")
def timeline(source: str, as_json: bool) -> None:
    """Show every step of the routine with its seconds and cue, as a session runs it."""
    from supple.catalog import default_catalog
    from supple.timeline import build_timeline

    routine = routine_of(load_plan(source).document, "nothing to time")
    result = build_timeline(routine, default_catalog())
    if as_json:
        emit_json(result.to_dict())
        return
    from rich.table import Table

    table = Table(title=f"Session timeline: {len(result.steps)} steps", title_justify="left")
    for name in ("At", "Step", "Exercise", "Side", "Secs", "Cue"):
        table.add_column(name, justify="right" if name in ("At", "Secs") else "left")
    elapsed = 0
    for step in result.steps:
        at = f"{elapsed // 60}:{elapsed % 60:02d}"
        table.add_row(at, step.kind, step.exercise, step.side or "", str(step.seconds), step.say)
        elapsed += step.seconds
    out = console()
    out.print(table)
    out.print(f"Total: {result.total_seconds // 60}:{result.total_seconds % 60:02d}")
