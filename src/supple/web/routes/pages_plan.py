"""The plan page: the routine, why each exercise is in it, and the controls to change it.

A change (minutes, level, or swapping one exercise) never edits a stored plan: it asks
the planner for a new one from the same answers and keeps it, so every session points
at the exact routine that was played and the history stays truthful.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from supple.answers import (
    MAX_MINUTES,
    MIN_MINUTES,
    Answers,
    AnswersDocument,
    AnswersError,
    read_answers,
)
from supple.assessment import CONTRIBUTOR_NAMES, CONTRIBUTOR_NOTES
from supple.catalog import Catalog
from supple.catalog.models import LEVELS, Exercise, Level
from supple.dosage import span
from supple.history import adaptation, stored_plan_for
from supple.planning.changes import swap_update
from supple.planning.stored import stored_escalation, stored_kept_out
from supple.planning.swaps import swap_candidates
from supple.screening import CLEARABLE_LEVELS, default_rules, screen
from supple.store import PlanRecord
from supple.web.deps import (
    CheckedForm,
    catalog_of,
    form_int,
    own_plan,
    profile_of,
    render,
    store_of,
)
from supple.web.format import KIND_WORDS, POSITION_WORDS, item_dose_text
from supple.web.limits import SafeJsonRoute
from supple.web.living import (
    UPDATE_KEY,
    current_plan,
    keep_previous,
    plan_date,
    session_to_continue,
)
from supple.web.routes.pages_catalog import figure_slots
from supple.web.session_gate import warning_signs_due
from supple.web.standing import standing_warning, warning_page

router = APIRouter(include_in_schema=False, route_class=SafeJsonRoute)


def plan_answers(request: Request, record: PlanRecord) -> AnswersDocument:
    """The answers behind a plan, read (and upgraded) the one way answers are read."""
    if record.answers_id is None:
        raise HTTPException(409, "This plan was saved without its answers, so it cannot change.")
    answers = store_of(request).get_answers(record.answers_id)
    if answers is None:
        raise HTTPException(409, "The answers behind this plan are missing.")
    try:
        return read_answers(answers.document)
    except AnswersError:
        raise HTTPException(409, "The answers behind this plan need answering again.") from None


def complete_answers(request: Request, record: PlanRecord) -> Answers | None:
    """The plan's answers when they are complete and readable; None otherwise (an old
    document with questions to answer again never causes an error page)."""
    if record.answers_id is None:
        return None
    try:
        answers = plan_answers(request, record)
    except HTTPException:
        return None
    return answers if isinstance(answers, Answers) else None


def document_to_check(document: dict[str, Any]) -> bool:
    """True when a stored answers document is old or part-answered: the person is asked
    the new questions ("check my answers again") before any routine is shown."""
    try:
        return not isinstance(read_answers(document), Answers)
    except AnswersError:
        return True


def saved_answers(saved: Any) -> Answers | None:
    """The complete answers in a stored answers record, or None (never an error page)."""
    if saved is None:
        return None
    try:
        answers = read_answers(saved.document)
    except AnswersError:
        return None
    return answers if isinstance(answers, Answers) else None


def answers_to_check(request: Request, record: PlanRecord) -> bool:
    """``document_to_check`` for the answers a plan was made from."""
    if record.answers_id is None:
        return False
    stored = store_of(request).get_answers(record.answers_id)
    return stored is not None and document_to_check(stored.document)


def cleared_heading(screen: dict[str, Any], has_routine: bool) -> str | None:
    """``Cleared by your clinician on 3 Nov for: cancer history``, read from a stored plan."""
    if not has_routine or screen.get("level") not in ("urgent", "see_clinician"):
        return None
    rules = default_rules()
    by_date: dict[str, list[str]] = {}
    for check in screen.get("clearances") or []:
        if check.get("status") != "valid":
            continue
        day = dt.date.fromisoformat(check["date"])
        by_date.setdefault(f"{day.day} {day.strftime('%b %Y')}", []).append(
            rules.label(check["rule"])
        )
    if not by_date:
        # A plan from before dated clearances: still never "No routine is offered" above it.
        return "Cleared by your clinician, as you told Supple then"
    return "; ".join(
        f"Cleared by your clinician on {day} for: {', '.join(labels)}"
        for day, labels in by_date.items()
    )


def alternatives(
    catalog: Catalog, answers: Answers, document: dict[str, Any], exercise_id: str
) -> list[Exercise]:
    """What may be swapped in for one item (``supple.planning.swaps``), for this plan's
    routine and what its history keeps out."""
    routine = document["routine"]
    return swap_candidates(
        catalog,
        answers,
        exercise_id,
        level=cast(Level, routine["level"]),
        gentle=bool(routine["gentle"]),
        in_routine={item["exercise"] for item in routine["items"]},
        kept_out=stored_kept_out(document),
    )


@router.get("/plan", include_in_schema=False)
def latest(request: Request) -> Response:
    record = current_plan(request)
    return RedirectResponse(f"/plan/{record.id}" if record else "/start", status_code=303)


@router.get("/play", include_in_schema=False)
def play(request: Request) -> Response:
    """The one stable address for "do today's session" (calendar reminders link here).

    An unfinished session of the latest plan resumes; otherwise the latest plan opens
    at its start form (a session is only ever created by that form's POST). It stays
    right when the person re-plans without re-importing their calendar.
    """
    warning = standing_warning(request)
    if warning is not None:
        return warning_page(request, warning)
    record = current_plan(request)
    if record is None:
        return RedirectResponse("/start", status_code=303)
    if warning_signs_due(request, record):
        return RedirectResponse("/start", status_code=303)
    # The session home continues too (t13c N10: /play started a new one instead).
    waiting = session_to_continue(request, record)
    target = f"/session/{waiting.id}" if waiting else f"/plan/{record.id}#start-session"
    return RedirectResponse(target, status_code=303)


@router.get("/plan/{plan_id}", response_class=HTMLResponse)
def plan_page(request: Request, plan_id: int) -> HTMLResponse:
    # One transaction: the plan, its answers and the session waiting to be resumed.
    view = store_of(request).plan_view(plan_id, profile_of(request))
    if view is None:
        raise HTTPException(404, f"There is no plan number {plan_id}.")
    record, saved, unfinished, warning = view.plan, view.answers, view.unfinished, view.warning
    if warning is not None:
        return warning_page(request, warning)
    catalog = catalog_of(request)
    document = record.document
    # The plan page stays one cheap read: the rebuild happens on the ways into a
    # session (home, /plan, /play, starting a session), never here.
    update = document.get(UPDATE_KEY)
    check_again = (saved is not None and document_to_check(saved.document)) or bool(
        document["screen"].get("unanswered")
    )
    routine = None if check_again else document.get("routine")
    rules = default_rules()
    level = document["screen"]["level"]
    answers = saved_answers(saved) if routine else None
    items = []
    for item in routine["items"] if routine else []:
        exercise = catalog.exercises.get(item["exercise"])
        items.append(
            {
                **item,
                "record": exercise,
                "dose": item_dose_text(item),
                "kind_label": KIND_WORDS.get(item["kind"], item["kind"]),
                "time": span(item["duration_seconds"]),
                "figures": figure_slots(request, exercise, item.get("variant")) if exercise else [],
                "alternatives": alternatives(catalog, answers, document, item["exercise"])
                if answers and routine and view.is_current
                else [],
            }
        )
    cleared = cleared_heading(document["screen"], bool(routine))
    contributors = [
        {
            "name": CONTRIBUTOR_NAMES.get(c["id"], c["id"]),
            "note": CONTRIBUTOR_NOTES.get(c["id"], ""),
            **c,
        }
        for c in document["assessment"]["contributors"]
        if c["score"] > 0
    ]
    escalation = stored_escalation(document)
    context = {
        "plan_id": plan_id,
        # An earlier plan (an old tab, a bookmark) is for reading: its changes and its
        # session would act on a plan that no longer stands, so the page leads to the
        # current one instead of offering them.
        "current_plan_id": None if view.is_current else view.latest_plan_id,
        # The history's advice to see someone, shown first; a plan is rebuilt when the
        # history changes (the living plan), so the stored one is the one that stands.
        "escalation": escalation,
        # Pain that stayed low, in the progress core's words; the living plan is rebuilt
        # when the history no longer says so.
        "success": document.get("success") if routine and not escalation else None,
        "escalation_first": level not in ("emergency", "urgent"),
        "returning": True,
        "unfinished": unfinished,
        "plan_date": plan_date(record),
        "update": update,
        "routine": routine,
        "total": span(routine["estimated_seconds"]) if routine else "",
        "items": items,
        "screen": document["screen"],
        "info": rules.levels[level] if level in rules.levels else rules.levels["see_clinician"],
        "what_to_do": next(
            (
                r["action"]
                for r in document["screen"]["reasons"]
                if r.get("level") == level and r.get("action")
            ),
            None,
        ),
        "cleared": cleared,
        "check_again": check_again,
        # A cleared plan names the cleared rules in its heading; their "see a doctor
        # today" advice is not repeated above the gentle routine it allows.
        "reasons": [
            (rules.label(str(r.get("rule") or r.get("answer"))), r["advice"])
            for r in document["screen"]["reasons"]
            if not (cleared and r.get("level") in CLEARABLE_LEVELS)
        ],
        "contributors": contributors,
        "advice": document.get("advice", []),
        "positions": POSITION_WORDS,
        "levels": LEVELS,
        "minutes": {"min": MIN_MINUTES, "max": MAX_MINUTES},
    }
    if check_again:
        context.update(_screen_of_what_is_known(request, record))
    return render(request, "plan.html", context)


def _screen_of_what_is_known(request: Request, record: PlanRecord) -> dict[str, Any]:
    """For answers to check again: the level today's rules find in what they do say (an
    emergency stays an emergency), never the old plan's verdict, and never "fine"."""
    rules = default_rules()
    stored = store_of(request).get_answers(record.answers_id) if record.answers_id else None
    try:
        result = screen(read_answers(stored.document), today=dt.date.today()) if stored else None
    except AnswersError:
        result = None
    if result is None or result.level in ("ok", "caution", "book_review"):
        return {"hide_level": True, "reasons": [], "contributors": []}
    return {
        "screen": result.to_dict(),
        "info": rules.levels[result.level],
        "what_to_do": result.action,
        "reasons": [(r.label, r.advice) for r in result.reasons],
    }


