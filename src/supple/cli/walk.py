"""``supple walk``: the optional daily walking goal and the walks you log.

``supple walk goal 10`` sets the goal from what you can walk comfortably now (minutes);
``supple walk goal off`` turns it off; ``supple walk log 15`` logs a walk; ``supple
walk`` shows today's goal, whether it is paused and why, and the last two weeks.
"""

from __future__ import annotations

from datetime import date, timedelta

import click

from supple.cli.common import console, emit_json, fail


def parse_day(text: str | None, option: str) -> date:
    """A YYYY-MM-DD day, today by default; not in the future. Exit 2 otherwise."""
    today = date.today()
    if text is None:
        return today
    try:
        day = date.fromisoformat(text)
    except ValueError:
        fail(f"{option}: {text!r} is not a date", "Give it as YYYY-MM-DD, e.g. 2026-12-02.")
    if day > today:
        fail(f"{option}: {text} is after today; record only days that have happened")
    return day


@click.group(invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="Print the goal and walks as JSON.")
@click.pass_context
def walk(ctx: click.Context, as_json: bool) -> None:
    """The walking goal: starts from what you walk now, rises about 10% a week to 30
    minutes a day, and pauses after a flare-up or while pain is getting worse.
    Exit 0 on success, 2 on bad input."""
    if ctx.invoked_subcommand is not None:
        return
    from supple import self_care
    from supple.catalog import default_catalog
    from supple.settings import get_settings
    from supple.store import StoreError, open_store

    today = date.today()
    try:
        with open_store(read_only=True) as store:
            goal, walked = self_care.walking_today(
                store, get_settings().profile, today, default_catalog()
            )
    except (StoreError, OSError) as error:
        fail(f"cannot read your records: {error}")
    recent = [today - timedelta(days=n) for n in range(13, -1, -1)]
    if as_json:
        emit_json(
            {
                "goal": goal.to_dict() if goal else None,
                "walked": {day.isoformat(): walked.get(day, 0) for day in recent},
            }
        )
        return
    out = console()
    if goal is None:
        out.print("No walking goal set. Set one with: supple walk goal MINUTES")
    else:
        out.print(f"Today's walking goal: {goal.minutes} min (walked {goal.walked_today} min)")
        for words in goal.pause_words:
            out.print(f"  Not rising for now: {words}.")
        if goal.at_cap:
            out.print("  The goal has reached its top; keep it up.")
    line = " ".join(f"{walked.get(day, 0):>3}" for day in recent)
    out.print(f"Last 14 days (minutes): {line}")


@walk.command("goal")
@click.argument("minutes")
@click.option("--json", "as_json", is_flag=True, help="Print the setting as JSON.")
def goal_command(minutes: str, as_json: bool) -> None:
    """Set the goal to MINUTES you can walk comfortably now (1 to 120), or 'off'."""
    from supple.settings import get_settings
    from supple.store import StoreError, open_store
    from supple.store.schema import RecordError

    start: int | None
    if minutes.strip().lower() == "off":
        start = None
    else:
        try:
            start = int(minutes)
        except ValueError:
            fail(f"goal: {minutes!r} is not a number of minutes", "e.g. supple walk goal 10")
        if not 1 <= start <= 120:
            fail(
                f"goal: {start} minutes is outside 1 to 120", "Start from what is comfortable now."
            )
    try:
        with open_store() as store:
            record = store.set_walking_goal(get_settings().profile, date.today(), start)
    except RecordError as error:
        fail(str(error))
    except (StoreError, OSError) as error:
        fail(f"cannot save: {error}")
    if as_json:
        emit_json(record.to_dict())
    elif start is None:
        click.echo("Walking goal turned off.")
    else:
        click.echo(f"Walking goal set: {start} min a day to start, rising gently each week.")


@walk.command("log")
@click.argument("minutes")
@click.option("--date", "day", default=None, metavar="YYYY-MM-DD", help="Default: today.")
@click.option("--json", "as_json", is_flag=True, help="Print the walk as JSON.")
def log_command(minutes: str, day: str | None, as_json: bool) -> None:
    """Log a walk of MINUTES (1 to 300)."""
    from supple.settings import get_settings
    from supple.store import StoreError, open_store
    from supple.store.schema import RecordError

    try:
        count = int(minutes)
    except ValueError:
        fail(f"log: {minutes!r} is not a number of minutes", "e.g. supple walk log 15")
    if not 1 <= count <= 300:
        fail(f"log: {count} minutes is outside 1 to 300")
    when = parse_day(day, "--date")
    try:
        with open_store() as store:
            record = store.log_walk(get_settings().profile, when, count)
    except RecordError as error:
        fail(str(error))
    except (StoreError, OSError) as error:
        fail(f"cannot save: {error}")
    if as_json:
        emit_json(record.to_dict())
    else:
        click.echo(f"Logged a {count}-minute walk on {when:%d %b %Y}.")


__all__ = ["parse_day", "walk"]
