"""``supple breaks``: movement breaks through the working day, and their reminders.

``set`` chooses the working days, hours and interval; ``show`` prints the break times
and the desk routine (``--json`` for scripts); ``calendar`` writes one weekly reminder
series per break time as an .ics file any calendar app imports.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from supple.cli.common import emit_json, fail

if TYPE_CHECKING:
    from supple.desk.breaks import BreakSettings
    from supple.desk.routine import DeskRoutine

DAYS_HELP = "Working days: weekdays (default), daily, or e.g. mon,tue,thu."


def _loaded(today: date) -> tuple[BreakSettings | None, DeskRoutine]:
    from supple.catalog import default_catalog
    from supple.desk_state import break_routine, current_breaks
    from supple.settings import get_settings
    from supple.store import open_store

    profile = get_settings().profile
    with open_store(read_only=True) as store:
        return current_breaks(store, profile), break_routine(
            store, profile, default_catalog(), today
        )


def _data(settings: BreakSettings | None, routine: DeskRoutine) -> dict[str, Any]:
    return {
        "breaks": settings.to_dict() if settings else None,
        "routine": routine.to_dict(),
    }


def _print(settings: BreakSettings | None, routine: DeskRoutine) -> None:
    if settings is None:
        click.echo("No movement breaks set yet. Set them with: supple breaks set --every 45")
    else:
        zone = f" ({settings.zone})" if settings.zone else ""
        click.echo(
            f"Movement breaks {settings.days_label}, every {settings.interval_minutes} minutes "
            f"from {settings.start:%H:%M} to {settings.end:%H:%M}{zone}:"
        )
        click.echo("  " + ", ".join(f"{t:%H:%M}" for t in settings.times))
    if routine.withheld:
        click.echo(routine.withheld)
        if routine.reminders_refused:
            click.echo(routine.reminders_refused)
        return
    minutes = "1" if routine.seconds <= 60 else "2"
    click.echo(f"At each break (about {minutes} minute{'s' if minutes != '1' else ''}):")
    for number, move in enumerate(routine.moves, start=1):
        variant = f" (as {move.variant})" if move.variant else ""
        click.echo(f"  {number}. {move.name}{variant}: {move.dose_line}")
        for cue in move.cues:
            click.echo(f"     {cue}")
    click.echo("Stop any move that causes sharp, shooting or spreading pain.")


@click.group()
def breaks() -> None:
    """Movement breaks while you sit: times, a 1-2 minute desk routine, reminders."""


@breaks.command("set")
@click.option("--days", default="weekdays", show_default=True, metavar="DAYS", help=DAYS_HELP)
@click.option("--start", default="09:00", show_default=True, metavar="HH:MM", help="Work starts.")
@click.option("--end", default="17:00", show_default=True, metavar="HH:MM", help="Work ends.")
@click.option(
    "--every",
    "interval",
    default=45,
    show_default=True,
    type=int,
    metavar="MINUTES",
    help="Minutes between breaks (20 to 120).",
)
@click.option(
    "--tz",
    default=None,
    metavar="ZONE",
    help="Your time zone, e.g. Europe/London (default: this computer's).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the saved settings as JSON.")
def set_breaks(
    days: str, start: str, end: str, interval: int, tz: str | None, as_json: bool
) -> None:
    """Choose working days and hours and how often to take a movement break."""
    from supple.calendar import local_zone
    from supple.desk.breaks import BreakError, parse_break_settings
    from supple.settings import get_settings
    from supple.store import open_store

    zone = tz
    if zone is None:
        found = local_zone()
        if found.notice:
            click.echo(f"Note: {found.notice}", err=True)
        zone = found.zone.key
    try:
        settings = parse_break_settings(
            days=days, start=start, end=end, interval=interval, zone=zone
        )
    except BreakError as error:
        option = {"interval": "--every", "zone": "--tz"}.get(error.what, f"--{error.what}")
        fail(f"{option}: {error}")
    with open_store() as store:
        store.save_break_settings(get_settings().profile, settings)
    if as_json:
        emit_json(settings.to_dict())
        return
    click.echo(
        f"Saved: breaks {settings.days_label}, every {settings.interval_minutes} minutes, "
        f"{len(settings.times)} a day ({', '.join(f'{t:%H:%M}' for t in settings.times)})."
    )
    click.echo("Add them to your calendar with: supple breaks calendar")


@breaks.command("show")
@click.option("--json", "as_json", is_flag=True, help="Print the settings and routine as JSON.")
def show_breaks(as_json: bool) -> None:
    """Show your break times and the desk routine to do at each one."""
    settings, routine = _loaded(date.today())
    if as_json:
        emit_json(_data(settings, routine))
        return
    _print(settings, routine)


@breaks.command("calendar")
@click.option(
    "-o",
    "--output",
    default="supple-breaks.ics",
    show_default=True,
    metavar="FILE.ics",
    help="Where to write the calendar file; '-' prints it.",
)
def breaks_calendar(output: str) -> None:
    """Write your breaks as repeating calendar events, each with an alarm."""
    from supple.calendar.export import base_url
    from supple.cli.files import check_output, write_output
    from supple.desk.calendar import breaks_ics, breaks_url
    from supple.settings import get_settings

    if output != "-":
        check_output(Path(output))
    settings, routine = _loaded(date.today())
    if settings is None:
        fail("no movement breaks are set yet.", "Set them first: supple breaks set --every 45")
    if routine.reminders_refused:
        fail(routine.reminders_refused)
    data = breaks_ics(
        settings,
        routine,
        profile=get_settings().profile,
        start=date.today(),
        now=datetime.now(UTC),
        url=breaks_url(base_url()),
    )
    if output == "-":
        click.echo(data.decode("utf-8"), nl=False)
        return
    write_output(Path(output), data)
    click.echo(f"Wrote {output} ({len(settings.times)} breaks a day, {settings.days_label}).")
