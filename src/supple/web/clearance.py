"""The web side of a clinician's clearance: what to ask, and reading the answers back.

At urgent and see-clinician levels a routine is offered only when, for every such rule
that triggers, the person says a GP or physiotherapist examined this pain and said
exercise is fine, and gives the date. The screen decides whether a clearance counts
(supple.screening.clearance); this module only words the questions (from
questions.toml) and turns the form into ``clearance`` entries. A clearance saved with
earlier answers is shown with its date and must be confirmed again: it is never
ticked in advance and never carried over silently.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from starlette.datastructures import FormData

from supple.screening import CLEARABLE_LEVELS, ScreenResult, default_rules
from supple.screening.questions import default_questions
from supple.store import AnswersRecord
from supple.web.questions import YES, Problem


@dataclass(frozen=True)
class ClearanceAsked:
    """One clearable rule, asked about; ``saved`` is the date given last time, if any."""

    rule: str
    label: str
    advice: str
    text: str
    saved: str | None


def saved_clearances(records: list[AnswersRecord], skip: int) -> dict[str, str]:
    """rule -> date of the newest clearance given with earlier answers (not ``skip``)."""
    found: dict[str, str] = {}
    for record in sorted(records, key=lambda r: r.id):
        if record.id == skip:
            continue
        for entry in record.document.get("clearance") or []:
            if isinstance(entry, dict) and isinstance(entry.get("rule"), str):
                found[entry["rule"]] = str(entry.get("date", ""))
    return found


def what_to_ask(
    result: ScreenResult, saved: dict[str, str]
) -> tuple[list[ClearanceAsked], list[Any]]:
    """(clearable rules to ask about, rules that cannot be cleared) among the serious ones."""
    rules = default_rules()
    wording = default_questions().clearance
    asked: list[ClearanceAsked] = []
    refused = []
    for reason in result.reasons:
        if reason.level not in CLEARABLE_LEVELS:
            continue
        if not rules.by_id(reason.rule).clearable:
            refused.append(reason)
            continue
        date = saved.get(reason.rule)
        text = (
            wording.saved.replace("{date}", _day(date)).replace("{label}", reason.label)
            if date
            else wording.text.replace("{label}", reason.label)
        )
        asked.append(ClearanceAsked(reason.rule, reason.label, reason.advice, text, date))
    return asked, refused


def _day(iso: str) -> str:
    try:
        day = dt.date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{day.day} {day:%B %Y}"


def entries_from_form(
    form: FormData, asked: list[ClearanceAsked], triggering: list[str]
) -> tuple[list[dict[str, Any]], list[Problem]]:
    """The clearance entries the person confirmed, or what to fix (in their words)."""
    date_words = default_questions().clearance.date
    entries: list[dict[str, Any]] = []
    problems: list[Problem] = []
    for item in asked:
        if form.get(f"clear.{item.rule}") != YES:
            continue
        raw = str(form.get(f"date.{item.rule}", ""))
        try:
            day = dt.date.fromisoformat(raw)
        except ValueError:
            problems.append(Problem(f"{item.text} {date_words}", f"clear-{item.rule}"))
            continue
        entries.append({"rule": item.rule, "date": day.isoformat(), "triggering": triggering})
    return entries, problems
