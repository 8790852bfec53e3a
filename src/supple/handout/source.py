"""Reading the routine out of a saved plan document, for the handout and the calendar.

Both render a plan that already exists and never plan again; the document is read by
the one reader of stored plans (``supple.planning.stored``). A routine with no
exercises cannot be printed or scheduled, so it is refused here as well.
"""

from __future__ import annotations

from supple.catalog import Catalog
from supple.planning.routine import Routine
from supple.planning.stored import PlanDocumentError, stored_routine


def routine_of(document: object, catalog: Catalog) -> Routine:
    """The checked routine of a plan document as printed by ``supple plan --json``."""
    routine = stored_routine(document, catalog, purpose="nothing to print or schedule")
    if not routine.items:
        raise PlanDocumentError("routine.items: the routine has no exercises")
    return routine


__all__ = ["PlanDocumentError", "routine_of"]
