"""The store-to-desk translation shared by ``supple breaks`` and the web's /breaks page.

Reads the newest break settings, answers and checklist from the store and hands them to
the core (``supple.desk``), so both shells offer the same break moves on the same day:
the desk routine comes from the person's latest answers and their history's plan.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from supple.desk.breaks import BreakSettings
from supple.desk.checklist import ChecklistSummary, checklist_summary
from supple.desk.routine import DeskRoutine, desk_routine

if TYPE_CHECKING:
    from supple.catalog import Catalog
    from supple.store import Store


def current_breaks(store: Store, profile: str) -> BreakSettings | None:
    """The break settings in use, or None before the person has set any."""
    from supple.store.desk import break_settings_of

    latest = store.latest_break_settings(profile)
    return None if latest is None else break_settings_of(latest)


def break_routine(store: Store, profile: str, catalog: Catalog, today: date) -> DeskRoutine:
    """The desk routine for the profile's latest answers (withheld before any)."""
    from supple.answers import AnswersError, read_answers
    from supple.history import stored_plan_for

    saved = store.latest_answers(profile)
    if saved is None:
        return desk_routine(None, None, catalog)
    try:
        answers = read_answers(saved.document)
    except AnswersError:
        return desk_routine(None, None, catalog)
    plan = stored_plan_for(store, profile, answers, catalog, today=today)
    return desk_routine(answers, plan, catalog)


def latest_checklist(store: Store, profile: str) -> ChecklistSummary | None:
    latest = store.latest_desk_checklist(profile)
    return None if latest is None else checklist_summary(latest.answered_at, latest.answers)


__all__ = ["break_routine", "current_breaks", "latest_checklist"]