def _replan(
    request: Request,
    record: PlanRecord,
    *,
    minutes: int | None,
    level: Level | None,
    swaps: dict[str, str],
    changes: tuple[str, ...] = (),
    swapped: tuple[str, str] | None = None,
) -> Response:
    """A new plan from the same answers; ``changes`` says what the person changed, and
    a swap (``swapped``) is named with every other change it caused."""
    answers = plan_answers(request, record)
    if not isinstance(answers, Answers):
        # Questions were added since these answers: ask them before any new routine.
        return RedirectResponse("/start", status_code=303)
    catalog, store, profile = catalog_of(request), store_of(request), profile_of(request)
    plan = stored_plan_for(
        store,
        profile,
        answers,
        catalog,
        minutes=minutes,
        level=level,
        swaps=swaps,
        today=dt.date.today(),
    )
    document = plan.to_dict()
    if swapped is not None and swapped[1] not in {
        item["exercise"] for item in (document.get("routine") or {}).get("items", [])
    }:
        # The planner could not take it in (the time, the order, the history): saying
        # "you swapped" over a plan without it would hide that (t13c F4).
        names = {key: exercise.name for key, exercise in catalog.exercises.items()}
        out, into = (names.get(key, key) for key in swapped)
        raise HTTPException(
            409,
            f"{into} cannot take the place of {out} in this plan: it does not fit with "
            "the rest of your routine and what your history allows. Your plan is unchanged; "
            "choose another exercise to swap in, or keep this one.",
        )
    if swaps:
        document["swaps"] = swaps
    if swapped is not None:
        names = {key: exercise.name for key, exercise in catalog.exercises.items()}
        update = swap_update(record.document, document, plan.adjustments, names, swapped)
        document[UPDATE_KEY] = {"previous_plan": record.id, **update.to_dict()}
    elif changes:
        document[UPDATE_KEY] = {
            "previous_plan": record.id,
            "changes": [{"text": text, "safety": False} for text in changes],
            "safety": False,
        }
    new_id = store.save_plan(profile, document, record.answers_id)
    return RedirectResponse(f"/plan/{new_id}", status_code=303)


