"""Reading the routine out of a saved plan document, for the handout and the calendar.

Both render a plan that already exists and never plan again: what the person prints or
schedules is exactly the routine they were given. The routine is checked against the
catalog and the time model first, so a hand-edited file fails with a message naming
the field instead of printing a sheet whose times do not add up.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from supple.catalog import Catalog
from supple.planning.routine import Routine, RoutineError, routine_from_dict


class PlanDocumentError(ValueError):
    """The plan document cannot be rendered; the message says why in plain words."""


def routine_of(document: object, catalog: Catalog) -> Routine:
    """The checked routine of a plan document as printed by ``supple plan --json``."""
    if not isinstance(document, Mapping):
        raise PlanDocumentError("a plan must be a JSON object as printed by `supple plan --json`")
    if "routine" not in document:
        raise PlanDocumentError(
            "the plan has no 'routine' field; is it a `supple plan --json` file?"
        )
    raw = document["routine"]
    if raw is None:
        raise PlanDocumentError(
            f"this plan has no routine: the safety screen withheld it (level: {_level(document)}). "
            "Follow the screen's advice before exercising."
        )
    try:
        routine = routine_from_dict(raw, catalog)
    except RoutineError as error:
        raise PlanDocumentError(str(error)) from error
    if not routine.items:
        raise PlanDocumentError("routine.items: the routine has no exercises")
    return routine


def _level(document: Mapping[str, Any]) -> str:
    screen = document.get("screen")
    if isinstance(screen, Mapping) and isinstance(screen.get("level"), str):
        return str(screen["level"])
    return "unknown"


__all__ = ["PlanDocumentError", "routine_of"]
