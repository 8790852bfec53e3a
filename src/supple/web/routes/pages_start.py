"""The questionnaire: one page per page of questions.toml, warning signs first, then the plan.

Each page is a plain form sent on its own, with the answers of the pages before it as
hidden fields. After every page the answers so far are screened: an emergency answer
is met at once by a page that says to get help and offers nothing else, whatever else
is unanswered; an urgent one is said on a page of its own before any pain or
preference question. Every submission goes through ``read_answers`` and ``screen``,
the same gate as the CLI; the browser's own checks are a convenience, never the
safeguard.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import FormData

from supple.answers import Answers, AnswersError, read_answers
from supple.history import stored_plan_for
from supple.screening import (
    CLEARABLE_LEVELS,
    ScreenResult,
    default_rules,
    level_action,
    screen,
)
from supple.screening.clearance import NOT_EXAMINED, why_not_counted
from supple.screening.conditions import Facts
from supple.screening.questions import UNDER_16_NOTE, default_questions
from supple.web.clearance import entries_from_form, saved_clearances, what_to_ask
from supple.web.deps import CheckedForm, catalog_of, form_id, profile_of, render, store_of
from supple.web.limits import SafeJsonRoute
from supple.web.questions import (
    NO,
    Problem,
    document_from_facts,
    facts_from_form,
    follow_ups_to_ask,
    form_from_answers,
    hidden_fields,
    page_ids,
    page_of_slug,
    page_view,
    pages_up_to,
    problems_on,
    slug,
    value_problems,
)
from supple.web.standing import record_outcome

router = APIRouter(include_in_schema=False, route_class=SafeJsonRoute)
# Urgent rules the person has read about and chose to go on past.
SEEN_URGENT = "seen_urgent"
GET_CARE_FIRST = "Then please get care first, and answer the questions again afterwards."


def _emergency(request: Request, result: ScreenResult) -> HTMLResponse:
    reasons = [r for r in result.reasons if r.level == "emergency"]
    info = default_rules().levels["emergency"]
    context = {"info": info, "reasons": reasons, "what_to_do": result.action}
    return render(request, "emergency.html", context)


def _page(
    request: Request,
    page: str,
    facts: Facts,
    form: FormData | None,
    problems: list[Problem],
    *,
    carried: list[str] | None = None,
    young: bool = False,
) -> HTMLResponse:
    """One page of questions; ``facts`` are the answers of the pages before it; ``young``
    says at once, as the terminal does, that Supple is for people 16 and over."""
    saved = store_of(request).latest_answers(profile_of(request))
    prefill, again = form_from_answers(saved.document) if saved else (None, frozenset())
    # A page shown again also uses its own answers, so a follow-up they make apply appears.
    view = page_view(
        page, facts_from_form(form, pages_up_to(page)) if form is not None else facts, again
    )
    ids = page_ids()
    last = page == ids[-1]
    context = {
        "view": view,
        "hidden": hidden_fields(facts),
        "seen_urgent": carried or [],
        "form": form if form is not None else prefill,
        "remembered": form is None and saved is not None and page == ids[2],
        "asked_again": bool(again) and page == ids[0],
        "problems": problems,
        "errors": _errors_by_question(problems),
        "action": "/start" if last else f"/start/{slug(page)}",
        "button": "Build my routine" if last else "Next",
        "not_for_children": (
            f"{default_rules().by_id('under_16').advice} {UNDER_16_NOTE}" if young else None
        ),
    }
    return render(request, "start.html", context, status=422 if problems else 200)


def _errors_by_question(problems: list[Problem]) -> dict[str, str]:
    """Each problem's text by the question it is about, to be said at that question too."""
    errors: dict[str, str] = {}
    for problem in problems:
        if problem.target:
            errors[problem.target] = (
                f"{errors[problem.target]} {problem.text}"
                if problem.target in errors
                else problem.text
            )
    return errors


def _urgent(request: Request, result: ScreenResult, page: str, form: FormData) -> HTMLResponse:
    """Said before anything else is asked: see a doctor today, and why."""
    rules = default_rules()
    serious = [r for r in result.reasons if r.level in CLEARABLE_LEVELS]
    refused = [r for r in serious if not rules.by_id(r.rule).clearable]
    context = {
        "info": rules.levels["urgent"],
        "what_to_do": level_action(
            "urgent", [rules.by_id(r.rule) for r in result.reasons], rules.levels["urgent"].action
        ),
        "reasons": [r for r in result.reasons if r.level == "urgent"],
        "refused": refused,
        "hidden": [(k, str(v)) for k, v in form.multi_items() if k not in ("csrf_token",)],
        "seen": [r.rule for r in result.reasons if r.level == "urgent"],
        "action": "/start" if page == page_ids()[-1] else f"/start/{slug(page)}",
        **_clearance_words(),
    }
    return render(request, "start_urgent.html", context)


