"""The questionnaire: warning signs first, then the pain, then preferences.

It is two forms on purpose. The warning signs are sent on their own, so an emergency
answer is met at once by a page that says to get help and offers nothing else; only
when none of them needs emergency care do the pain and preference questions follow.
Every submission goes through ``parse_answers`` and ``screen``, the same gate as the
CLI; the browser's own ``required`` checks are a convenience, never the safeguard.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import FormData

from supple.answers import (
    DEFAULT_MINUTES,
    MAX_MINUTES,
    MIN_MINUTES,
    RED_FLAGS,
    AnswersError,
    parse_answers,
)
from supple.history import adaptation, plan_with_history
from supple.screening import default_rules
from supple.web.deps import CheckedForm, catalog_of, form_id, profile_of, render, store_of
from supple.web.limits import SafeJsonRoute
from supple.web.questions import (
    YES,
    answers_from_form,
    emergency_answers,
    form_from_answers,
    intensity_question,
    pain_questions,
    preference_questions,
    red_flags_from_form,
    warning_questions,
)

router = APIRouter(include_in_schema=False, route_class=SafeJsonRoute)


def _emergency(request: Request, answered_yes: list[str]) -> HTMLResponse:
    rules = default_rules()
    reasons = [rules.red_flag_rule(name) for name in answered_yes]
    return render(
        request,
        "emergency.html",
        {"info": rules.levels["emergency"], "reasons": reasons},
    )


def _more_questions(
    request: Request,
    red_flags: dict[str, Any],
    problems: list[str],
    form: FormData | None,
    *,
    remembered: bool = False,
) -> HTMLResponse:
    context = {
        "remembered": remembered,
        "red_flags": {name: YES if value else "no" for name, value in red_flags.items()},
        "questions": pain_questions(),
        "intensity": intensity_question(),
        "preferences": preference_questions(),
        "minutes": {"min": MIN_MINUTES, "max": MAX_MINUTES, "default": DEFAULT_MINUTES},
        "problems": problems,
        "form": form,
    }
    return render(request, "start_more.html", context, status=422 if problems else 200)


@router.get("/start", response_class=HTMLResponse)
def start(request: Request) -> HTMLResponse:
    return render(request, "start.html", {"questions": warning_questions(), "problems": []})


@router.post("/start/warning-signs", response_class=HTMLResponse)
def warning_signs(request: Request, form: CheckedForm) -> Response:
    red_flags = red_flags_from_form(form)
    urgent_now = [name for name in RED_FLAGS if name in emergency_answers() and red_flags.get(name)]
    if urgent_now:
        return _emergency(request, urgent_now)
    missing = [name for name in RED_FLAGS if not isinstance(red_flags.get(name), bool)]
    if missing:
        rules = default_rules()
        problems = [f"Please answer: {rules.red_flag_rule(name).question}" for name in missing]
        context = {"questions": warning_questions(), "problems": problems, "form": form}
        return render(request, "start.html", context, status=422)
    saved = store_of(request).latest_answers(profile_of(request))
    earlier = form_from_answers(saved.document) if saved else None
    return _more_questions(request, red_flags, [], earlier, remembered=saved is not None)


def _save_and_plan(request: Request, document: dict[str, Any]) -> Response:
    """Screen and plan the answers, keep both, and show what comes next."""
    answers = parse_answers(document)
    catalog, store, profile = catalog_of(request), store_of(request), profile_of(request)
    history = adaptation(store, profile, catalog).adjustments()
    plan = plan_with_history(answers, catalog, history)
    answers_id, plan_id = store.save_answers_and_plan(profile, answers.to_dict(), plan.to_dict())
    if plan.screen.level == "emergency":
        return _emergency(request, answers.red_flags.answered_yes())
    if plan.routine is None:
        rules = default_rules()
        context = {
            "info": rules.levels[plan.screen.level],
            "level": plan.screen.level,
            "reasons": [(rules.label(r.answer), r.advice) for r in plan.screen.reasons],
            "answers_id": answers_id,
        }
        return render(request, "clinician.html", context)
    return RedirectResponse(f"/plan/{plan_id}", status_code=303)


@router.post("/start", response_class=HTMLResponse)
def submit(request: Request, form: CheckedForm) -> Response:
    document = answers_from_form(form)
    problems: list[str] = []
    if not form.getlist("can"):
        problems.append("preferences.can: choose at least one way you can exercise")
    try:
        parse_answers(document)
    except AnswersError as error:
        problems = [*error.problems, *problems]
    if problems:
        return _more_questions(request, document.get("red_flags", {}), problems, form)
    return _save_and_plan(request, document)


@router.post("/start/cleared", response_class=HTMLResponse)
def cleared(request: Request, form: CheckedForm) -> Response:
    """The person says a clinician has checked them: plan again, in gentle mode."""
    answers_id = form_id(form, "answers_id")
    record = store_of(request).get_answers(answers_id) if answers_id is not None else None
    if record is None or record.profile != profile_of(request):
        raise HTTPException(404, "Those answers were not found; please start again.")
    if form.get("confirm") != YES:
        raise HTTPException(422, "Please tick the box to confirm a clinician has checked you.")
    return _save_and_plan(request, {**record.document, "cleared_by_clinician": True})