def _to_current(request: Request, record: PlanRecord) -> Response | None:
    """A change asked of an earlier plan (an old tab, a bookmark) goes to the current
    plan unmade: rebuilding from an earlier plan would set aside every change since."""
    current = current_plan(request)
    if current is None or current.id == record.id:
        return None
    return RedirectResponse(f"/plan/{current.id}", status_code=303)


@router.post("/plan/{plan_id}/adjust", response_class=HTMLResponse)
def adjust(request: Request, plan_id: int, form: CheckedForm) -> Response:
    record = own_plan(request, plan_id)
    if (elsewhere := _to_current(request, record)) is not None:
        return elsewhere
    minutes = form_int(form, "minutes", MIN_MINUTES, MAX_MINUTES)
    level = form.get("level")
    if level not in LEVELS:
        raise HTTPException(422, f"level: one of {', '.join(LEVELS)}")
    swaps = dict(record.document.get("swaps") or {})
    return _replan(request, record, minutes=minutes, level=level, swaps=swaps)


@router.post("/plan/{plan_id}/swap", response_class=HTMLResponse)
def swap(request: Request, plan_id: int, form: CheckedForm) -> Response:
    record = own_plan(request, plan_id)
    if (elsewhere := _to_current(request, record)) is not None:
        return elsewhere
    routine = record.document.get("routine")
    if not routine:
        raise HTTPException(409, "This plan has no routine to change.")
    old, new = str(form.get("exercise", "")), str(form.get("replacement", ""))
    answers = complete_answers(request, record)
    if answers is None:
        return RedirectResponse("/start", status_code=303)
    catalog = catalog_of(request)
    # The history as it stands now decides, even if it changed since the page was shown.
    now_kept_out = adaptation(store_of(request), profile_of(request), catalog).adjustments()
    document = {
        **record.document,
        "kept_out": sorted(stored_kept_out(record.document) | now_kept_out.not_for_swapping_in),
    }
    allowed = {e.id for e in alternatives(catalog, answers, document, old)}
    if old not in {item["exercise"] for item in routine["items"]} or new not in allowed:
        raise HTTPException(
            422, 'That exercise cannot be swapped in here: choose one listed under "Swap for".'
        )
    swaps = {**(record.document.get("swaps") or {}), old: new}
    return _replan(
        request,
        record,
        minutes=routine["minutes_requested"],
        level=routine["level"],
        swaps=swaps,
        swapped=(old, new),
    )