def _clearance_words() -> dict[str, Any]:
    questions = default_questions()
    rules = default_rules()
    return {
        "clearance": questions.clearance,
        "yes_label": questions.labels.yes,
        "no_label": questions.labels.no,
        "labels": {rule.id: rule.label for rule in rules.rule},
    }


def _screen_so_far(facts: Facts) -> ScreenResult | None:
    """The screen of the answers so far; an answer with a wrong value (an age of 150) is
    left out rather than hiding an emergency answer given beside it."""
    for attempt in range(2):
        try:
            partial = read_answers(document_from_facts(facts, complete=False))
        except AnswersError as error:
            if attempt:
                return None
            wrong = {p.partition(":")[0].split("[")[0] for p in error.problems}
            facts = {k: v for k, v in facts.items() if k not in wrong}
            continue
        return screen(partial, today=dt.date.today())
    return None


@router.get("/start", response_class=HTMLResponse)
def start(request: Request) -> HTMLResponse:
    return _page(request, page_ids()[0], {}, None, [])


def _clinician(
    request: Request,
    result: ScreenResult,
    answers_id: int,
    problems: list[Problem],
    entered: FormData | None = None,
    *,
    weeks: float,
    examined: bool = True,
) -> HTMLResponse:
    """The clinician page; ``entered`` is the clearance form just refused, shown as the
    person filled it in (never mixed with dates saved earlier)."""
    store, profile = store_of(request), profile_of(request)
    asked, refused = what_to_ask(result, saved_clearances(store.saved_answers(profile), answers_id))
    context = {
        "info": default_rules().levels[result.level],
        "what_to_do": result.action,
        "reasons": [r for r in result.reasons if r.level in CLEARABLE_LEVELS],
        "asked": asked if not refused and examined else [],
        "not_examined": None if examined or refused else _capital(NOT_EXAMINED),
        "refused": refused,
        "checks": []
        if entered is not None
        else [
            (c, why_not_counted(c, today=dt.date.today(), weeks=weeks))
            for c in result.clearances
            if not c.valid
        ],
        "entered": entered,
        "errors": _errors_by_question(problems),
        "answers_id": answers_id,
        "today": dt.date.today().isoformat(),
        "problems": problems,
        **_clearance_words(),
    }
    return render(request, "clinician.html", context, status=422 if problems else 200)


def _save_and_plan(request: Request, document: dict[str, Any]) -> Response:
    """Screen and plan the answers, keep both, and show what comes next."""
    answers = read_answers(document)
    catalog, store, profile = catalog_of(request), store_of(request), profile_of(request)
    plan = stored_plan_for(
        store,
        profile,
        answers,
        catalog,
        today=dt.date.today(),
        answered_now=dt.datetime.now(dt.UTC),
    )
    answers_id, plan_id = store.save_answers_and_plan(profile, answers.to_dict(), plan.to_dict())
    if plan.screen.level == "emergency":
        return _emergency(request, plan.screen)
    if plan.routine is None and plan.screen.level in CLEARABLE_LEVELS:
        complete = isinstance(answers, Answers)
        weeks = answers.pain.weeks if isinstance(answers, Answers) else 0.0
        examined = not complete or answers.facts().get("pain.assessed") is not False
        return _clinician(request, plan.screen, answers_id, [], weeks=weeks, examined=examined)
    return RedirectResponse(f"/plan/{plan_id}", status_code=303)


@router.post("/start/cleared", response_class=HTMLResponse)
def cleared(request: Request, form: CheckedForm) -> Response:
    """Per rule, the person says a GP or physiotherapist examined this pain, and when."""
    answers_id = form_id(form, "answers_id")
    record = store_of(request).get_answers(answers_id) if answers_id is not None else None
    if record is None or record.profile != profile_of(request):
        raise HTTPException(404, "Those answers were not found; please start again.")
    try:
        answers = read_answers(record.document)
    except AnswersError:
        return RedirectResponse("/start", status_code=303)
    if not isinstance(answers, Answers):
        return RedirectResponse("/start", status_code=303)
    result = screen(answers, today=dt.date.today())
    store = store_of(request)
    asked, refused = what_to_ask(
        result, saved_clearances(store.saved_answers(profile_of(request)), record.id)
    )
    examined = answers.pain.assessed is not False
    if refused or not asked or not examined:
        return _clinician(
            request, result, record.id, [], weeks=answers.pain.weeks, examined=examined
        )
    triggering = [r.rule for r in result.reasons if r.level in CLEARABLE_LEVELS]
    entries, problems = entries_from_form(form, asked, triggering)
    if not entries and not problems:
        said_no = all(form.get(f"clear.{item.rule}") == NO for item in asked)
        problems = [
            Problem(GET_CARE_FIRST)
            if said_no
            else Problem(
                default_questions().clearance.missing.replace("{label}", asked[0].label),
                f"clear-{asked[0].rule}",
            )
        ]
    if not problems:
        problems = _refused_dates(answers, entries, asked)
    if problems:
        return _clinician(request, result, record.id, problems, form, weeks=answers.pain.weeks)
    return _save_and_plan(request, {**answers.to_dict(), "clearance": entries})


