"""``supple export``, ``supple import`` and ``supple upgrade``: a person's records.

An export is the person's own copy of everything Supple holds about them: to keep,
to move to another computer, or to show a clinician (the CSV form opens in any
spreadsheet). Import restores a JSON export in one transaction: a bad file changes
nothing, and an existing profile is only overwritten when asked with --replace.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from supple.cli.common import fail
from supple.cli.files import MAX_EXPORT_BYTES, check_output, read_capped, write_output
from supple.jsonio import JsonInputError, parse_json

SECTION_WORDS = {
    "answers": ("set of answers", "sets of answers"),
    "plans": ("plan", "plans"),
    "sessions": ("session", "sessions"),
    "step_events": ("step", "steps"),
    "exercise_ratings": ("exercise rating", "exercise ratings"),
    "checkins": ("check-in", "check-ins"),
    "lesson_completions": ("answered lesson check", "answered lesson checks"),
    "psfs_ratings": ("goal rating", "goal ratings"),
    "outcome_reviews": ("4-week review", "4-week reviews"),
}


def _summary(counts: dict[str, int]) -> str:
    return ", ".join(
        f"{counts[key]} {one if counts[key] == 1 else many}"
        for key, (one, many) in SECTION_WORDS.items()
    )


@click.command("export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "csv"]),
    default="json",
    show_default=True,
    help="json restores with 'supple import'; csv is a zip of one CSV file per record type.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write. Without it, JSON goes to standard output.",
)
@click.option("--profile", help="Profile to export (default: SUPPLE_PROFILE, normally 'me').")
def export(fmt: str, output: Path | None, profile: str | None) -> None:
    """Write everything you have recorded: answers, plans, sessions, steps, ratings, check-ins
    the Learn lessons done, goal ratings and 4-week reviews."""
    from supple.settings import get_settings
    from supple.store import StoreError, open_store
    from supple.store.export_csv import csv_zip

    settings = get_settings()
    name = profile or settings.profile
    if fmt == "csv" and output is None:
        fail("a CSV export is a zip file and needs -o FILE", "For example: -o supple-export.zip")
    if output is not None:
        check_output(output)
    try:
        store = open_store(settings, read_only=True)
    except StoreError as error:
        fail(f"cannot read your records: {error}")
    with store:
        if store.find_profile(name) is None:
            known = ", ".join(p.name for p in store.profiles())
            fail(
                f"nothing is recorded for profile {name!r}",
                f"Profiles here: {known}." if known else "Nothing has been recorded here yet.",
            )
        document = store.export_profile(name)
    counts = {key: len(document[key]) for key in SECTION_WORDS}
    if fmt == "csv":
        data = csv_zip(document)
    else:
        data = (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode()
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        write_output(output, data)
        click.echo(f"Exported profile {name!r} to {output}: {_summary(counts)}.", err=True)


def _read_export(path: Path) -> Any:
    raw = read_capped(str(path), "export", MAX_EXPORT_BYTES)
    if raw.startswith(b"PK\x03\x04"):
        fail(
            f"{path} is a CSV (zip) export; only JSON exports can be imported",
            "Export again with: supple export --format json -o FILE",
        )
    try:
        return parse_json(raw)
    except JsonInputError as error:
        fail(f"{path} cannot be imported: {error}.", "Nothing was changed.")


@click.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--replace", is_flag=True, help="Overwrite a profile that already has records.")
@click.option("--profile", help="Import into this profile instead of the one named in the file.")
def import_(file: Path, replace: bool, profile: str | None) -> None:
    """Restore a JSON export made by 'supple export' (all or nothing)."""
    from supple.settings import get_settings
    from supple.store import ExportFormatError, ProfileNotEmptyError, open_store
    from supple.store.exchange import parse_export

    document = _read_export(file)
    source = "standard input" if str(file) == "-" else str(file)
    try:
        parse_export(document)  # before opening the store: a bad file creates nothing
    except ExportFormatError as error:
        fail(f"{source} cannot be imported: {error}", "Nothing was changed.")
    with open_store(get_settings()) as store:
        try:
            counts = store.import_export(document, profile=profile, replace=replace)
        except ProfileNotEmptyError as error:
            fail(
                f"{error}",
                "Nothing was changed. Add --replace to overwrite it, or --profile NAME "
                "to import into another profile.",
            )
        except ValueError as error:
            fail(f"{source} cannot be imported: {error}", "Nothing was changed.")
    target = profile or document["profile"]["name"]
    click.echo(f"Imported into profile {target!r}: {_summary(counts)}.")


@click.command("upgrade")
def upgrade() -> None:
    """Bring your saved records up to date with this Supple (a copy is kept first).

    Commands that save do this on their own; commands that only read (progress,
    history, timeline, plan --no-save...) refuse an older database instead, so that
    looking never changes anything.
    """
    from supple.settings import get_settings
    from supple.store import SchemaOutdatedError, StoreError, open_store
    from supple.store.db import HEAD

    settings = get_settings()
    try:
        open_store(settings, read_only=True).close()
    except SchemaOutdatedError:
        pass
    except StoreError as error:
        fail(f"cannot open your records: {error}")
    else:
        click.echo(f"Your records are already up to date (database schema {HEAD}).")
        return
    try:
        open_store(settings).close()
    except StoreError as error:
        fail(f"cannot upgrade your records: {error}")
    click.echo(f"Your records are up to date (database schema {HEAD}).")
