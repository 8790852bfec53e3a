"""``supple history`` (every session as it went) and ``supple checkin`` (the weekly PEG-3)."""

from __future__ import annotations

import sys
from datetime import date

import click

from supple.cli.common import console, emit_json, fail

PEG_QUESTIONS = (
    ("pain", "Over the past week, your average pain (0 none, 10 worst imaginable)"),
    ("enjoyment", "How much pain got in the way of enjoying life (0 not at all, 10 completely)"),
    (
        "activity",
        "How much pain got in the way of your general activity (0 not at all, 10 completely)",
    ),
)


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print the sessions as JSON.")
def history(as_json: bool) -> None:
    """Every session: when, how it ended, pain before and after, steps, pain stops, ratings."""
    from supple.catalog import default_catalog
    from supple.documents import session_log_document
    from supple.settings import get_settings
    from supple.store import StoreError, open_store

    profile = get_settings().profile
    try:
        with open_store(read_only=True) as store:
            # Three queries whatever the length of the history, not two per session.
            document = session_log_document(
                profile,
                [session.to_dict() for session in store.sessions(profile)],
                store.step_outcomes(profile),
                [(r.session_id, r.exercise, r.rating) for r in store.profile_ratings(profile)],
            )
    except (StoreError, OSError) as error:
        fail(f"cannot read your records: {error}")
    rows = [entry.to_json() for entry in document.sessions]
    if as_json:
        emit_json(document.to_json())
        return
    out = console()
    if not rows:
        out.print("No sessions yet. Start one with: supple session --plan latest")
        return
    from rich.table import Table

    names = {key: e.name for key, e in default_catalog().exercises.items()}
    table = Table(title=f"Sessions of '{profile}'", title_justify="left")
    for column in ("When", "How it ended", "Pain", "Steps", "Time", "Stopped for pain", "Felt"):
        table.add_column(column)
    for row in rows:
        started = session_time(row["started_at"])
        after = "?" if row["pain_after"] is None else row["pain_after"]
        minutes, seconds = divmod(int(row["active_seconds"]), 60)
        felt = ", ".join(f"{names.get(k, k)}: {v}" for k, v in row["ratings"].items())
        table.add_row(
            started,
            row["status"].replace("_", " "),
            f"{row['pain_before']} → {after}",
            f"{row['steps_done']} done, {row['steps_skipped']} skipped",
            f"{minutes}:{seconds:02d}",
            ", ".join(names.get(e, e) for e in row["stopped_for_pain"]),
            felt,
        )
    out.print(table)
    for row in rows:
        if row["leg_pain_uncounted"]:
            out.print(
                f"{session_time(row['started_at'])}: stopped for pain down the leg before an "
                "exercise started (not counted against it); the warning-sign questions are "
                "asked again before the next session.",
                style="red",
            )


def session_time(iso: str) -> str:
    from datetime import datetime

    return datetime.fromisoformat(iso).astimezone().strftime("%Y-%m-%d %H:%M")


@click.command()
@click.option("--pain", type=click.IntRange(0, 10), help="Average pain over the past week.")
@click.option("--enjoyment", type=click.IntRange(0, 10), help="Interference with enjoying life.")
@click.option("--activity", type=click.IntRange(0, 10), help="Interference with general activity.")
@click.option("--json", "as_json", is_flag=True, help="Print the stored check-in as JSON.")
def checkin(pain: int | None, enjoyment: int | None, activity: int | None, as_json: bool) -> None:
    """The weekly check-in (PEG-3): three 0-10 questions about the past week.

    Asks for any answer not given as an option. The score is their mean; watching it
    week by week shows whether pain is loosening its hold on daily life.
    """
    from supple.progress import peg_score, week_start
    from supple.settings import get_settings
    from supple.store import StoreError, open_store

    given = {"pain": pain, "enjoyment": enjoyment, "activity": activity}
    missing = [key for key, value in given.items() if value is None]
    if missing and not sys.stdin.isatty():
        # click.prompt would read the pipe; a script should say what it means.
        fail(
            f"missing {', '.join('--' + m for m in missing)} and no terminal to ask on.",
            "Give all three: --pain N --enjoyment N --activity N (each 0-10).",
        )
    for key, question in PEG_QUESTIONS:
        if given[key] is None:
            given[key] = click.prompt(question, type=click.IntRange(0, 10))
    values = {key: int(value or 0) for key, value in given.items()}
    profile = get_settings().profile
    try:
        with open_store() as store:
            checkin_id = store.save_checkin(
                profile,
                week_of=week_start(date.today()),
                pain=values["pain"],
                enjoyment=values["enjoyment"],
                activity=values["activity"],
            )
            record = next(c for c in store.checkins(profile) if c.id == checkin_id)
    except (StoreError, OSError) as error:
        fail(f"cannot save the check-in: {error}")
    if as_json:
        emit_json(record.to_dict())
        return
    score = peg_score(values["pain"], values["enjoyment"], values["activity"])
    console().print(
        f"Check-in saved for the week of {record.week_of.isoformat()}: PEG-3 score {score:.1f} "
        "out of 10. See the weeks side by side with: supple progress"
    )


__all__ = ["checkin", "history"]
