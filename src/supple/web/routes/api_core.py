"""``POST /api/screen`` and ``POST /api/plan``: the CLI's ``--json`` contracts over HTTP.

The request body is an answers document exactly as ``supple screen/plan --answers``
reads it, and the response is exactly what ``--json`` prints, so a program can switch
between the two without change. Invalid answers get a 422 whose ``problems`` are the
same field-named messages the CLI prints.
"""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Body, Depends, Query, Request
from fastapi.responses import JSONResponse

from supple.answers import (
    MAX_MINUTES,
    MIN_MINUTES,
    RED_FLAGS,
    Answers,
    AnswersError,
    parse_answers,
)
from supple.planning import build_plan
from supple.screening import screen
from supple.web.deps import catalog_of, profile_of, require_json, store_of
from supple.web.errors import Refusal, error_responses, inline_schema
from supple.web.limits import SafeJsonRoute

router = APIRouter(
    prefix="/api",
    tags=["screen and plan"],
    dependencies=[Depends(require_json)],
    route_class=SafeJsonRoute,
)

ANSWERS_EXAMPLE: dict[str, Any] = {
    "red_flags": dict.fromkeys(RED_FLAGS, False),
    "pain": {
        "intensity": 4,
        "areas": ["upper_buttock", "deep_buttock"],
        "side": "left",
        "character": "dull_ache",
        "radiates": "none",
        "weeks": 3,
        "worse_sitting": True,
        "worse_stairs_or_walking": False,
        "worse_lying_on_side": False,
        "worse_sit_to_stand": True,
        "worse_bending": False,
        "tender_deep_buttock": True,
        "hurts_crossing_legs": True,
        "started_after_workout": False,
        "hip_arthritis": False,
        "sitting_hours": 8,
    },
    "preferences": {"level": "beginner", "minutes": 15},
}
# The body is read as plain JSON and checked by parse_answers, so a 422 carries the same
# messages as the CLI; the published schema is the Answers model's, so it says the truth.
AnswersBody = Body(
    ...,
    description="An answers document (see `supple plan --help`).",
    examples=[ANSWERS_EXAMPLE],
    json_schema_extra=inline_schema(Answers),
)


def _answers(raw: Any) -> Answers:
    try:
        return parse_answers(raw)
    except AnswersError as error:
        raise Refusal(422, error.problems) from error


@router.post(
    "/screen",
    summary="Screen answers for warning signs",
    responses=error_responses(400, 413, 415, 422),
)
def api_screen(payload: Any = AnswersBody) -> Any:
    """The ``screen`` object: level, reasons with advice, and whether a routine is allowed."""
    return screen(_answers(payload)).to_dict()


@router.post(
    "/plan",
    summary="Screen, assess and plan",
    responses=error_responses(400, 413, 415, 422, 503),
)
def api_plan(
    request: Request,
    payload: Any = AnswersBody,
    minutes: int | None = Query(None, ge=MIN_MINUTES, le=MAX_MINUTES),
    level: Literal["beginner", "intermediate", "advanced"] | None = Query(None),
    save: bool = Query(True, description="Keep the answers and the plan, like the CLI does."),
) -> Any:
    """The whole plan document: screen, assessment, routine (or null) and advice.

    When saved, the ``Location`` header names the stored plan (``/api/plans/{id}``).
    """
    answers = _answers(payload)
    document = build_plan(answers, catalog_of(request), minutes=minutes, level=level).to_dict()
    headers = {}
    if save:
        store, profile = store_of(request), profile_of(request)
        _, plan_id = store.save_answers_and_plan(profile, answers.to_dict(), document)
        headers["location"] = f"/api/plans/{plan_id}"
    return JSONResponse(document, headers=headers)
