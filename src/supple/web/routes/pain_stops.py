"""Pain stops the person never followed: the player's mark, and the page that settles one.

The player posts a mark as soon as "Sharp pain: stop" is pressed and again when the
easing question is answered (through its outbox, like steps). If the app is closed
there, home, ``/play`` and the player's own address show ``session_stopped.html``
instead of resuming: end the session, or carry on from the next exercise once the pain
has eased. What each records is ``supple.player.open_stop.way_on``; this module
only writes it.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, ConfigDict, Field

from supple.player.open_stop import OPEN_STOP_CHOICES, stop_left_open, way_on
from supple.store import SessionRecord, StoreError
from supple.store.schema import Strict, Whole
from supple.timeline import Step
from supple.web.deps import CheckedForm, own_plan, own_session, render, store_of
from supple.web.errors import error_responses
from supple.web.limits import SafeJsonRoute
from supple.web.routes.api_records import SessionId, plan_timeline

router = APIRouter(route_class=SafeJsonRoute)


class PainStopIn(Strict):
    """ "Sharp pain: stop" was pressed at step ``index``; ``easing`` is the answer so far."""

    # A whole number in JSON (17 or 17.0), as every record's step index.
    index: Annotated[int, Field(strict=True, ge=0, le=99_999), Whole]
    easing: bool | None = Field(default=None, strict=True)


class PainStopOut(BaseModel):
    model_config = ConfigDict(extra="forbid")

    index: int
    easing: bool | None


def open_stop_steps(request: Request, record: SessionRecord) -> list[Step] | None:
    """The session's timeline when its last word is a pain stop nobody followed."""
    if record.status != "in_progress":
        return None
    store = store_of(request)
    mark = store.pain_stop_mark(record.id)
    if not stop_left_open(mark, len(store.step_events(record.id))):
        return None
    return list(plan_timeline(request, own_plan(request, record.plan_id)).steps)


def stopped_page(request: Request, record: SessionRecord) -> Response:
    """The page shown instead of the player while a pain stop is left open."""
    return render(request, "session_stopped.html", stopped_context(request, record))


def stopped_context(request: Request, record: SessionRecord) -> dict[str, Any]:
    """What ``_pain_stopped.html`` shows: the session and the exercise that hurt."""
    mark = store_of(request).pain_stop_mark(record.id)
    steps = plan_timeline(request, own_plan(request, record.plan_id)).steps
    names = {
        item["exercise"]: item["name"]
        for item in (own_plan(request, record.plan_id).document.get("routine") or {}).get(
            "items", []
        )
    }
    exercise = steps[mark.index].exercise if mark and 0 <= mark.index < len(steps) else ""
    return {"stopped_session": record, "stopped_exercise": names.get(exercise, exercise)}


@router.post(
    "/api/sessions/{session_id}/pain-stop",
    tags=["records"],
    summary="Sharp pain: a stop was pressed, and whether the pain is easing",
    response_model=PainStopOut,
    responses=error_responses(400, 404, 409, 413, 415, 422, 503),
)
def mark_pain_stop(request: Request, session_id: SessionId, body: PainStopIn) -> dict[str, Any]:
    """Until a step is recorded after it, the session opens on "stopped for pain"."""
    record = own_session(request, session_id)
    steps = plan_timeline(request, own_plan(request, record.plan_id)).steps
    if body.index >= len(steps):
        raise HTTPException(409, f"index: the session has steps 0 to {len(steps) - 1}")
    try:
        store_of(request).mark_pain_stop(session_id, body.index, body.easing)
    except StoreError as error:  # the session has ended
        raise HTTPException(409, f"{error}.") from error
    return {"index": body.index, "easing": body.easing}


@router.post("/session/{session_id}/stopped", include_in_schema=False)
def settle_stop(request: Request, session_id: int, form: CheckedForm) -> Response:
    """End the session, or carry on from the next exercise: as the player would record."""
    record = own_session(request, session_id)
    choice = next((c for c in OPEN_STOP_CHOICES if c == form.get("choice")), None)
    if choice is None:
        raise HTTPException(422, f"choice: one of {', '.join(OPEN_STOP_CHOICES)}")
    steps = open_stop_steps(request, record)
    mark = store_of(request).pain_stop_mark(session_id)
    if steps is None or mark is None:
        return RedirectResponse(f"/session/{session_id}", status_code=303)
    way = way_on(mark, steps, choice)
    store = store_of(request)
    for item in way.record:
        step = steps[item.index]
        store.record_step_once(
            session_id,
            index=item.index,
            kind=step.kind,
            exercise=step.exercise or None,
            side=step.side,
            planned_seconds=step.seconds,
            actual_seconds=0,
            outcome=item.outcome,
        )
    if way.resume_at is None:
        return RedirectResponse(f"/session/{session_id}/finish?ended=pain", status_code=303)
    return RedirectResponse(f"/session/{session_id}", status_code=303)
