"""The JSON API for what the person records: plans, sessions, steps, ratings, check-ins.

The session player uses it to write each step the moment it ends, so closing the tab
loses at most the step in progress. Bodies are the record schema's strict models
(``supple.store.schema``, the same the store and import check): an unknown or
misspelt field, or a value out of range, is a 422 that names the field. A step is
recorded once: sent again with the same values it answers 200 with the stored event,
with other values 409.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import JSONResponse

from supple.history import adaptation, progress
from supple.planning import RoutineError, routine_from_dict
from supple.player.finish import session_status
from supple.progress import week_start
from supple.store import PlanRecord, SessionRecord, Store, StoreError
from supple.store.schema import (
    CheckInFields,
    FinishFields,
    RatingFields,
    RecordError,
    StartFields,
    StepFields,
    check_step_position,
)
from supple.timeline import Timeline, build_timeline
from supple.web.deps import catalog_of, own_plan, own_session, profile_of, store_of
from supple.web.limits import SafeJsonRoute

router = APIRouter(prefix="/api", tags=["records"], route_class=SafeJsonRoute)


class SessionIn(StartFields):
    """Start a session of a saved plan."""


class StepIn(StepFields):
    """A finished step; it must be the step of the session's timeline at ``index``."""


class RatingIn(RatingFields):
    """How an exercise of the catalog felt."""


class FinishIn(FinishFields):
    """End a session; without a status it is completed when every step was recorded."""


class CheckInIn(CheckInFields):
    week_of: date | None = None


def plan_timeline(request: Request, record: PlanRecord) -> Timeline:
    routine = record.document.get("routine")
    if not routine:
        raise HTTPException(409, f"plan {record.id} has no routine (the screen withheld it)")
    catalog = catalog_of(request)
    try:
        return build_timeline(routine_from_dict(routine, catalog), catalog)
    except RoutineError as error:
        raise HTTPException(409, f"plan {record.id} cannot be played: {error}") from error


def session_state(request: Request, store: Store, record: SessionRecord) -> dict[str, Any]:
    """The session, its timeline, what is recorded so far and where to resume."""
    timeline = plan_timeline(request, own_plan(request, record.plan_id))
    events = store.step_events(record.id)
    catalog = catalog_of(request)
    used = {step.exercise for step in timeline.steps if step.exercise in catalog.exercises}
    return {
        "session": record.to_dict(),
        "timeline": timeline.to_dict(),
        "events": [event.to_dict() for event in events],
        "ratings": [rating.to_dict() for rating in store.ratings(record.id)],
        # The latest event decides: after "back", the step redone is recorded again.
        "next_index": events[-1].index + 1 if events else 0,
        "names": {key: catalog.exercises[key].name for key in sorted(used)},
    }


@router.get("/plans", summary="The saved plans, oldest first")
def list_plans(request: Request) -> list[dict[str, Any]]:
    return [
        {key: value for key, value in plan.to_dict().items() if key != "document"}
        for plan in store_of(request).plans(profile_of(request))
    ]


@router.get("/plans/{plan_id}", summary="One saved plan with its document")
def get_plan(request: Request, plan_id: int) -> dict[str, Any]:
    return own_plan(request, plan_id).to_dict()


@router.get("/plans/{plan_id}/timeline", summary="The plan's steps, as the player runs them")
def get_timeline(request: Request, plan_id: int) -> dict[str, Any]:
    return plan_timeline(request, own_plan(request, plan_id)).to_dict()


@router.post("/sessions", status_code=201, summary="Start a session of a plan")
def start_session(request: Request, body: SessionIn) -> dict[str, Any]:
    plan_timeline(request, own_plan(request, body.plan_id))
    store = store_of(request)
    session_id = store.start_session(profile_of(request), body.plan_id, body.pain_before)
    return session_state(request, store, own_session(request, session_id))


@router.get("/sessions", summary="Every session, oldest first")
def list_sessions(request: Request) -> list[dict[str, Any]]:
    return [s.to_dict() for s in store_of(request).sessions(profile_of(request))]


@router.get("/sessions/{session_id}", summary="A session with its timeline and events")
def get_session(request: Request, session_id: int) -> dict[str, Any]:
    return session_state(request, store_of(request), own_session(request, session_id))


def _open(request: Request, session_id: int) -> SessionRecord:
    record = own_session(request, session_id)
    if record.status != "in_progress":
        raise HTTPException(409, f"session {session_id} has already ended ({record.status})")
    return record


@router.post(
    "/sessions/{session_id}/steps",
    status_code=201,
    summary="Record a finished step",
    responses={
        200: {"description": "The same step was sent before: the stored event."},
        409: {"description": "The step is already recorded with other values."},
    },
)
def record_step(request: Request, session_id: int, body: StepIn) -> JSONResponse:
    record = own_session(request, session_id)
    steps = plan_timeline(request, own_plan(request, record.plan_id)).steps
    try:
        check_step_position(body, steps)
    except RecordError as error:
        raise HTTPException(422, str(error)) from error
    try:
        event_id, new = store_of(request).record_step_once(session_id, **body.model_dump())
    except StoreError as error:  # recorded with other values, or the session has ended
        raise HTTPException(409, f"{error}.") from error
    return JSONResponse({"id": event_id, "next_index": body.index + 1}, 201 if new else 200)


@router.post("/sessions/{session_id}/ratings", summary="How an exercise felt")
def rate(request: Request, session_id: int, body: RatingIn) -> dict[str, Any]:
    own_session(request, session_id)
    if body.exercise not in catalog_of(request).exercises:
        raise HTTPException(422, f"exercise: '{body.exercise}' is not in the catalog")
    store_of(request).rate_exercise(session_id, body.exercise, body.rating)
    return {"exercise": body.exercise, "rating": body.rating}


@router.post("/sessions/{session_id}/finish", summary="End a session")
def finish(request: Request, session_id: int, body: FinishIn) -> dict[str, Any]:
    """Without a status, the session counts as completed when every step was recorded."""
    record = _open(request, session_id)
    store = store_of(request)
    status = body.status or completion(request, store, record)
    store.finish_session(session_id, status=status, pain_after=body.pain_after, note=body.note)
    return own_session(request, session_id).to_dict()


def completion(
    request: Request, store: Store, record: SessionRecord
) -> Literal["completed", "quit"]:
    steps = plan_timeline(request, own_plan(request, record.plan_id)).steps
    return session_status(steps, store.step_events(record.id), ended_early=False)


@router.get("/checkins", summary="Weekly PEG-3 check-ins")
def list_checkins(request: Request) -> list[dict[str, Any]]:
    return [c.to_dict() for c in store_of(request).checkins(profile_of(request))]


@router.post("/checkins", status_code=201, summary="Record this week's PEG-3 check-in")
def add_checkin(request: Request, body: CheckInIn) -> JSONResponse:
    week = week_start(body.week_of or date.today())
    store = store_of(request)
    checkin_id = store.save_checkin(
        profile_of(request),
        week_of=week,
        pain=body.pain,
        enjoyment=body.enjoyment,
        activity=body.activity,
    )
    saved = next(c for c in store.checkins(profile_of(request)) if c.id == checkin_id)
    return JSONResponse(saved.to_dict(), status_code=201)


@router.get("/progress", summary="Adherence, streak, pain over time and adaptation")
def get_progress(request: Request) -> dict[str, Any]:
    store, profile = store_of(request), profile_of(request)
    return {
        "progress": progress(store, profile).to_dict(),
        "adaptation": adaptation(store, profile, catalog_of(request)).to_dict(),
    }
