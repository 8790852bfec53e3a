"""The web's side of ``supple.planning.session_gate``: the API and the pages ask the
one core rule whether a session of a saved plan may start, and word what to do."""

from __future__ import annotations

from datetime import date

from fastapi import HTTPException, Request

from supple.history import load_history
from supple.planning.session_gate import SessionRefusal, session_may_start
from supple.planning.stored import stored_exercises
from supple.store import PlanRecord
from supple.web.deps import profile_of, store_of

WHAT_TO_DO = {
    "warning_signs_due": "Answer the warning-sign questions again; that also makes your "
    "updated plan.",
    "plan_stale": "Make your updated plan (POST /api/plan, or 'make a new plan' on the plan "
    "page) and start the session from it.",
}


def session_refusal(request: Request, record: PlanRecord) -> SessionRefusal | None:
    """Why a session of this saved plan may not start now, or None."""
    history = load_history(store_of(request), profile_of(request))
    return session_may_start(
        history, stored_exercises(record.document), date.today(), plan_made_at=record.created_at
    )


def warning_signs_due(request: Request, record: PlanRecord) -> bool:
    """The warning-sign questions must be answered before the next session."""
    refusal = session_refusal(request, record)
    return refusal is not None and refusal.cause == "warning_signs_due"


def refuse_unless_ready(request: Request, record: PlanRecord) -> None:
    """409 with the reason and what to do, before anything is written."""
    refusal = session_refusal(request, record)
    if refusal is not None:
        raise HTTPException(409, f"No session yet: {refusal.reason}. {WHAT_TO_DO[refusal.cause]}")


__all__ = ["WHAT_TO_DO", "refuse_unless_ready", "session_refusal", "warning_signs_due"]
