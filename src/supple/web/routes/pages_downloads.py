"""Downloads from the plan page: the printable handout (PDF) and calendar reminders (.ics).

Both are plain GET links (they change nothing, so they need no CSRF token); the
documents themselves come from ``supple.handout`` and ``supple.calendar``, the same
functions ``supple handout`` and ``supple calendar`` use.
"""

from __future__ import annotations

from datetime import date
from typing import cast

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from supple.web.deps import own_plan, profile_of
from supple.web.handouts import HandoutCache, HandoutError, RendererError
from supple.web.limits import SafeJsonRoute
from supple.web.standing import refuse_while_warning

router = APIRouter(include_in_schema=False, route_class=SafeJsonRoute)
REMINDER_COOKIE = "supple_reminder"


def _attachment(name: str) -> dict[str, str]:
    return {"content-disposition": f'attachment; filename="{name}"'}


@router.get("/plan/{plan_id}/handout.pdf")
async def handout(
    request: Request, plan_id: int, paper: str = Query("a4", max_length=10)
) -> Response:
    """The printable sheet, rendered once per plan, paper and day (see ``web.handouts``).

    Async so the wait for the renderer holds no thread; the database read runs in one.
    """
    from supple.handout.render import parse_paper

    record = await run_in_threadpool(own_plan, request, plan_id)
    await run_in_threadpool(refuse_while_warning, request)
    try:
        chosen = parse_paper(paper)
        cache = cast(HandoutCache, request.app.state.handouts)
        pdf = await cache.pdf(record.document, chosen, date.today())
    except (ValueError, HandoutError) as error:
        raise HTTPException(422, str(error)) from error
    except RendererError as error:
        raise HTTPException(503, str(error)) from error
    headers = _attachment(f"supple-plan-{plan_id}.pdf")
    return Response(pdf, media_type="application/pdf", headers=headers)


@router.get("/plan/{plan_id}/calendar.ics")
def calendar(
    request: Request,
    plan_id: int,
    days: str = Query("daily", max_length=40),
    at: str = Query("07:30", max_length=5),
    weeks: int = Query(4, ge=1, le=52),
    tz: str | None = Query(None, max_length=64),
) -> Response:
    from supple.calendar import calendar_ics

    record = own_plan(request, plan_id)
    refuse_while_warning(request)
    try:
        ics = calendar_ics(
            record.document,
            profile=profile_of(request),
            days=days,
            at=at,
            weeks=weeks,
            app_url=str(request.base_url),
            # The browser's own zone (the form fills it in): the phone's, not the computer's.
            tz=tz or None,
            floating_if_unknown=True,
        )
    except ValueError as error:
        raise HTTPException(422, str(error)) from error
    headers = _attachment(f"supple-plan-{plan_id}.ics")
    response = Response(ics, media_type="text/calendar; charset=utf-8", headers=headers)
    # This device now has these reminders: the home page shows when the next one is.
    chosen_days = days.strip().lower().replace(",", "+")
    remembered = f"{chosen_days}|{at.strip()}|{weeks}|{date.today().isoformat()}"
    response.set_cookie(
        REMINDER_COOKIE,
        remembered,
        max_age=weeks * 7 * 86400,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
    )
    return response