@router.post("/plan/{plan_id}/keep-previous", response_class=HTMLResponse)
def keep_previous_plan(request: Request, plan_id: int, form: CheckedForm) -> Response:
    """Decline an update that is not safety-related: the plan it replaced is current
    again, and stays so until the history changes the plan further."""
    record = own_plan(request, plan_id)
    kept = keep_previous(request, record)
    if kept is None:
        raise HTTPException(
            409,
            "The earlier plan cannot be kept: this change is about your safety, or this "
            "is no longer your current plan.",
        )
    return RedirectResponse(f"/plan/{kept}", status_code=303)


@router.post("/plan/{plan_id}/session", response_class=HTMLResponse)
def start_session(request: Request, plan_id: int, form: CheckedForm) -> Response:
    record = own_plan(request, plan_id)
    warning = standing_warning(request)
    if warning is not None:
        return warning_page(request, warning, status=409)
    if not record.document.get("routine"):
        raise HTTPException(409, "This plan has no routine to play.")
    if warning_signs_due(request, record):
        return RedirectResponse("/start", status_code=303)
    current = current_plan(request)
    if current is not None and current.id != record.id:
        # An earlier plan (an old tab, a bookmark): the session is of the current plan.
        return RedirectResponse(f"/plan/{current.id}#start-session", status_code=303)
    if answers_to_check(request, record):
        return RedirectResponse("/start", status_code=303)
    pain = form_int(form, "pain_before", 0, 10)
    session_id = store_of(request).start_session(profile_of(request), plan_id, pain)
    return RedirectResponse(f"/session/{session_id}", status_code=303)
