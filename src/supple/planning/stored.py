"""The one reader for stored plan documents (``supple plan --json``, the store, files).

The handout, the calendar, the terminal player, ``supple timeline``, the API's
timeline and sessions and the history all read saved plans through here, so a plan
that one of them accepts every other accepts too, and a refusal says the same thing
wherever it happens. Reading never plans again: what the person prints, schedules or
plays is exactly the routine they were given, checked against the catalog and the time
model first so a hand-edited file fails naming the field.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from supple.catalog import Catalog
from supple.planning.routine import Routine, RoutineError, routine_from_dict

NOT_A_PLAN = "a plan must be a JSON object as printed by `supple plan --json`"


class PlanDocumentError(ValueError):
    """The plan document cannot be used; the message says why in plain words."""


def stored_routine(document: object, catalog: Catalog, *, purpose: str = "no routine") -> Routine:
    """The checked routine of a plan document, or of a routine saved on its own.

    ``purpose`` ends the refusal of a plan the safety screen withheld ("nothing to
    time", "no session"), so the person reads what they cannot do and why.
    """
    if not isinstance(document, Mapping):
        raise PlanDocumentError(NOT_A_PLAN)
    if "routine" in document:
        raw = document["routine"]
    elif "items" in document:
        raw = document
    else:
        raise PlanDocumentError(
            "the plan has no 'routine' field; is it a `supple plan --json` file?"
        )
    if raw is None:
        raise PlanDocumentError(
            f"this plan has no routine: the safety screen withheld it (level: {_level(document)}), "
            f"so there is {purpose}. Follow the screen's advice before exercising."
        )
    try:
        return routine_from_dict(raw, catalog)
    except RoutineError as error:
        raise PlanDocumentError(str(error)) from error


def stored_exercises(document: Mapping[str, Any]) -> tuple[str, ...]:
    """The exercise ids of a stored plan, in routine order, without checking the doses
    (a plan that can no longer be played still says what the person was doing)."""
    routine = document.get("routine")
    items = routine.get("items", []) if isinstance(routine, Mapping) else []
    ids = (item.get("exercise") for item in items if isinstance(item, Mapping))
    return tuple(key for key in ids if isinstance(key, str))


def stored_variants(document: Mapping[str, Any]) -> tuple[tuple[str, str], ...]:
    """(exercise id, variant) for each item of a stored plan done as a variant."""
    routine = document.get("routine")
    items = routine.get("items", []) if isinstance(routine, Mapping) else []
    return tuple(
        (item["exercise"], item["variant"])
        for item in items
        if isinstance(item, Mapping)
        and isinstance(item.get("exercise"), str)
        and isinstance(item.get("variant"), str)
    )


def stored_escalation(document: Mapping[str, Any]) -> str | None:
    """The advice to see a GP or physiotherapist the plan was made with (None: none;
    plans saved before it was kept have none)."""
    value = document.get("escalation")
    return value if isinstance(value, str) and value else None


def stored_kept_out(document: Mapping[str, Any]) -> frozenset[str]:
    """The exercises the history kept out of the plan (none for older plans)."""
    value = document.get("kept_out")
    items = value if isinstance(value, list) else []
    return frozenset(key for key in items if isinstance(key, str))


def _level(document: Mapping[str, Any]) -> str:
    screen = document.get("screen")
    if isinstance(screen, Mapping) and isinstance(screen.get("level"), str):
        return str(screen["level"])
    return "unknown"


__all__ = [
    "NOT_A_PLAN",
    "PlanDocumentError",
    "stored_escalation",
    "stored_exercises",
    "stored_kept_out",
    "stored_routine",
    "stored_variants",
]
