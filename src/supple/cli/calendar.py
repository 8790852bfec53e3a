"""``supple calendar``: a reminder for the routine that any calendar app can import."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from supple.cli.common import fail
from supple.cli.files import check_output, write_output
from supple.cli.handout import DAYS_HELP, WEEKS_HELP
from supple.cli.plans import PLAN_HELP, load_plan


def parse_start(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        fail(f"--start {text!r} is not valid.", "Use a date as YYYY-MM-DD, e.g. 2026-03-23.")


@click.command()
@click.option("--plan", "source", required=True, metavar="FILE|latest", help=PLAN_HELP)
@click.option(
    "-o",
    "--output",
    default="supple-routine.ics",
    show_default=True,
    metavar="FILE.ics",
    help="Where to write the calendar file; '-' prints it.",
)
@click.option("--days", default="daily", metavar="DAYS", help=DAYS_HELP)
@click.option("--time", "at", default="07:30", metavar="HH:MM", help="Start time (default 07:30).")
@click.option("--weeks", default=4, type=int, metavar="N", help=WEEKS_HELP)
@click.option(
    "--tz",
    default=None,
    metavar="ZONE",
    help="Your time zone, e.g. Europe/London (default: this computer's).",
)
@click.option(
    "--start",
    default=None,
    metavar="YYYY-MM-DD",
    help="First possible day (default today); the series starts on the first planned day.",
)
def calendar(
    source: str,
    output: str,
    days: str,
    at: str,
    weeks: int,
    tz: str | None,
    start: str | None,
) -> None:
    """Make a repeating calendar event for your routine, with a reminder 10 minutes before."""
    from supple.calendar import calendar_ics, local_zone
    from supple.calendar.schedule import ScheduleError, parse_schedule, parse_time, parse_zone
    from supple.cli.handout import schedule_failure
    from supple.handout import PlanDocumentError

    first = parse_start(start)
    if output != "-":
        check_output(Path(output))
    try:
        parse_schedule(days, weeks)
        parse_time(at)
        if tz is not None:
            parse_zone(tz)
    except ScheduleError as error:
        schedule_failure(error)
    zone_name = tz
    if zone_name is None:
        found = local_zone()
        if found.notice:
            click.echo(f"Note: {found.notice}", err=True)
        zone_name = found.zone.key
    plan = load_plan(source)
    try:
        data = calendar_ics(
            plan.document,
            profile=plan.profile,
            days=days,
            at=at,
            weeks=weeks,
            tz=zone_name,
            start=first,
        )
    except PlanDocumentError as error:
        fail(f"the plan cannot be scheduled: {error}")
    if output == "-":
        click.echo(data.decode("utf-8"), nl=False)
        return
    path = Path(output)
    write_output(path, data)
    click.echo(f"Wrote {path} ({days} at {at}, {weeks} weeks, {zone_name}).")
