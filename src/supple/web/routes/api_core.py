"""``POST /api/screen`` and ``POST /api/plan``: the CLI's ``--json`` contracts over HTTP.

The request body is an answers document exactly as ``supple screen/plan --answers``
reads it, and the response is exactly what ``--json`` prints, so a program can switch
between the two without change. Invalid answers get a 422 whose ``problems`` are the
same field-named messages the CLI prints.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from fastapi import APIRouter, Body, Query, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from supple.answers import (
    MAX_MINUTES,
    MIN_MINUTES,
    Answers,
    AnswersDocument,
    AnswersError,
    read_answers,
)
from supple.catalog.models import Level
from supple.documents import PlanDocument, plan_document
from supple.history import stored_plan_for
from supple.planning import Plan
from supple.screening import screen
from supple.web.deps import catalog_of, profile_of, store_of
from supple.web.errors import Refusal, error_responses, inline_schema
from supple.web.limits import SafeJsonRoute

router = APIRouter(
    prefix="/api",
    tags=["screen and plan"],
    route_class=SafeJsonRoute,
)


def _example() -> dict[str, Any]:
    """A calm version-2 document, built from the model's fields (for the API docs)."""
    from supple.answers import FIELD_TYPES, OPTIONAL_FIELDS, allowed_values

    numbers = {"about.age": 44, "pain.intensity": 4, "pain.weeks": 3, "pain.sitting_hours": 8}
    document: dict[str, Any] = {"version": 2}
    for path, kind in FIELD_TYPES.items():
        if path in OPTIONAL_FIELDS:
            continue
        values = allowed_values(path)
        if path == "pain.areas":
            value: Any = ["upper_buttock", "deep_buttock"]
        elif path == "pain.onset":
            value = "gradual"
        elif path == "pain.trend":
            value = "same"
        elif values:
            value = values[0]
        else:
            value = numbers.get(path, False) if kind is not bool else False
        *sections, name = path.split(".")
        target = document
        for section in sections:
            target = target.setdefault(section, {})
        target[name] = value
    document["preferences"] = {"level": "beginner", "minutes": 15}
    return document


ANSWERS_EXAMPLE: dict[str, Any] = _example()
AnswersBody = Body(
    ...,
    description="An answers document (see `supple plan --help`).",
    examples=[ANSWERS_EXAMPLE],
    json_schema_extra=inline_schema(Answers),
)


def _answers(raw: Any) -> AnswersDocument:
    try:
        return read_answers(raw)
    except AnswersError as error:
        raise Refusal(422, error.problems) from error


def _plan(
    request: Request, answers: AnswersDocument, minutes: int | None, level: Level | None
) -> Plan:
    """The one planning path with this profile's recorded history, like ``supple plan``."""
    return stored_plan_for(
        store_of(request),
        profile_of(request),
        answers,
        catalog_of(request),
        today=dt.date.today(),
        minutes=minutes,
        level=level,
    )


def _save(request: Request, answers: AnswersDocument, document: dict[str, Any]) -> int:
    _, plan_id = store_of(request).save_answers_and_plan(
        profile_of(request), answers.to_dict(), document
    )
    return plan_id


@router.post(
    "/screen",
    summary="Screen answers for warning signs",
    responses=error_responses(400, 413, 415, 422),
)
async def api_screen(payload: Any = AnswersBody) -> Any:
    """The ``screen`` object: level, reasons with advice, and whether a routine is allowed."""
    return screen(_answers(payload), today=dt.date.today()).to_dict()


@router.post(
    "/plan",
    summary="Screen, assess and plan",
    response_model=PlanDocument,
    responses=error_responses(400, 413, 415, 422, 503),
)
async def api_plan(
    request: Request,
    payload: Any = AnswersBody,
    minutes: int | None = Query(None, ge=MIN_MINUTES, le=MAX_MINUTES),
    level: Literal["beginner", "intermediate", "advanced"] | None = Query(None),
    save: bool = Query(True, description="Keep the answers and the plan, like the CLI does."),
) -> Any:
    """The whole plan document: screen, assessment, routine (or null) and advice.

    When saved, the ``Location`` header names the stored plan (``/api/plans/{id}``).

    The recorded history is read and applied, exactly as ``supple plan --json`` does,
    so the two give the same document. Reading the history and the database write run
    in a thread; the JSON content type was already checked by
    ``limits.BodyLimitMiddleware``.
    """
    answers = _answers(payload)
    plan = await run_in_threadpool(_plan, request, answers, minutes, level)
    document = plan_document(plan).to_json()
    headers = {}
    if save:
        plan_id = await run_in_threadpool(_save, request, answers, document)
        headers["location"] = f"/api/plans/{plan_id}"
    return JSONResponse(document, headers=headers)
