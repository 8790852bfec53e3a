"""``supple figure`` and ``supple figures``: draw exercise figures as SVG or PNG."""

from __future__ import annotations

from pathlib import Path

import click

from supple.cli.common import fail
from supple.cli.files import check_output, write_output


@click.command()
@click.argument("exercise_id")
@click.option("--side", type=click.Choice(["left", "right"]), default="left", show_default=True)
@click.option(
    "--pose",
    type=click.Choice(["start", "mid", "end"]),
    default=None,
    help="Draw one still position; without it an SVG animates and a PNG shows the end.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write to FILE.svg or FILE.png; without it the SVG goes to standard output.",
)
def figure(exercise_id: str, side: str, pose: str | None, output: Path | None) -> None:
    """Draw one exercise, e.g. ``supple figure clamshell --side right -o clam.png``."""
    from supple.catalog import UnknownIdError
    from supple.figures import figure_svg

    if output is not None and output.suffix.lower() not in (".svg", ".png"):
        fail(f"cannot write '{output.name}'.", "Use a file name ending in .svg or .png.")
    if output is not None:
        check_output(output)
    # A PNG cannot move, so without --pose it shows the held (or end) position.
    is_png = output is not None and output.suffix.lower() == ".png"
    phase = pose or ("end" if is_png else "animated")
    try:
        svg = figure_svg(exercise_id, side, phase)  # type: ignore[arg-type]
    except UnknownIdError as error:
        hint = f"Did you mean: {', '.join(error.suggestions)}?" if error.suggestions else None
        fail(f"no exercise called '{exercise_id}'.", hint or "List them with 'supple exercises'.")
    if output is None:
        click.echo(svg)
        return
    if output.suffix.lower() == ".svg":
        write_output(output, (svg + "\n").encode("utf-8"))
    else:
        from supple.figures.png import svg_to_png

        write_output(output, svg_to_png(svg))
    click.echo(f"Wrote {output}", err=True)


@click.command()
@click.option(
    "--sheet",
    "sheet",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="PNG file for a contact sheet of every exercise, start and end side by side.",
)
@click.option(
    "--review",
    is_flag=True,
    help="Show start, mid-movement and end for each exercise (the review sheet).",
)
def figures(sheet: Path, review: bool) -> None:
    """Draw every exercise in the catalog on one labelled contact sheet."""
    from supple.catalog import default_catalog
    from supple.figures.png import contact_sheet_svg, svg_to_png

    if sheet.suffix.lower() != ".png":
        fail(f"cannot write '{sheet.name}'.", "The contact sheet is a PNG: use a .png name.")
    check_output(sheet)  # before the minute of drawing, not after it
    catalog = default_catalog()
    ids = sorted(catalog.exercises)
    done = 0

    def progress(exercise_id: str) -> None:
        nonlocal done
        done += 1
        click.echo(f"[{done}/{len(ids)}] {exercise_id}", err=True)

    phases = ("start", "mid", "end") if review else ("start", "end")
    columns = 2 if review else 3
    svg = contact_sheet_svg(catalog, ids, columns, progress=progress, phases=phases)
    write_output(sheet, svg_to_png(svg))
    click.echo(f"Wrote {sheet} ({len(ids)} exercises)", err=True)
