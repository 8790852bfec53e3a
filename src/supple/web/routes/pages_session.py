"""The session player page and the form that closes a session.

The player itself is a static script (the CSP allows no inline script): the page only
carries the session's number, and the script reads the timeline and what has already
been recorded from the API, so a reload resumes where the person left off.
"""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from supple.progress import RATINGS
from supple.web.deps import (
    CheckedForm,
    catalog_of,
    form_int,
    own_plan,
    own_session,
    render,
    store_of,
)
from supple.web.format import POSITION_WORDS
from supple.web.limits import SafeJsonRoute
from supple.web.routes.api_records import completion
from supple.web.routes.pages_catalog import figure_drawer, figure_sides, figure_url
from supple.web.standing import standing_warning, warning_page

router = APIRouter(include_in_schema=False, route_class=SafeJsonRoute)

RATING_WORDS = {
    "easy": "Easy",
    "right": "About right",
    "hard": "Hard",
    "painful": "Painful",
}


@router.get("/session/{session_id}", response_class=HTMLResponse)
def player(request: Request, session_id: int) -> HTMLResponse:
    record = own_session(request, session_id)
    plan = own_plan(request, record.plan_id)
    warning = standing_warning(request)
    if warning is not None:
        return warning_page(request, warning)
    catalog = catalog_of(request)
    items = (plan.document.get("routine") or {}).get("items", [])
    unique = {
        item["exercise"]: item["name"] for item in items if item["exercise"] in catalog.exercises
    }
    exercises = [{"id": key, "name": name} for key, name in unique.items()]
    # The player shows each drawing at its versioned address, so the browser keeps it.
    figure_urls = {
        f"{key}-{side}": url
        for key in unique
        for side in figure_sides(catalog.exercises[key])
        if (url := figure_url(request, key, side))
    }
    context = {
        "session": record,
        "plan_id": plan.id,
        "exercises": exercises,
        "ratings": [(key, RATING_WORDS[key]) for key in RATINGS],
        "positions": POSITION_WORDS,
        "figures": figure_drawer(request) is not None,
        "figure_urls": figure_urls,
    }
    return render(request, "session.html", context)


@router.post("/session/{session_id}/finish", response_class=HTMLResponse)
def finish(request: Request, session_id: int, form: CheckedForm) -> Response:
    record = own_session(request, session_id)
    if record.status != "in_progress":
        raise HTTPException(409, "This session has already ended.")
    pain_after = form_int(form, "pain_after", 0, 10)
    store = store_of(request)
    plan = own_plan(request, record.plan_id)
    for item in (plan.document.get("routine") or {}).get("items", []):
        rating = form.get(f"rating_{item['exercise']}")
        for known in RATINGS:
            if rating == known:
                store.rate_exercise(session_id, item["exercise"], known)
    status = completion(request, store, record)
    store.finish_session(session_id, status=status, pain_after=pain_after)
    return RedirectResponse("/progress", status_code=303)
