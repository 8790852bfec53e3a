"""The progress page: charts, the adherence calendar, the streak and what to do next."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from supple.desk_state import current_breaks, latest_checklist
from supple.history import checkins, next_plan, progress, session_logs, weekly_summary
from supple.progress import week_start
from supple.progress.chart_series import pain_series, peg_chart_series
from supple.progress.log import IDEAL_PER_WEEK, MINIMUM_PER_WEEK
from supple.progress.summary import peg_series
from supple.web.charts import checkin_chart, pain_chart, period_label
from supple.web.deps import CheckedForm, catalog_of, form_int, profile_of, render, store_of
from supple.web.limits import SafeJsonRoute

router = APIRouter(include_in_schema=False, route_class=SafeJsonRoute)
CALENDAR_WEEKS = 5
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def calendar(practised: set[date], today: date) -> list[list[dict[str, Any]]]:
    """The last few ISO weeks, Monday first, each day marked when a session was done."""
    first = week_start(today) - timedelta(weeks=CALENDAR_WEEKS - 1)
    weeks = []
    for week in range(CALENDAR_WEEKS):
        row = []
        for offset in range(7):
            day = first + timedelta(days=week * 7 + offset)
            row.append({"day": day, "done": day in practised, "future": day > today})
        weeks.append(row)
    return weeks


@router.get("/progress", response_class=HTMLResponse)
def progress_page(request: Request) -> HTMLResponse:
    store, profile, catalog = store_of(request), profile_of(request), catalog_of(request)
    today = date.today()
    logs = session_logs(store, profile)  # read once for the summary and the adaptation
    weekly = weekly_summary(logs, today)  # and counted once
    summary = progress(store, profile, today, logs=logs, weekly=weekly)
    adapted = next_plan(store, profile, catalog, today, logs=logs, weekly=weekly)
    latest = store.latest_plan(profile)
    practised = {p.day for p in summary.pain if p.completed}
    names = {key: e.name for key, e in catalog.exercises.items()}
    from supple.self_care import flare_summary, walking_today

    flares = flare_summary(store, profile, today)
    walking, walked = walking_today(store, profile, today, catalog)
    flare_days = {flare.day for flare in store.flare_ups(profile)}
    days = calendar(practised, today)
    for cell in (cell for week in days for cell in week):
        cell["walked"] = walked.get(cell["day"], 0)
        cell["flare"] = cell["day"] in flare_days
    context = {
        "summary": summary,
        "adaptation": adapted,
        "this_week": summary.weeks[-1] if summary.weeks else None,
        "goal": {"ideal": IDEAL_PER_WEEK, "minimum": MINIMUM_PER_WEEK},
        "calendar": days,
        "flares": flares,
        "walking": walking,
        "weekdays": WEEKDAYS,
        "today": today,
        "latest_plan": latest,
        "returning": latest is not None,
        "names": names,
        "pain_series": pain_series(summary.pain),
        "peg_series": peg_chart_series(summary.peg),
        "period_label": period_label,
        "desk_summary": latest_checklist(store, profile),
        "desk_breaks": current_breaks(store, profile),
    }
    return render(request, "progress.html", context)


@router.get("/progress/pain.svg")
def pain_svg(request: Request) -> Response:
    # The pain of each session, from the summary the page kept for these same logs.
    logs = session_logs(store_of(request), profile_of(request))
    pain = weekly_summary(logs, date.today()).session_pain
    return Response(pain_chart(pain), media_type="image/svg+xml")


@router.get("/progress/checkins.svg")
def checkins_svg(request: Request) -> Response:
    # Only the check-ins: the sessions are not read at all.
    peg = peg_series(checkins(store_of(request), profile_of(request)))
    return Response(checkin_chart(peg), media_type="image/svg+xml")


@router.post("/progress/checkin", response_class=HTMLResponse)
def checkin(request: Request, form: CheckedForm) -> Response:
    scores = {}
    for name in ("pain", "enjoyment", "activity"):
        scores[name] = form_int(form, name, 0, 10)
    store_of(request).save_checkin(
        profile_of(request),
        week_of=week_start(date.today()),
        pain=scores["pain"],
        enjoyment=scores["enjoyment"],
        activity=scores["activity"],
    )
    return RedirectResponse("/progress#checkin", status_code=303)
