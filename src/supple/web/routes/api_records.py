"""The JSON API for what the person records: plans, sessions, steps, ratings, check-ins.

The session player uses it to write each step the moment it ends, so closing the tab
loses at most the step in progress. Bodies are the record schema's strict models
(``supple.store.schema``, the same the store and import check): an unknown or
misspelt field, or a value out of range, is a 422 that names the field. A step is
recorded once: sent again with the same values it answers 200 with the stored event,
with other values 409.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Path, Request
from fastapi.responses import JSONResponse
from pydantic import BeforeValidator, ConfigDict, Field

from supple.catalog import default_catalog
from supple.documents import ProgressDocument, progress_document
from supple.history import next_plan, progress, session_logs, weekly_summary
from supple.planning.stored import PlanDocumentError, stored_exercises, stored_routine
from supple.player.finish import session_status, stopped_exercises, worked_exercises
from supple.progress import week_start
from supple.store import PlanRecord, SessionRecord, Store, StoreError
from supple.store.schema import (
    CheckInFields,
    FinishFields,
    RatingFields,
    RecordError,
    StartFields,
    StepFields,
    Whole,
    check_rated_in_plan,
    check_record_date,
    check_step_position,
)
from supple.timeline import Timeline, build_timeline
from supple.web.api_models import (
    CheckInOut,
    PlanOut,
    PlanSummary,
    RatingOut,
    SessionOut,
    SessionState,
    StepRecorded,
    TimelineOut,
)
from supple.web.deps import catalog_of, own_plan, own_session, profile_of, store_of
from supple.web.errors import ApiError, error_responses
from supple.web.limits import SafeJsonRoute
from supple.web.session_gate import refuse_unless_ready
from supple.web.standing import refuse_while_warning

router = APIRouter(prefix="/api", tags=["records"], route_class=SafeJsonRoute)


# Ids and indexes the API takes stop at 2**53 - 1, the largest whole number a browser's
# JavaScript (and any JSON reader using doubles) holds exactly; the store's 63-bit limit
# is past it, so no record is out of reach. A bound at 2**63 - 1 could not be checked
# by a client either: as a double it is the same number as 2**63.
JSON_SAFE_MAX = 2**53 - 1
ApiId = Annotated[int, Field(strict=True, ge=1, le=JSON_SAFE_MAX), Whole]
ApiIndex = Annotated[int, Field(strict=True, ge=0, le=JSON_SAFE_MAX), Whole]


def iso_date(value: object) -> object:
    """A date only as ``YYYY-MM-DD`` text: pydantic would read ``0`` as 1970-01-01."""
    if value is None or isinstance(value, date):
        return value
    if isinstance(value, str) and ISO_DATE.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError("must be a date written YYYY-MM-DD")


ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class SessionIn(StartFields):
    """Start a session of a saved plan."""

    plan_id: ApiId


class StepIn(StepFields):
    """A finished step; it must be the step of the session's timeline at ``index``."""

    index: ApiIndex


def _catalog_exercises(schema: dict[str, Any]) -> None:
    schema["properties"]["exercise"]["enum"] = sorted(default_catalog().exercises)


class RatingIn(RatingFields):
    """How an exercise of the catalog felt."""

    # The app plays the default catalog, so its ids are the published choices.
    model_config = ConfigDict(json_schema_extra=_catalog_exercises)


class FinishIn(FinishFields):
    """End a session; without a status it is completed when every step was recorded."""


class CheckInIn(CheckInFields):
    week_of: Annotated[date | None, BeforeValidator(iso_date)] = Field(
        default=None, description="Any day of the week (YYYY-MM-DD); this week when left out."
    )


