"""``supple handout``: print a plan as a sheet to pin up (PDF or HTML)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from supple.cli.common import fail
from supple.cli.files import check_output, write_output
from supple.cli.plans import PLAN_HELP, load_plan

if TYPE_CHECKING:
    from supple.calendar.schedule import ScheduleError

DAYS_HELP = "Days you plan to do it: daily, or e.g. mon,wed,fri (default daily)."
WEEKS_HELP = "How many weeks to plan for, 1-52 (default 4)."


OPTION_NAMES = {"days": "--days", "time": "--time", "time zone": "--tz", "weeks": "--weeks"}


def schedule_failure(error: ScheduleError) -> NoReturn:
    """Exit 2 naming the option, the value given and the form that is allowed."""
    option = OPTION_NAMES.get(error.what, error.what)
    fail(f"{option} {error.value!r} is not valid.", f"Use {error.allowed}.")


def output_format(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in (".pdf", ".html", ".htm"):
        return "html" if suffix == ".htm" else suffix[1:]
    fail(f"output '{path}' must end in .pdf or .html.", "For example: -o routine.pdf")


@click.command()
@click.option("--plan", "source", required=True, metavar="FILE|latest", help=PLAN_HELP)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("supple-handout.pdf"),
    show_default=True,
    help="FILE.pdf or FILE.html.",
)
@click.option("--paper", default="a4", metavar="a4|letter", help="Paper size (default a4).")
@click.option("--days", default="daily", metavar="DAYS", help=DAYS_HELP)
@click.option("--weeks", default=4, type=int, metavar="N", help=WEEKS_HELP)
def handout(source: str, output: Path, paper: str, days: str, weeks: int) -> None:
    """Print your routine: safety box, every exercise with pictures and doses, a tick sheet."""
    from supple.calendar.schedule import ScheduleError, parse_schedule
    from supple.handout import PAPERS, PaperError, PlanDocumentError, handout_html, parse_paper
    from supple.handout.render import render_pdf

    kind = output_format(output)
    check_output(output)
    try:
        chosen = parse_paper(paper)
        parse_schedule(days, weeks)
    except PaperError as error:
        fail(f"--paper {error.value!r} is not valid.", f"Use one of: {', '.join(PAPERS)}.")
    except ScheduleError as error:
        schedule_failure(error)
    plan = load_plan(source)
    try:
        html = handout_html(
            plan.document, paper=chosen, made_on=plan.made_on, days=days, weeks=weeks
        )
    except PlanDocumentError as error:
        fail(f"the plan cannot be printed: {error}")
    data = render_pdf(html) if kind == "pdf" else html.encode("utf-8")
    write_output(output, data)
    size = "A4" if chosen == "a4" else "US Letter"
    click.echo(f"Wrote {output} ({kind.upper()}, {size}).")
