"""``supple timeline``: the second-by-second steps of a saved plan's routine."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from supple.cli.common import console, emit_json, fail


def load_plan_document(source: str) -> Any:
    """A plan document from a file, or the profile's latest saved plan for ``latest``."""
    if source == "latest":
        from supple.settings import get_settings
        from supple.store import StoreError, open_store

        profile = get_settings().profile
        try:
            with open_store() as store:
                record = store.latest_plan(profile)
        except StoreError as error:
            fail(f"cannot read saved plans: {error}")
        if record is None:
            fail(
                f"profile '{profile}' has no saved plan yet.",
                "Make one with: supple plan --answers FILE",
            )
        return record.document
    try:
        text = Path(source).read_text(encoding="utf-8")
    except FileNotFoundError:
        fail(f"plan file '{source}' does not exist.", "Give a file from `supple plan --json`.")
    except (OSError, UnicodeDecodeError) as error:
        fail(f"cannot read plan file '{source}': {error}")
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        fail(
            f"plan file '{source}' is not valid JSON "
            f"(line {error.lineno}, column {error.colno}: {error.msg})."
        )


@click.command()
@click.option(
    "--plan",
    "source",
    required=True,
    metavar="FILE|latest",
    help="A plan printed by `supple plan --json`, or 'latest' for the last saved plan.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the steps as JSON.")
def timeline(source: str, as_json: bool) -> None:
    """Show every step of the routine with its seconds and cue, as a session runs it."""
    from supple.catalog import default_catalog
    from supple.planning import RoutineError, routine_from_dict
    from supple.timeline import build_timeline

    document = load_plan_document(source)
    if not isinstance(document, dict) or not ({"routine", "items"} & set(document)):
        fail(
            "this is not a plan: expected the output of `supple plan --json` "
            "(an object with a routine field)."
        )
    raw = document.get("routine", document)
    if raw is None:
        fail(
            "this plan has no routine: the safety screen withheld it, so there is nothing to time."
        )
    try:
        routine = routine_from_dict(raw, default_catalog())
    except RoutineError as error:
        fail(f"the plan cannot be used: {error}")
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
