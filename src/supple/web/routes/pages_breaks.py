"""Movement breaks on the web: /breaks (the settings, the times, the desk routine), its
calendar file, the schedule the page script reads, and the desk checklist's answers.

The core (``supple.desk``) decides the times and the routine; ``supple.desk_state``
reads the store for it, the same way ``supple breaks`` does. The browser's own time
zone comes with the form (``app.js`` fills it in); without script the calendar file
has floating local times, which a phone shows at the same clock time wherever it is.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import (
    HTMLResponse,
    JSONResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
)

from supple.calendar.schedule import DAY_CODES
from supple.desk.breaks import (
    DEFAULT_END,
    DEFAULT_INTERVAL,
    DEFAULT_START,
    INTERVAL_RANGE,
    WEEKDAYS,
    BreakError,
    BreakSettings,
    parse_break_settings,
)
from supple.desk.calendar import breaks_ics, breaks_url
from supple.desk.checklist import ANSWER_WORDS, ANSWERS, default_checklist
from supple.desk_state import break_routine, current_breaks, latest_checklist
from supple.store.schema import RecordError
from supple.web.deps import CheckedForm, catalog_of, profile_of, render, store_of
from supple.web.limits import SafeJsonRoute

router = APIRouter(include_in_schema=False, route_class=SafeJsonRoute)
SITTING_LESSON = "sitting-and-desk"
DAY_LABELS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _form_values(settings: BreakSettings | None) -> dict[str, Any]:
    if settings is None:
        return {
            "days": [DAY_CODES[d] for d in WEEKDAYS],
            "start": DEFAULT_START,
            "end": DEFAULT_END,
            "every": str(DEFAULT_INTERVAL),
        }
    return {
        "days": list(settings.day_codes),
        "start": f"{settings.start:%H:%M}",
        "end": f"{settings.end:%H:%M}",
        "every": str(settings.interval_minutes),
    }


def _page(
    request: Request,
    *,
    values: dict[str, Any] | None = None,
    error: BreakError | None = None,
    status: int = 200,
) -> HTMLResponse:
    store, profile = store_of(request), profile_of(request)
    settings = current_breaks(store, profile)
    context = {
        "settings": settings,
        "routine": break_routine(store, profile, catalog_of(request), date.today()),
        "values": values or _form_values(settings),
        "error": error,
        "days": list(zip(DAY_CODES, DAY_LABELS, strict=True)),
        "interval_range": INTERVAL_RANGE,
        "saved": request.query_params.get("saved") == "1",
    }
    return render(request, "breaks.html", context, status=status)


@router.get("/breaks", response_class=HTMLResponse)
def breaks_page(request: Request) -> HTMLResponse:
    return _page(request)


def _text(form: Any, name: str, limit: int = 64) -> str:
    raw = form.get(name, "")
    return raw.strip()[:limit] if isinstance(raw, str) else ""


@router.post("/breaks", response_class=HTMLResponse)
def save_breaks(request: Request, form: CheckedForm) -> Response:
    """Save the working hours and interval; a value to fix shows the form again (422)."""
    days = [code for code in DAY_CODES if form.get(f"day_{code}") == "on"]
    start, end, every = _text(form, "start", 5), _text(form, "end", 5), _text(form, "every", 3)
    values: dict[str, Any] = {"days": days, "start": start, "end": end, "every": every}
    try:
        if not days:
            raise BreakError("days", "choose at least one working day")
        if not every.isascii() or not every.isdigit():
            raise BreakError("interval", f"every {every!r} minutes: give a whole number of minutes")
        settings = parse_break_settings(
            days=",".join(days),
            start=start,
            end=end,
            interval=int(every),
            zone=_text(form, "tz") or None,
        )
    except BreakError as error:
        return _page(request, values=values, error=error, status=422)
    store_of(request).save_break_settings(profile_of(request), settings)
    return RedirectResponse("/breaks?saved=1#saved", status_code=303)


@router.get("/breaks/schedule.json")
def break_schedule(request: Request) -> JSONResponse:
    """What the page script needs to remind the person while the app is open (null
    before any breaks are set, or while the screen refuses reminders): the days, the
    times and one line of what to do."""
    store, profile = store_of(request), profile_of(request)
    settings = current_breaks(store, profile)
    if settings is None:
        return JSONResponse({"breaks": None}, headers={"cache-control": "no-store"})
    routine = break_routine(store, profile, catalog_of(request), date.today())
    if routine.reminders_refused:
        # An emergency or urgent screen: no banner reminders at all, and why.
        refused = {"breaks": None, "refused": routine.reminders_refused}
        return JSONResponse(refused, headers={"cache-control": "no-store"})
    names = ", ".join(move.name for move in routine.moves)
    line = f"About 2 minutes: {names}." if names else "Stand up and change position for a minute."
    body = {"breaks": settings.to_dict(), "what": line}
    return JSONResponse(body, headers={"cache-control": "no-store"})


@router.get("/breaks.ics")
def break_calendar(request: Request) -> Response:
    store, profile = store_of(request), profile_of(request)
    settings = current_breaks(store, profile)
    if settings is None:
        return RedirectResponse("/breaks", status_code=303)
    routine = break_routine(store, profile, catalog_of(request), date.today())
    if routine.reminders_refused:
        return PlainTextResponse(routine.reminders_refused, status_code=409)
    ics = breaks_ics(
        settings,
        routine,
        profile=profile,
        start=date.today(),
        now=datetime.now(UTC),
        url=breaks_url(str(request.base_url)),
    )
    headers = {"content-disposition": 'attachment; filename="supple-breaks.ics"'}
    return Response(ics, media_type="text/calendar", headers=headers)


def checklist_context(request: Request, lesson_id: str) -> dict[str, Any]:
    """What the sitting lesson's page needs for its checklist (nothing for the others)."""
    if lesson_id != SITTING_LESSON:
        return {}
    summary = latest_checklist(store_of(request), profile_of(request))
    return {
        "desk_checklist": default_checklist(),
        "desk_answers": summary,
        "desk_chosen": {line.item.id: line.answer for line in summary.lines} if summary else {},
        "desk_choices": [(value, ANSWER_WORDS[value]) for value in ANSWERS],
    }


@router.post("/learn/sitting-and-desk/checklist", response_class=HTMLResponse)
def save_checklist(request: Request, form: CheckedForm) -> Response:
    answers = {item.id: _text(form, f"desk_{item.id}", 8) for item in default_checklist().item}
    try:
        store_of(request).save_desk_checklist(profile_of(request), answers)
    except RecordError as error:
        from fastapi import HTTPException

        raise HTTPException(422, str(error)) from error
    return RedirectResponse(f"/learn/{SITTING_LESSON}#desk-checklist-saved", status_code=303)
