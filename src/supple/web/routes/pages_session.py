"""The session player page and the finish screen that closes a session.

The player itself is a static script (the CSP allows no inline script): the page
carries the session's number and the pain-stop rule as data, and the script reads the
timeline and what has already been recorded from the API, so a reload resumes where
the person left off. What a pain stop does next is never decided in the script: it
looks the choice up in ``supple.player.pain_stop.follow_on_table``. The finish screen
is rendered here from the recorded steps by ``supple.player.finish``, the rule the
terminal player uses, so it asks only about exercises that were done and does not
congratulate a session that pain ended.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from supple.player.finish import (
    ENDED,
    Ended,
    FinishScreen,
    ended_by_leg_pain,
    finish_screen,
    hurt_by_pain_stop,
    recorded_ending,
)
from supple.player.pain_stop import (
    CHOICE_LABELS,
    COUNT_IT_LABEL,
    LEG_PAIN_EMERGENCY,
    QUESTION,
    SAFETY_LINE_EMERGENCY,
    SAFETY_LINE_STOP,
    follow_on_table,
)
from supple.player.runner import SAFETY_REMINDER
from supple.progress import RATINGS
from supple.store import SessionRecord
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
from supple.web.routes.api_records import plan_timeline
from supple.web.routes.pages_catalog import (
    drawn_variant,
    figure_drawer,
    figure_sides,
    figure_url,
)
from supple.web.routes.pain_stops import open_stop_steps, stopped_page
from supple.web.standing import standing_warning, warning_page

router = APIRouter(include_in_schema=False, route_class=SafeJsonRoute)

RATING_WORDS = {
    "easy": "Easy",
    "right": "About right",
    "hard": "Hard",
    "painful": "Painful",
}
WARNING_SIGNS_NEXT = (
    "The pain spread down your leg. Next, answer the warning-sign questions again, before "
    "any other session. If the pain stays, or comes with numbness, tingling or weakness, "
    "contact a GP or physiotherapist today."
)


def figure_key(exercise: str, variant: str, side: str) -> str:
    """The player's key for one drawing: the variant is part of it, so a plan that does
    an exercise as its easier version is drawn as that version, never the standard one."""
    return f"{exercise}|{variant}|{side}"


def pain_stop_data() -> dict[str, Any]:
    """The one pain-stop rule and its words, as the player reads them from the page."""
    return {
        "rule": follow_on_table(),
        "question": QUESTION,
        "labels": CHOICE_LABELS,
        "count_it": COUNT_IT_LABEL,
        "emergency": LEG_PAIN_EMERGENCY,
        "safety_stop": SAFETY_LINE_STOP,
        "safety_emergency": SAFETY_LINE_EMERGENCY,
    }


def ended_page(request: Request, record: SessionRecord, plan_id: int) -> HTMLResponse:
    """A session already saved: how it ended, by what was recorded, and after pain down
    the leg the warning-sign box with the way to the questions (t13c: opened again
    after saving, it said only "stopped early")."""
    events = store_of(request).step_events(record.id)
    context = {
        "session": record,
        "plan_id": plan_id,
        "ended_for_pain": hurt_by_pain_stop(events),
        "warning_signs_next": WARNING_SIGNS_NEXT if ended_by_leg_pain(events) else None,
    }
    return render(request, "session.html", context)


@router.get("/session/{session_id}", response_class=HTMLResponse)
def player(request: Request, session_id: int) -> Response:
    record = own_session(request, session_id)
    plan = own_plan(request, record.plan_id)
    if record.status != "in_progress":
        return ended_page(request, record, plan.id)
    warning = standing_warning(request)
    if warning is not None:
        return warning_page(request, warning)
    # Closed at a pain stop: never resumed into the exercise that hurt.
    if open_stop_steps(request, record) is not None:
        return stopped_page(request, record)
    # Pain down the leg ends the session: the finish screen, then the warning-sign
    # questions; never the rest of the routine (t13c N2).
    if ended_by_leg_pain(store_of(request).step_events(record.id)):
        return RedirectResponse(f"/session/{session_id}/finish", status_code=303)
    catalog = catalog_of(request)
    items = (plan.document.get("routine") or {}).get("items", [])
    chosen = {
        (item["exercise"], item.get("variant") or "")
        for item in items
        if item["exercise"] in catalog.exercises
    }
    # The player shows each drawing at its versioned address, so the browser keeps it,
    # keyed by exercise, the variant the plan chose and side (see player.js figureKey).
    figure_urls = {
        figure_key(key, variant, side): url
        for key, variant in sorted(chosen)
        for side in figure_sides(catalog.exercises[key])
        if (
            url := figure_url(
                request, key, side, drawn_variant(catalog.exercises[key], variant or None)
            )
        )
    }
    context = {
        "session": record,
        "plan_id": plan.id,
        "positions": POSITION_WORDS,
        "figures": figure_drawer(request) is not None,
        "figure_urls": figure_urls,
        "pain_stop": pain_stop_data(),
    }
    return render(request, "session.html", context)


def screen_of(
    request: Request, record: SessionRecord, given: Ended | None
) -> tuple[FinishScreen, Ended | None]:
    """The finish screen for what is recorded of this session, by the one rule, and how
    the session ended (``recorded_ending``: what was recorded outweighs a lost word)."""
    steps = plan_timeline(request, own_plan(request, record.plan_id)).steps
    events = store_of(request).step_events(record.id)
    ended = recorded_ending(given, steps, events)
    screen = finish_screen(
        steps, events, ended_early=ended is not None, ended_by_pain=ended in ("pain", "leg")
    )
    return screen, ended


@router.get("/session/{session_id}/finish", response_class=HTMLResponse)
def finish_page(request: Request, session_id: int, ended: Ended | None = None) -> HTMLResponse:
    record = own_session(request, session_id)
    plan = own_plan(request, record.plan_id)
    if record.status != "in_progress":
        return ended_page(request, record, plan.id)
    screen, ended = screen_of(request, record, ended)
    names = {
        item["exercise"]: item["name"]
        for item in (plan.document.get("routine") or {}).get("items", [])
    }
    context = {
        "session": record,
        "plan_id": plan.id,
        "ended": ended or "",
        "screen": screen,
        "rate": [{"id": key, "name": names.get(key, key)} for key in screen.rate],
        "stopped": [names.get(key, key) for key in screen.stopped_for_pain],
        "ratings": [(key, RATING_WORDS[key]) for key in RATINGS],
        "safety_reminder": SAFETY_REMINDER,
        "warning_signs_next": WARNING_SIGNS_NEXT if ended == "leg" else None,
        "returning": True,  # a session needs a plan: the menu offers a re-check, not "Start"
    }
    return render(request, "finish.html", context)


@router.post("/session/{session_id}/finish", response_class=HTMLResponse)
def finish(request: Request, session_id: int, form: CheckedForm) -> Response:
    record = own_session(request, session_id)
    if record.status != "in_progress":
        raise HTTPException(409, "This session has already ended.")
    raw = form.get("ended", "")
    ended = next((e for e in ENDED if e == raw), None)
    if raw and ended is None:
        raise HTTPException(422, f"ended: one of {', '.join(ENDED)}, or left out")
    pain_after = form_int(form, "pain_after", 0, 10)
    screen, ended = screen_of(request, record, ended)
    store = store_of(request)
    # Only exercises that were done are rated: the screen asks about no others.
    for exercise in screen.rate:
        rating = form.get(f"rating_{exercise}")
        for known in RATINGS:
            if rating == known:
                store.rate_exercise(session_id, exercise, known)
    store.finish_session(session_id, status=screen.status, pain_after=pain_after)
    # Pain down the leg: the warning-sign questions come before anything else.
    return RedirectResponse("/start" if ended == "leg" else "/progress", status_code=303)