# A record id as a path segment: what a database column can hold, so anything else is a
# 422 naming the segment and a well-formed id that names no record is a 404.
PlanId = Annotated[int, Path(ge=1, le=JSON_SAFE_MAX, description="A plan's id.")]
SessionId = Annotated[int, Path(ge=1, le=JSON_SAFE_MAX, description="A session's id.")]
# What can go wrong for every operation: a bad Content-Length or Host (400), or a
# store that cannot be used (503); a body adds 413, 415 and 422, an id 404 and 422.
READ = (400, 503)
BY_ID = (400, 404, 422, 503)
WRITE = (400, 413, 415, 422, 503)
WRITE_BY_ID = (400, 404, 409, 413, 415, 422, 503)


def plan_timeline(request: Request, record: PlanRecord) -> Timeline:
    if not record.document.get("routine"):
        raise HTTPException(409, f"plan {record.id} has no routine (the screen withheld it)")
    catalog = catalog_of(request)
    try:
        return build_timeline(stored_routine(record.document, catalog), catalog)
    except PlanDocumentError as error:
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


@router.get(
    "/plans",
    summary="The saved plans, oldest first",
    response_model=list[PlanSummary],
    responses=error_responses(*READ),
)
def list_plans(request: Request) -> list[dict[str, Any]]:
    return [
        {key: value for key, value in plan.to_dict().items() if key != "document"}
        for plan in store_of(request).plans(profile_of(request))
    ]


@router.get(
    "/plans/{plan_id}",
    summary="One saved plan with its document",
    response_model=PlanOut,
    responses=error_responses(*BY_ID, 409),
)
def get_plan(request: Request, plan_id: PlanId) -> dict[str, Any]:
    record = own_plan(request, plan_id)
    refuse_while_warning(request)
    return record.to_dict()


@router.get(
    "/plans/{plan_id}/timeline",
    summary="The plan's steps, as the player runs them",
    response_model=TimelineOut,
    responses=error_responses(*BY_ID, 409),
)
def get_timeline(request: Request, plan_id: PlanId) -> dict[str, Any]:
    record = own_plan(request, plan_id)
    refuse_while_warning(request)
    return plan_timeline(request, record).to_dict()


@router.post(
    "/sessions",
    status_code=201,
    summary="Start a session of a plan",
    response_model=SessionState,
    responses=error_responses(*WRITE, 404, 409),
)
def start_session(request: Request, body: SessionIn) -> dict[str, Any]:
    plan = own_plan(request, body.plan_id)
    plan_timeline(request, plan)
    refuse_while_warning(request)
    refuse_unless_ready(request, plan)
    store = store_of(request)
    session_id = store.start_session(profile_of(request), body.plan_id, body.pain_before)
    return session_state(request, store, own_session(request, session_id))


@router.get(
    "/sessions",
    summary="Every session, oldest first",
    response_model=list[SessionOut],
    responses=error_responses(*READ),
)
def list_sessions(request: Request) -> list[dict[str, Any]]:
    return [s.to_dict() for s in store_of(request).sessions(profile_of(request))]


@router.get(
    "/sessions/{session_id}",
    summary="A session with its timeline and events",
    response_model=SessionState,
    responses=error_responses(*BY_ID, 409),
)
def get_session(request: Request, session_id: SessionId) -> dict[str, Any]:
    record = own_session(request, session_id)
    refuse_while_warning(request)
    return session_state(request, store_of(request), record)


def _open(request: Request, session_id: int) -> SessionRecord:
    record = own_session(request, session_id)
    if record.status != "in_progress":
        raise HTTPException(409, f"session {session_id} has already ended ({record.status})")
    return record


@router.post(
    "/sessions/{session_id}/steps",
    status_code=201,
    summary="Record a finished step",
    response_model=StepRecorded,
    responses={
        200: {
            "model": StepRecorded,
            "description": "The same step was sent before: the stored one.",
        },
        **error_responses(*WRITE_BY_ID),
        409: {
            "model": ApiError,
            "description": "The session has ended, the step is not the timeline's step at "
            "its index, or it is recorded already with other values.",
        },
    },
)
def record_step(request: Request, session_id: SessionId, body: StepIn) -> JSONResponse:
    record = own_session(request, session_id)
    steps = plan_timeline(request, own_plan(request, record.plan_id)).steps
    try:
        check_step_position(body, steps)
    except RecordError as error:
        # A well-formed step that is not this session's step at its index: it conflicts
        # with the session's timeline, which the body alone cannot show.
        raise HTTPException(409, str(error)) from error
    try:
        event_id, new = store_of(request).record_step_once(session_id, **body.model_dump())
    except StoreError as error:  # recorded with other values, or the session has ended
        raise HTTPException(409, f"{error}.") from error
    return JSONResponse({"id": event_id, "next_index": body.index + 1}, 201 if new else 200)


