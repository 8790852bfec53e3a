"""``supple exercises``, ``exercise`` and ``catalog check``: the catalog from a terminal."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from supple.cli.common import console, emit_json, fail
from supple.dosage import level_dose_line

if TYPE_CHECKING:
    from supple.catalog import Catalog
    from supple.catalog.checks import Problem
    from supple.catalog.models import Exercise


def _load() -> Catalog:
    from supple.catalog import default_catalog

    return default_catalog()


def _check_choice(option: str, given: str | None, allowed: tuple[str, ...] | list[str]) -> None:
    if given is None or given in allowed:
        return
    from supple.catalog.loader import closest

    near = closest(given, allowed)
    hint = f"Did you mean: {', '.join(near)}?" if near else f"Allowed: {', '.join(allowed)}."
    fail(f"{option} '{given}' is not valid.", hint)


@click.command()
@click.option("--kind", help="Only this kind: warmup, mobility, strength or stretch.")
@click.option("--position", help="Only this starting position, e.g. supine or seated-chair.")
@click.option("--target", help="Only exercises that target this muscle id, e.g. piriformis.")
@click.option("--json", "as_json", is_flag=True, help="Print full records as a JSON list.")
def exercises(kind: str | None, position: str | None, target: str | None, as_json: bool) -> None:
    """List the exercises in the catalog, optionally filtered."""
    from supple.catalog.models import KINDS, POSITIONS

    catalog = _load()
    _check_choice("--kind", kind, KINDS)
    _check_choice("--position", position, POSITIONS)
    _check_choice("--target", target, sorted(catalog.muscles))
    chosen = [
        ex
        for ex in catalog.exercises.values()
        if (kind is None or ex.kind == kind)
        and (position is None or ex.position == position)
        and (target is None or target in ex.targets)
    ]
    order = {k: i for i, k in enumerate(KINDS)}
    chosen.sort(key=lambda ex: (order[ex.kind], ex.name))
    if as_json:
        emit_json([ex.public_dict() for ex in chosen])
        return
    from rich.table import Table

    out = console()
    wide = out.width >= 110  # targets and position need room; drop them on narrow terminals
    table = Table(title=f"Supple exercises ({len(chosen)})", title_justify="left")
    table.add_column("id", no_wrap=True, style="bold")
    table.add_column("name", overflow="fold")
    table.add_column("kind", no_wrap=True)
    if wide:
        table.add_column("position", no_wrap=True)
        table.add_column("targets", overflow="fold")
    table.add_column("beginner dose", overflow="fold")
    for ex in chosen:
        name = ex.name + (" [dim](advanced only)[/]" if ex.advanced_only else "")
        dose = level_dose_line(ex.dosage.first, ex.per_side)
        if wide:
            targets = ", ".join(catalog.muscles[m].name for m in ex.targets)
            table.add_row(ex.id, name, ex.kind, ex.position, targets, dose)
        else:
            table.add_row(ex.id, name, ex.kind, dose)
    out.print(table)
    if not chosen:
        out.print("No exercise matches those filters.")
    out.print("Show one with: [bold]supple exercise ID[/]")


@click.command()
@click.argument("exercise_id", metavar="ID")
@click.option(
    "--side",
    type=click.Choice(["left", "right"]),
    help="Word the steps for this side (one-sided exercises only).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the full record as JSON.")
def exercise(exercise_id: str, side: str | None, as_json: bool) -> None:
    """Show one exercise's full card: steps, dosage by level, cues, variants, sources."""
    from supple.catalog import UnknownIdError

    catalog = _load()
    try:
        ex = catalog.exercise(exercise_id)
    except UnknownIdError as error:
        fail(str(error), "List every id with: supple exercises")
    if as_json:
        record = ex.public_dict()
        if side is not None:
            record["side"] = side
        emit_json(record)
        return
    _print_card(catalog, ex, side)


