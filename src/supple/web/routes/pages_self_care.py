"""A bad day (/flare) and the walking goal (/walk): the store read, the core called
through ``supple.self_care`` (shared with ``supple flare`` and ``supple walk``), the
page rendered. Every write is a POST with the CSRF token, then a redirect."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from supple import self_care
from supple.store.schema import RecordError
from supple.store.self_care import FLARE_NOTE_MAX, START_MINUTES_MAX, WALK_MINUTES_MAX
from supple.web.deps import CheckedForm, catalog_of, form_int, profile_of, render, store_of
from supple.web.limits import SafeJsonRoute

router = APIRouter(include_in_schema=False, route_class=SafeJsonRoute)
RECENT_DAYS = 14


def _dose(item: Any) -> str:
    from supple.cli.flare import dose_words

    return dose_words(item)


@router.get("/flare", response_class=HTMLResponse)
def flare_page(request: Request) -> HTMLResponse:
    store, profile, catalog = store_of(request), profile_of(request), catalog_of(request)
    today = date.today()
    try:
        answers = self_care.saved_answers(store, profile)
    except self_care.NoAnswersError:
        return render(request, "flare.html", {"plan": None, "recorded_today": False})
    plan = self_care.bad_day(store, profile, today, catalog, answers)
    hows = {}
    if plan.routine is not None:
        for item in plan.routine.items:
            chosen = catalog.exercises[item.exercise].variant(item.variant or "")
            hows[item.exercise] = chosen.how if chosen is not None else ""
    flares = store.flare_ups(profile)
    context = {
        "plan": plan,
        "hows": hows,
        "dose": _dose,
        "recorded_today": any(f.day == today for f in flares),
        "note_max": FLARE_NOTE_MAX,
        "summary": self_care.flare_summary(store, profile, today),
    }
    return render(request, "flare.html", context)


@router.post("/flare")
def record_flare(request: Request, form: CheckedForm) -> Response:
    raw = form.get("note", "")
    if not isinstance(raw, str) or len(raw) > FLARE_NOTE_MAX:
        raise HTTPException(422, f"note: keep it to {FLARE_NOTE_MAX} characters")
    try:
        store_of(request).record_flare_up(profile_of(request), date.today(), raw.strip() or None)
    except RecordError as error:
        raise HTTPException(422, str(error)) from error
    return RedirectResponse("/flare#recorded", status_code=303)


@router.get("/walk", response_class=HTMLResponse)
def walk_page(request: Request) -> HTMLResponse:
    store, profile, catalog = store_of(request), profile_of(request), catalog_of(request)
    today = date.today()
    goal, walked = self_care.walking_today(store, profile, today, catalog)
    days = [today - timedelta(days=n) for n in range(RECENT_DAYS - 1, -1, -1)]
    context = {
        "goal": goal,
        "recent": [(day, walked.get(day, 0)) for day in days],
        "today": today,
        "start_max": START_MINUTES_MAX,
        "walk_max": WALK_MINUTES_MAX,
    }
    return render(request, "walk.html", context)


@router.post("/walk/goal")
def set_goal(request: Request, form: CheckedForm) -> Response:
    store, profile = store_of(request), profile_of(request)
    if form.get("off") == "1":
        store.set_walking_goal(profile, date.today(), None)
    else:
        minutes = form_int(form, "minutes", 1, START_MINUTES_MAX)
        store.set_walking_goal(profile, date.today(), minutes)
    return RedirectResponse("/walk#goal-title", status_code=303)


@router.post("/walk/log")
def log_walk(request: Request, form: CheckedForm) -> Response:
    minutes = form_int(form, "minutes", 1, WALK_MINUTES_MAX)
    store_of(request).log_walk(profile_of(request), date.today(), minutes)
    return RedirectResponse("/walk#logged", status_code=303)