@router.post(
    "/sessions/{session_id}/ratings",
    summary="How an exercise felt",
    response_model=RatingOut,
    responses=error_responses(*WRITE_BY_ID),
)
def rate(request: Request, session_id: SessionId, body: RatingIn) -> dict[str, Any]:
    record = own_session(request, session_id)
    if body.exercise not in catalog_of(request).exercises:
        raise HTTPException(422, f"exercise: '{body.exercise}' is not in the catalog")
    planned = stored_exercises(own_plan(request, record.plan_id).document)
    try:
        check_rated_in_plan(body.exercise, planned, "exercise")
    except RecordError as error:
        # A well-formed rating that this session's plan cannot take: a conflict with
        # what is stored, not a malformed body.
        raise HTTPException(409, str(error)) from error
    # Only what was worked at (or stopped for pain) can be rated: a rating of an
    # exercise never reached would change the next plan for nothing (t13c F8). The
    # finish screen asks by the same rule.
    steps = plan_timeline(request, own_plan(request, record.plan_id)).steps
    events = store_of(request).step_events(record.id)
    if body.exercise not in worked_exercises(steps, events) | stopped_exercises(steps, events):
        raise HTTPException(
            409,
            f"exercise: '{body.exercise}' was not done in this session, so it cannot be "
            "rated; rate it after a session in which you do it",
        )
    store_of(request).rate_exercise(session_id, body.exercise, body.rating)
    return {"exercise": body.exercise, "rating": body.rating}


@router.post(
    "/sessions/{session_id}/finish",
    summary="End a session",
    response_model=SessionOut,
    responses=error_responses(*WRITE_BY_ID),
)
def finish(request: Request, session_id: SessionId, body: FinishIn) -> dict[str, Any]:
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


@router.get(
    "/checkins",
    summary="Weekly PEG-3 check-ins",
    response_model=list[CheckInOut],
    responses=error_responses(*READ),
)
def list_checkins(request: Request) -> list[dict[str, Any]]:
    return [c.to_dict() for c in store_of(request).checkins(profile_of(request))]


@router.post(
    "/checkins",
    status_code=201,
    summary="Record this week's PEG-3 check-in",
    response_model=CheckInOut,
    responses=error_responses(*WRITE),
)
def add_checkin(request: Request, body: CheckInIn) -> JSONResponse:
    today = date.today()
    if body.week_of is not None:
        try:
            check_record_date(body.week_of, today, "week_of")
        except RecordError as error:
            raise HTTPException(422, str(error)) from error
    # The week is the Monday of the day given (the store takes the week holding
    # 1 January 2000, which began in 1999, as the earliest).
    week = week_start(body.week_of or today)
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


@router.get(
    "/progress",
    summary="Adherence, streak, pain over time and adaptation",
    response_model=ProgressDocument,
    response_model_exclude_unset=True,
    responses=error_responses(*READ),
)
def get_progress(request: Request) -> ProgressDocument:
    """The same document as ``supple progress --json``."""
    store, profile, today = store_of(request), profile_of(request), date.today()
    logs = session_logs(store, profile)  # read once for the figures and the next plan
    weekly = weekly_summary(logs, today)  # and counted once, as supple progress does
    summary = progress(store, profile, today, logs=logs, weekly=weekly)
    return progress_document(
        summary, next_plan(store, profile, catalog_of(request), today, logs=logs, weekly=weekly)
    )
