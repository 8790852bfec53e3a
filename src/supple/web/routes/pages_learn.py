"""Learn as a course: the lesson index, each lesson with its check, and their pictures.

What is open, done and next comes from the core schedule (through
``supple.lesson_progress``, shared with ``supple learn``); these routes only read the
store, call it and render. The muscles and conditions stay at /learn/reference.
"""

from __future__ import annotations

import re
from datetime import date

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from supple.learning import (
    CheckAnswerError,
    diagram_svg,
    mark_check,
    next_lesson,
    status_of,
)
from supple.lesson_progress import course_progress
from supple.web.deps import CheckedForm, profile_of, render, store_of
from supple.web.limits import SafeJsonRoute
from supple.web.routes.pages_breaks import checklist_context

router = APIRouter(include_in_schema=False, route_class=SafeJsonRoute)

# One choice of a question: a single digit, as the lesson page's radio buttons send it.
CHOICE = re.compile(r"[0-9]")
STATE_WORDS = {"done": "Done", "next": "Next", "open": "Open", "locked": "Locked"}


@router.get("/learn", response_class=HTMLResponse)
def learn_index(request: Request) -> HTMLResponse:
    progress = course_progress(store_of(request), profile_of(request), date.today())
    upcoming = next_lesson(progress.statuses)
    context = {
        "progress": progress,
        "statuses": progress.statuses,
        "upcoming": upcoming,
        "state_words": STATE_WORDS,
    }
    return render(request, "learn.html", context)


@router.get("/learn/pictures/{name}.svg")
def lesson_picture(name: str) -> Response:
    svg = diagram_svg(name)
    if svg is None:
        raise HTTPException(404, "There is no picture at this address.")
    return Response(svg, media_type="image/svg+xml", headers={"cache-control": "no-cache"})


@router.get("/learn/{lesson_id}", response_class=HTMLResponse)
def lesson_page(request: Request, lesson_id: str) -> HTMLResponse:
    progress = course_progress(store_of(request), profile_of(request), date.today())
    status = status_of(progress.statuses, lesson_id)
    if status is None:
        raise HTTPException(404, f"There is no lesson called '{lesson_id}'.")
    latest = progress.latest.get(lesson_id)
    marked = None
    if latest is not None:
        try:
            marked = mark_check(status.lesson, latest.answers)
        except CheckAnswerError:
            latest = None  # answered against an older wording of the check
    later = [s for s in progress.statuses if s.readable and s.lesson.id != lesson_id]
    following = next((s for s in later if s.state in ("next", "open")), None)
    context = {
        "status": status,
        "lesson": status.lesson,
        "answers": latest.answers if latest else [],
        "marked": marked,
        "following": following,
        "day": progress.day,
        **checklist_context(request, lesson_id),
    }
    return render(request, "lesson.html", context)


@router.post("/learn/{lesson_id}/check", response_class=HTMLResponse)
def lesson_check(request: Request, lesson_id: str, form: CheckedForm) -> Response:
    """Record the answers to a lesson's check; the lesson page then shows them marked."""
    progress = course_progress(store_of(request), profile_of(request), date.today())
    status = status_of(progress.statuses, lesson_id)
    if status is None:
        raise HTTPException(404, f"There is no lesson called '{lesson_id}'.")
    if not status.readable:
        raise HTTPException(409, f"This lesson opens on day {status.lesson.release_day}.")
    answers = []
    for number in range(1, len(status.lesson.check) + 1):
        raw = form.get(f"q{number}", "")
        if not isinstance(raw, str) or not CHOICE.fullmatch(raw):
            raise HTTPException(422, f"q{number}: choose one answer for question {number}")
        answers.append(int(raw))
    try:
        mark_check(status.lesson, answers)
    except CheckAnswerError as error:
        raise HTTPException(422, str(error)) from error
    store_of(request).complete_lesson(profile_of(request), lesson_id, answers)
    return RedirectResponse(f"/learn/{lesson_id}#check-result", status_code=303)
