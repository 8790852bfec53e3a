"""``supple progress``: practice, pain and what the next plan will change, with small charts.

The store-to-core translation lives in ``supple.history``, shared with the web app;
``stored_history`` gives ``supple plan`` and ``supple start`` the history to plan with.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

import click

from supple.cli.common import console, emit_json, fail

if TYPE_CHECKING:
    from supple.planning import History
    from supple.progress import Adaptation, Progress

SPARKS = "▁▂▃▄▅▆▇█"


def stored_history(profile: str | None = None, *, read_only: bool = False) -> History:
    """The saved history for ``supple.planning.plan_for``; empty when nothing is stored.

    For ``supple plan`` and ``supple start``: ``plan_for(answers, stored_history(), today)``;
    ``read_only`` for a command that will not save (an older schema is then refused,
    not upgraded).
    """
    from supple.history import load_history
    from supple.planning import History
    from supple.settings import get_settings
    from supple.store import open_store

    name = profile or get_settings().profile
    # A store that cannot be read is not "no history": planning without the exercises
    # stopped for pain would be less safe, so its StoreError reaches the user (exit 2).
    with open_store(read_only=read_only) as store:
        if not store.find_profile(name):
            return History()
        return load_history(store, name)


def spark(values: Sequence[int | None]) -> str:
    """A 0-10 series as one character per value; a gap where there is no value."""
    return "".join(" " if v is None else SPARKS[min(7, v * 8 // 11)] for v in values)


def bar(value: float, scale: float, width: int = 20) -> str:
    filled = round(width * max(0.0, min(value, scale)) / scale) if scale else 0
    return "█" * filled + "·" * (width - filled)


def render(report: Progress, adaptation: Adaptation, names: dict[str, str]) -> list[Any]:
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    parts: list[Any] = []
    if adaptation.message:
        parts.append(Panel(Text(adaptation.message), title="Please read", border_style="red"))
    parts.append(
        Text(
            f"{report.sessions_completed} sessions completed · current streak "
            f"{report.streak} day{'s' if report.streak != 1 else ''} · goal: daily is ideal, "
            "at least 3 a week",
            style="bold",
        )
    )
    if report.weeks:
        table = Table(title="Sessions per week", title_justify="left", box=None)
        for column in ("Week", "Sessions (goal 3, ideal 7)", "", "Days"):
            table.add_column(column)
        for week in report.weeks[-12:]:
            w = week.to_dict()
            mark = "ideal" if week.ideal_met else "goal met" if week.minimum_met else ""
            style = "green" if week.minimum_met else "yellow"
            table.add_row(
                w["week"], Text(bar(week.sessions, 7, 14), style=style), mark, str(week.active_days)
            )
        parts.append(table)
    if report.pain:
        before = [p.before for p in report.pain[-40:]]
        after = [p.after for p in report.pain[-40:]]
        parts.append(Text("Pain, one mark per session (0 low, 10 high)", style="bold"))
        parts.append(Text(f"  before  {spark(before)}"))
        parts.append(Text(f"  after   {spark(after)}"))
    averages = [w for w in report.weekly_pain if w.mean is not None]
    if averages:
        table = Table(title="Average pain before sessions, by week", title_justify="left", box=None)
        table.add_column("Week of")
        table.add_column("Average")
        table.add_column("")
        for pain_week in report.weekly_pain[-12:]:
            value = None if pain_week.mean is None else float(pain_week.mean)
            shown = "no sessions" if value is None else f"{value:.1f}"
            table.add_row(pain_week.week_start.isoformat(), bar(value or 0, 10), shown)
        parts.append(table)
        trend = report.trend.to_dict()
        words = {
            "improving": "lower than in your first week",
            "worsening": "higher than in your first week",
            "steady": "the same as in your first week",
            "unknown": "not comparable yet (one week of ratings)",
        }
        parts.append(Text(f"Trend: your latest weekly average is {words[trend['direction']]}."))
    if report.stops:
        parts.append(Text("Stopped for sharp or radiating pain", style="bold red"))
        for stop in report.stops:
            days = ", ".join(d.isoformat() for d in stop.days)
            parts.append(Text(f"  {names.get(stop.exercise, stop.exercise)}: {days}"))
    if report.peg:
        table = Table(title="Weekly check-in (PEG-3, 0-10)", title_justify="left", box=None)
        for column in ("Week of", "Score", "", "Pain", "Enjoyment", "Activity"):
            table.add_column(column)
        for point in report.peg[-12:]:
            p = point.to_dict()
            table.add_row(
                p["week_of"],
                bar(p["score"], 10),
                f"{p['score']:.1f}",
                str(p["pain"]),
                str(p["enjoyment"]),
                str(p["activity"]),
            )
        parts.append(table)
    if adaptation.success:
        parts.append(Text(adaptation.success, style="bold green"))
    if adaptation.changes or adaptation.offer:
        parts.append(Text("Your next plan", style="bold"))
        for change in adaptation.changes:
            target = (
                f" → {names.get(change.replacement, change.replacement)}"
                if change.replacement
                else ""
            )
            parts.append(
                Text(f"  • {names.get(change.exercise, change.exercise)}{target}: {change.reason}")
            )
        if adaptation.offer:
            parts.append(Text(f"  • {adaptation.offer.message}", style="green"))
            if adaptation.offer.to_level is not None:
                from supple.planning.history_notes import level_command

                command = level_command(adaptation.offer.to_level)
                parts.append(Text(f"  • {command}", style="green"))
    if not report.weeks and not report.pain and not report.peg:
        parts.append(Text("Nothing recorded yet. Start with: supple session --plan latest"))
    return parts


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def progress(as_json: bool) -> None:
    """Sessions per week against the goal, streak, pain over time, check-ins, and what the
    next plan will change because of them."""
    from supple import history
    from supple.catalog import default_catalog
    from supple.settings import get_settings
    from supple.store import StoreError, open_store

    profile = get_settings().profile
    catalog = default_catalog()
    today = date.today()
    try:
        with open_store(read_only=True) as store:
            logs = history.session_logs(store, profile)
            weekly = history.weekly_summary(logs, today)
            report = history.progress(store, profile, today, logs=logs, weekly=weekly)
            adapted = history.next_plan(store, profile, catalog, today, logs=logs, weekly=weekly)
            from supple.self_care import flare_summary, walking_today

            flares = flare_summary(store, profile, today)
            walking, _walked = walking_today(store, profile, today, catalog)
    except (StoreError, OSError) as error:
        fail(f"cannot read your records: {error}")
    if as_json:
        from supple.documents import progress_document

        emit_json(progress_document(report, adapted).to_json())
        return
    out = console()
    names = {key: e.name for key, e in catalog.exercises.items()}
    for part in render(report, adapted, names):
        out.print(part)
    from supple.cli.flare import render_history

    if flares.weeks:
        for part in render_history(flares):
            out.print(part)
    if walking is not None:
        out.print(f"Walking goal today: {walking.minutes} min; walked {walking.walked_today} min.")
        for words in walking.pause_words:
            out.print(f"  Not rising for now: {words}.")


__all__ = ["progress", "stored_history"]
