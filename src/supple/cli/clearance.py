"""Asking for a clinician's clearance in the terminal: per rule, with its date.

A saved clearance is shown and must be confirmed again, and a date that would not count
(in the future, older than 12 weeks, or before this pain began) is explained, not kept.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import click

from supple.cli.asking import yes_no

if TYPE_CHECKING:
    from supple.answers import Answers, Clearance


class IsoDate(click.ParamType[Any, Any]):
    name = "date"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value).strip())
        except ValueError:
            self.fail("write the date as year-month-day, for example 2026-11-03")


def ask_clearances(
    answers: Answers, saved: tuple[Clearance, ...] | list[Clearance], today: dt.date
) -> list[dict[str, Any]]:
    """For each clearable rule that withholds the routine: did a GP or physiotherapist
    examine this pain and say exercise is fine, and when? A saved clearance is shown and
    confirmed again; the answer is never assumed."""
    from supple.answers import Clearance
    from supple.screening import CLEARABLE_LEVELS, default_rules, screen
    from supple.screening.clearance import NOT_EXAMINED, check_clearance, why_not_counted
    from supple.screening.questions import default_questions

    rules = default_rules()
    result = screen(answers.model_copy(update={"clearance": []}), today=today)
    serious = [r for r in result.reasons if r.level in CLEARABLE_LEVELS]
    if result.level == "emergency" or not serious:
        return []
    if any(not rules.by_id(r.rule).clearable for r in serious):
        return []
    if answers.pain.assessed is False:
        click.echo(f"\nNo clearance can be given: {NOT_EXAMINED}")
        return []
    wording = default_questions().clearance
    triggering = [r.rule for r in serious]
    entries: list[dict[str, Any]] = []
    for reason in serious:
        old = next((c for c in saved if c.rule == reason.rule), None)
        date: dt.date | None = None
        if old is not None:
            when = f"{old.date.day} {old.date.strftime('%B %Y')}"
            if yes_no(wording.saved.format(date=when, label=reason.label)):
                date = old.date
        if date is None:
            if not yes_no(wording.text.format(label=reason.label), wording.why):
                continue
            date = click.prompt(f"  {wording.date} {wording.date_example}", type=IsoDate())
        assert date is not None
        entry = Clearance(rule=reason.rule, date=date, triggering=triggering)
        check = check_clearance(
            entry,
            today=today,
            weeks=answers.pain.weeks,
            serious_now=triggering,
            clearable=rules.clearable_ids(),
        )
        if not check.valid:
            why = why_not_counted(check, today=today, weeks=answers.pain.weeks)
            click.echo(f"  That date does not count: {why}")
            continue
        entries.append(entry.model_dump(mode="json"))
    return entries