def _refused_dates(
    answers: Answers, entries: list[dict[str, Any]], asked: list[Any]
) -> list[Problem]:
    """A date the screen would not count (in the future, too old, before this pain), said
    at its own question before anything is saved."""
    document = {**answers.to_dict(), "clearance": entries}
    labels = {item.rule: item.label for item in asked}
    try:
        checks = screen(read_answers(document), today=dt.date.today()).clearances
    except AnswersError as error:
        return [
            Problem(
                f"{_capital(labels.get(e['rule'], e['rule']))}: {'; '.join(error.problems)}",
                f"clear-{e['rule']}",
            )
            for e in entries[:1]
        ]
    today = dt.date.today()
    return [
        Problem(
            f"{_capital(labels.get(c.rule, c.rule))}: the date you gave does not count. "
            f"{_capital(why_not_counted(c, today=today, weeks=answers.pain.weeks))}",
            f"clear-{c.rule}",
        )
        for c in checks
        if not c.valid
    ]


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _first_with_problems(form: FormData, upto: str) -> tuple[str, Facts, list[Problem]] | None:
    """The first page up to ``upto`` with something to fix, its earlier answers and the
    problems, or None when every page so far is answered."""
    for page in pages_up_to(upto):
        before = facts_from_form(form, pages_up_to(page)[:-1])
        facts = facts_from_form(form, pages_up_to(page))
        problems = problems_on(page, facts, form)
        on_page = {q.name for b in page_view(page, facts).blocks for q in _questions(b)}
        problems += [p for p in value_problems(facts) if p.target.removeprefix("q-") in on_page]
        if problems:
            return page, before, sorted(dict.fromkeys(problems), key=_in_question_order(page))
    return None


def _in_question_order(page: str) -> Any:
    """A sort key putting problems in the order their questions are on the page (the
    age first on page 1), whichever check found them."""
    targets: list[str] = []
    for question in default_questions().on_page(page):
        target = f"group-{question.group}" if question.group else f"q-{question.id}"
        if target not in targets:
            targets.append(target)

    def key(problem: Problem) -> int:
        return targets.index(problem.target) if problem.target in targets else len(targets)

    return key


def _questions(block: Any) -> tuple[Any, ...]:
    return tuple(block.questions) if hasattr(block, "questions") else (block,)


def _answered(request: Request, form: FormData, page: str) -> Response:
    """A page was sent: screen what is known, then ask what is left on it, or go on."""
    facts = facts_from_form(form, pages_up_to(page))
    # A follow-up the answers just sent make apply is asked (the page comes back with it)
    # before it can count as unanswered: until then it is screened as a no, so any other
    # emergency answer is still met at once.
    pending = {q.id: False for p in pages_up_to(page) for q in follow_ups_to_ask(p, facts)}
    result = _screen_so_far({**facts, **pending})
    if result is not None and result.level == "emergency":
        record_outcome(request, result)
        return _emergency(request, result)
    fix = _first_with_problems(form, page)
    seen = [str(v) for v in form.getlist(SEEN_URGENT)]
    if fix is not None:
        where, before, problems = fix
        return _page(request, where, before, form, problems, carried=seen)
    assert result is not None  # every page so far is answered and readable
    urgent = [r.rule for r in result.reasons if r.level == "urgent"]
    if set(urgent) - set(seen):
        record_outcome(request, result)
        return _urgent(request, result, page, form)
    ids = page_ids()
    if page == ids[-1]:
        return _save_and_plan(request, document_from_facts(facts, complete=True))
    young = page == ids[0] and any(r.rule == "under_16" for r in result.reasons)
    return _page(request, ids[ids.index(page) + 1], facts, None, [], carried=seen, young=young)


@router.post("/start", response_class=HTMLResponse)
def submit(request: Request, form: CheckedForm) -> Response:
    """The last page, with every earlier answer: the plan (or what to do instead)."""
    return _answered(request, form, page_ids()[-1])


@router.post("/start/{page_slug}", response_class=HTMLResponse)
def answered(request: Request, page_slug: str, form: CheckedForm) -> Response:
    page = page_of_slug(page_slug)
    if page is None or page == page_ids()[-1]:
        raise HTTPException(404, "There is no such page of questions; please start again.")
    return _answered(request, form, page)
