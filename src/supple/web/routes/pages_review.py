"""Goals and the 4-week review: /goals (the PSFS activities and their ratings) and
/review (goals, PEG-3 and pain first against now, the change rating, the plan advice).

Every decision is the core's (``supple.outcomes``) through ``supple.goal_review``,
shared with ``supple goals`` and ``supple review``; these routes read the form, call
it, store and render. A form with something to fix is shown again with its message
(422), the person's words kept.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import FormData

from supple.goal_review import goal_review, psfs_rating
from supple.outcomes import (
    MAX_ACTIVITIES,
    GrocError,
    PsfsError,
    check_groc,
    check_items,
    default_outcomes_data,
    groc_choices,
    groc_label,
)
from supple.outcomes.review import NAMES
from supple.web.deps import CheckedForm, catalog_of, profile_of, render, store_of
from supple.web.goal_charts import psfs_chart
from supple.web.limits import SafeJsonRoute

router = APIRouter(include_in_schema=False, route_class=SafeJsonRoute)
DIRECTION_WORDS = {
    "better": "Real improvement",
    "worse": "Really worse",
    "no_change": "No real change",
    "unknown": "Not enough to compare yet",
}
# The table's row headings, short enough for a phone; the thresholds below it say more.
SHORT_NAMES = {
    "psfs": "Your goals (0-10, higher is better)",
    "peg": "Check-in, PEG-3 (0-10, lower is better)",
    "pain": "Pain before sessions (0-10)",
}
FIELD_MAX = 200  # a form's activity longer than this is refused before it is tidied


def _sentence(message: str) -> str:
    """A core message as a sentence on the page (its first letter only made capital)."""
    return message[:1].upper() + message[1:] + "."


def _score(form: FormData, name: str) -> object:
    raw = form.get(name, "")
    if isinstance(raw, str) and raw.isascii() and raw.isdigit() and len(raw) <= 2:
        return int(raw)
    return None if raw in ("", None) else str(raw)[:10]


def goals_from_form(form: FormData) -> list[tuple[str, object]]:
    """The rows a person filled in; a row with neither an activity nor a rating is
    skipped, a half-filled one is kept for the core to refuse with its message."""
    rows: list[tuple[str, object]] = []
    for number in range(1, MAX_ACTIVITIES + 2):
        activity = form.get(f"activity{number}", "")
        text = activity if isinstance(activity, str) else ""
        score = _score(form, f"score{number}")
        if not text.strip() and score is None:
            continue
        if len(text) > FIELD_MAX:
            raise PsfsError(f"activity {number} is too long; keep it to 80 characters")
        if score is None:
            raise PsfsError(
                f"rate '{' '.join(text.split())}' from 0 (cannot do it) to 10 (as before)"
            )
        rows.append((text, score))
    return rows


def _goals_page(
    request: Request, form: FormData | None = None, error: str | None = None
) -> HTMLResponse:
    records = store_of(request).psfs_ratings(profile_of(request))
    current = psfs_rating(records[-1]) if records else None
    if form is not None:
        rows = [
            {"activity": form.get(f"activity{n}", ""), "score": form.get(f"score{n}", "")}
            for n in range(1, MAX_ACTIVITIES + 1)
        ]
    else:
        items = list(current.items) if current else []
        rows = [
            {"activity": items[n].activity if n < len(items) else "", "score": ""}
            for n in range(MAX_ACTIVITIES)
        ]
    context = {
        "rows": rows,
        "current": current,
        "error": error,
        "ideas": default_outcomes_data().suggestions.activities,
        "returning": store_of(request).first_plan_at(profile_of(request)) is not None,
    }
    return render(request, "goals.html", context, status=422 if error else 200)


@router.get("/goals", response_class=HTMLResponse)
def goals_page(request: Request) -> HTMLResponse:
    return _goals_page(request)


@router.post("/goals", response_class=HTMLResponse)
def save_goals(request: Request, form: CheckedForm) -> Response:
    try:
        items = check_items(goals_from_form(form))
    except PsfsError as error:
        return _goals_page(request, form, _sentence(str(error)))
    kept = [{"activity": item.activity, "score": item.score} for item in items]
    store_of(request).save_psfs(profile_of(request), kept)
    return RedirectResponse("/review#goals-title", status_code=303)


def _review_page(
    request: Request, form: FormData | None = None, error: str | None = None
) -> HTMLResponse:
    found = goal_review(store_of(request), profile_of(request), catalog_of(request), date.today())
    review = found.review
    rows = [
        {
            "change": change,
            "name": NAMES[change.measure],
            "short": SHORT_NAMES[change.measure],
            "moved": change.change,
            "so": DIRECTION_WORDS[change.direction],
        }
        for change in review.changes
    ]
    context: dict[str, Any] = {
        "review": review,
        "schedule": review.schedule,
        "rows": rows,
        "ratings": found.ratings,
        "current": found.current_goals,
        "groc_choices": groc_choices(),
        "groc_text": None if review.groc is None else groc_label(review.groc),
        "form": form,
        "error": error,
        "returning": review.schedule.first_plan is not None,
    }
    return render(request, "review.html", context, status=422 if error else 200)


@router.get("/review", response_class=HTMLResponse)
def review_page(request: Request) -> HTMLResponse:
    return _review_page(request)


@router.get("/review/psfs.svg")
def psfs_svg(request: Request) -> Response:
    records = store_of(request).psfs_ratings(profile_of(request))
    return Response(psfs_chart([psfs_rating(r) for r in records]), media_type="image/svg+xml")


@router.post("/review", response_class=HTMLResponse)
def save_review(request: Request, form: CheckedForm) -> Response:
    store, profile = store_of(request), profile_of(request)
    found = goal_review(store, profile, catalog_of(request), date.today())
    if not found.review.schedule.due:
        return _review_page(request, form, "No review is due yet; the page says when it is.")
    raw = form.get("groc", "")
    try:
        text = raw if isinstance(raw, str) else ""
        groc = check_groc(int(text) if text.lstrip("-").isdigit() and len(text) <= 3 else text)
    except GrocError:
        return _review_page(request, form, "Choose how you are since you started, -7 to +7.")
    items = None
    if found.current_goals is not None:
        scores = [
            (item.activity, _score(form, f"score{n}"))
            for n, item in enumerate(found.current_goals.items, 1)
        ]
        missing = [activity for activity, score in scores if score is None]
        if missing:
            return _review_page(request, form, f"Rate '{missing[0]}' again, from 0 to 10.")
        try:
            checked = check_items(scores)
        except PsfsError as error:
            return _review_page(request, form, _sentence(str(error)))
        items = [{"activity": item.activity, "score": item.score} for item in checked]
    store.save_review(profile, groc, items)
    return RedirectResponse("/review#result-title", status_code=303)


def home_prompt(request: Request) -> dict[str, bool]:
    """What home adds for someone with a plan: the review is due, or no goals are named
    yet (two small reads, not the whole review)."""
    from supple.goal_review import schedule_of

    store, profile = store_of(request), profile_of(request)
    due = schedule_of(store, profile, date.today()).due
    return {"review_due": due, "goals_missing": not store.psfs_ratings(profile)}
