"""The questionnaire: warning signs first, then everything else, then the plan.

It is two forms on purpose. The warning-sign page is sent on its own, so an emergency
answer is met at once by a page that says to get help and offers nothing else; an
urgent one is said at the top of the next page. Every submission goes through
``read_answers`` and ``screen``, the same gate as the CLI; the browser's own
``required`` checks are a convenience, never the safeguard.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import FormData

from supple.answers import Answers, AnswersError, read_answers
from supple.history import adaptation, plan_with_history
from supple.screening import CLEARABLE_LEVELS, ScreenResult, default_rules, screen
from supple.screening.conditions import Facts
from supple.screening.questions import default_questions
from supple.web.deps import CheckedForm, catalog_of, form_id, profile_of, render, store_of
from supple.web.limits import SafeJsonRoute
from supple.web.questions import (
    FIRST_PAGE,
    document_from_facts,
    document_from_form,
    facts_from_form,
    form_from_answers,
    hidden_fields,
    later_pages,
    missing_on_first_page,
    page_titles,
    problem_in_words,
    questions_on,
)

router = APIRouter(include_in_schema=False, route_class=SafeJsonRoute)


def _emergency(request: Request, result: ScreenResult) -> HTMLResponse:
    rules = default_rules()
    reasons = [r for r in result.reasons if r.level == "emergency"]
    return render(
        request, "emergency.html", {"info": rules.levels["emergency"], "reasons": reasons}
    )


def _first_page(request: Request, problems: list[str], form: FormData | None) -> HTMLResponse:
    context = {
        "questions": questions_on((FIRST_PAGE,), {}),
        "problems": problems,
        "form": form,
        "page_count": len(default_questions().page),
    }
    return render(request, "start.html", context, status=422 if problems else 200)


def _more_questions(
    request: Request,
    facts: Facts,
    problems: list[str],
    form: FormData | None,
    *,
    remembered: bool = False,
    early: ScreenResult | None = None,
) -> HTMLResponse:
    context = {
        "remembered": remembered,
        "hidden": hidden_fields(facts),
        "pages": [(page, page_titles()[page]) for page in later_pages()],
        "questions": questions_on(later_pages(), facts),
        "page_count": len(default_questions().page),
        "early": early,
        "problems": problems,
        "form": form,
    }
    return render(request, "start_more.html", context, status=422 if problems else 200)


@router.get("/start", response_class=HTMLResponse)
def start(request: Request) -> HTMLResponse:
    return _first_page(request, [], None)


@router.post("/start/warning-signs", response_class=HTMLResponse)
def warning_signs(request: Request, form: CheckedForm) -> Response:
    facts = facts_from_form(form, (FIRST_PAGE,))
    try:
        partial = read_answers(document_from_facts(facts, complete=False))
    except AnswersError as error:
        return _first_page(request, [problem_in_words(p) for p in error.problems], form)
    result = screen(partial, today=dt.date.today())
    if result.level == "emergency":
        return _emergency(request, result)
    missing = missing_on_first_page(facts)
    if missing:
        return _first_page(request, missing, form)
    saved = store_of(request).latest_answers(profile_of(request))
    earlier = form_from_answers(saved.document) if saved else None
    early = result if result.level == "urgent" else None
    return _more_questions(request, facts, [], earlier, remembered=saved is not None, early=early)


def _clinician(request: Request, result: ScreenResult, answers_id: int) -> HTMLResponse:
    rules = default_rules()
    serious = [r for r in result.reasons if r.level in CLEARABLE_LEVELS]
    clearable = [r for r in serious if rules.by_id(r.rule).clearable]
    context = {
        "info": rules.levels[result.level],
        "level": result.level,
        "reasons": [(r.label, r.advice) for r in result.reasons if r.level in CLEARABLE_LEVELS],
        "clearable": clearable if len(clearable) == len(serious) else [],
        "clearance": default_questions().clearance,
        "checks": [c for c in result.clearances if not c.valid],
        "answers_id": answers_id,
        "today": dt.date.today().isoformat(),
    }
    return render(request, "clinician.html", context)


def _save_and_plan(request: Request, document: dict[str, Any]) -> Response:
    """Screen and plan the answers, keep both, and show what comes next."""
    answers = read_answers(document)
    catalog, store, profile = catalog_of(request), store_of(request), profile_of(request)
    history = adaptation(store, profile, catalog).adjustments()
    plan = plan_with_history(answers, catalog, history, today=dt.date.today())
    answers_id, plan_id = store.save_answers_and_plan(profile, answers.to_dict(), plan.to_dict())
    if plan.screen.level == "emergency":
        return _emergency(request, plan.screen)
    if plan.routine is None and plan.screen.level in CLEARABLE_LEVELS:
        return _clinician(request, plan.screen, answers_id)
    return RedirectResponse(f"/plan/{plan_id}", status_code=303)


@router.post("/start", response_class=HTMLResponse)
def submit(request: Request, form: CheckedForm) -> Response:
    document = document_from_form(form)
    problems: list[str] = []
    if not form.getlist("preferences.can"):
        problems.append(default_questions().by_id("preferences.can").missing or "")
    try:
        read_answers(document)
    except AnswersError as error:
        problems = [*(problem_in_words(p) for p in error.problems), *problems]
    if problems:
        facts = facts_from_form(form, (FIRST_PAGE,))
        return _more_questions(request, facts, list(dict.fromkeys(problems)), form)
    return _save_and_plan(request, document)


@router.post("/start/cleared", response_class=HTMLResponse)
def cleared(request: Request, form: CheckedForm) -> Response:
    """The person says a GP or physiotherapist examined this pain: per rule, with a date."""
    answers_id = form_id(form, "answers_id")
    record = store_of(request).get_answers(answers_id) if answers_id is not None else None
    if record is None or record.profile != profile_of(request):
        raise HTTPException(404, "Those answers were not found; please start again.")
    try:
        answers = read_answers(record.document)
    except AnswersError:
        raise HTTPException(
            409, "Those answers need answering again; please start again."
        ) from None
    if not isinstance(answers, Answers):
        return RedirectResponse("/start", status_code=303)
    result = screen(answers, today=dt.date.today())
    triggering = [r.rule for r in result.reasons if r.level in CLEARABLE_LEVELS]
    chosen = [str(rule) for rule in form.getlist("clear") if str(rule) in triggering]
    if not chosen:
        raise HTTPException(422, "Please tick each answer a clinician has checked.")
    entries = []
    for rule in chosen:
        try:
            day = dt.date.fromisoformat(str(form.get(f"date_{rule}", "")))
        except ValueError:
            raise HTTPException(422, "Please give the date each clearance was given.") from None
        entries.append({"rule": rule, "date": day.isoformat(), "triggering": triggering})
    try:
        return _save_and_plan(request, {**answers.to_dict(), "clearance": entries})
    except AnswersError as error:
        raise HTTPException(422, "; ".join(problem_in_words(p) for p in error.problems)) from None