def _print_card(catalog: Catalog, ex: Exercise, side: str | None) -> None:
    from rich.markup import escape
    from rich.panel import Panel
    from rich.table import Table

    out = console()
    working = f" — {side} side working" if side and ex.per_side else ""
    out.print(Panel(f"[bold]{ex.name}[/]{working}\n{escape(ex.summary)}", subtitle=ex.id))
    if side and not ex.per_side:
        out.print("[dim]This exercise works both sides at once; --side changes nothing.[/]")
    facts = [
        f"Kind: {ex.kind}   Position: {ex.position}   Each side: {'yes' if ex.per_side else 'no'}",
        "Targets: " + ", ".join(catalog.muscles[m].name for m in ex.targets),
        "Equipment: " + (", ".join(ex.required_equipment) or "none"),
    ]
    if ex.advanced_only:
        facts.append("[yellow]Advanced only.[/] Easier option: " + (ex.regression or "none"))
    facts.append(
        "Loads: "
        + (
            ", ".join(c.replace("_", " ") for c in ex.movement_classes)
            or "none of the listed classes"
        )
    )
    out.print("\n".join(facts))
    out.print("\n[bold]Steps[/]" + (f" (working side: {side})" if side and ex.per_side else ""))
    steps = Table.grid(padding=(0, 1))
    steps.add_column(justify="right", style="bold")
    steps.add_column()
    for number, step in enumerate(ex.steps, 1):
        steps.add_row(f"{number}.", escape(step))
    out.print(steps)
    dosage = Table("level", "dose", title="Dosage", title_justify="left")
    for level, dose in ex.dosage.levels():
        dosage.add_row(level, level_dose_line(dose, ex.per_side))
    out.print(dosage)
    out.print(f"[bold]Breathe:[/] {escape(ex.cues.breathing)}")
    out.print(f"[bold]Feel:[/] {escape(ex.cues.feel)}")
    out.print(f"[bold red]Stop:[/] {escape(ex.cues.stop)}")
    out.print("\n[bold]Common mistakes[/]")
    for mistake in ex.mistakes:
        out.print(f" • {escape(mistake)}")
    out.print("\n[bold]Variants[/]")
    for variant in ex.variants:
        kit = f" (needs: {', '.join(variant.equipment)})" if variant.equipment else ""
        label = f"[italic]{variant.direction}[/] — {escape(variant.name)}"
        out.print(f" • {label}: {escape(variant.how)}{kit}")
    links = []
    if ex.regression:
        links.append(f"easier: {ex.regression}")
    elif ex.regression_variant:
        links.append(f"easier: its '{ex.regression_variant}' variant")
    elif ex.no_regression:
        links.append(f"nothing gentler: {ex.no_regression}")
    if ex.progression:
        links.append(f"harder: {ex.progression}")
    if links:
        out.print("\nRelated: " + "; ".join(links))
    titles = [f"{catalog.articles[s].title} ({catalog.articles[s].url or s})" for s in ex.sources]
    out.print("\n[dim]Sources: " + "; ".join(titles) + "[/]")


@click.group()
def catalog() -> None:
    """Work with the catalog's data files (exercises, poses, sources)."""


@catalog.command()
@click.option(
    "--path",
    "path",
    type=click.Path(path_type=Path),
    help="Check this catalog data folder instead of the packaged one (a copy being edited).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the problems as JSON.")
def check(path: Path | None, as_json: bool) -> None:
    """Run every catalog check and list each problem with its file and field.

    Exits 0 when the catalog is clean and 2 when anything is wrong, so it can guard
    an edit before it is committed.
    """
    from supple.catalog.loader import DATA_DIR, inspect_catalog

    folder = path or DATA_DIR
    if not (folder / "exercises").is_dir():
        fail(
            f"'{folder}' is not a catalog data folder (it has no exercises/ folder).",
            "Point --path at a copy of src/supple/catalog/data.",
        )
    found, problems = inspect_catalog(folder)
    if found is not None:
        problems += _pose_problems(folder, found)
    if as_json:
        emit_json(
            {"path": str(folder), "ok": not problems, "problems": [p.to_dict() for p in problems]}
        )
    elif not problems:
        click.echo(
            f"Catalog OK: {len(found.exercises) if found else 0} exercises checked in {folder}."
        )
    else:
        for problem in problems:
            click.echo(f"{folder}/{problem}", err=True)
    if problems:
        if not as_json:
            click.echo(
                f"Error: {len(problems)} problem(s) in the catalog at {folder}; "
                "fix each file and field above.",
                err=True,
            )
        sys.exit(2)


def _pose_problems(folder: Path, found: Catalog) -> list[Problem]:
    """Each exercise's pose file must also validate (the figure engine's own checks)."""
    from supple.catalog.checks import Problem
    from supple.catalog.loader import CatalogError
    from supple.figures.library import load_pose_file

    problems: list[Problem] = []
    for exercise_id in sorted(found.exercises):
        pose = folder / "poses" / f"{exercise_id}.toml"
        if not pose.is_file():
            continue  # already reported by the catalog checks
        try:
            load_pose_file(pose)
        except CatalogError as error:
            where, _, rest = str(error).partition(": ")
            for part in rest.split("; "):
                field, _, message = part.rpartition(": ")
                problems.append(Problem(where, field or "(pose)", message))
    return problems
