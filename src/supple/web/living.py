"""The living plan: one current plan per person, rebuilt when the history changes it.

Every way into a session (the home page, ``/play``, the plan tab, the calendar's link)
asks ``current_plan`` first. It plans again from the current plan's answers and
choices (minutes, level, swaps) with the recorded history, through the one planning
path; when that gives a different plan, the new plan is saved as the current one with
what changed and why (``supple.planning.changes``) and a link back to the plan it
replaced. Stored plans are never edited, so every session still points at the routine
that was played.

A plan the person chose to keep over an update (not safety-related) carries the
fingerprint of the update it declined, and is not rebuilt again until the history
changes the plan further.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import Request

from supple.answers import Answers, AnswersError, read_answers
from supple.history import stored_plan_for
from supple.planning.changes import fingerprint, plan_update
from supple.store import PlanRecord, SessionRecord
from supple.web.deps import catalog_of, profile_of, store_of

# Keys of a stored plan document that are the web's bookkeeping, not the plan itself.
UPDATE_KEY = "update"  # {"previous_plan": id, "changes": [...], "safety": bool}
KEPT_KEY = "kept_over"  # the fingerprint of the update the person declined
SWAPS_KEY = "swaps"


def _answers(request: Request, record: PlanRecord) -> Answers | None:
    if record.answers_id is None:
        return None
    saved = store_of(request).get_answers(record.answers_id)
    if saved is None:
        return None
    try:
        answers = read_answers(saved.document)
    except AnswersError:
        return None
    return answers if isinstance(answers, Answers) else None


def current_plan(request: Request, today: dt.date | None = None) -> PlanRecord | None:
    """The person's current plan, rebuilt first if their history now changes it."""
    store, profile = store_of(request), profile_of(request)
    record = store.latest_plan(profile)
    if record is None:
        return None
    routine = record.document.get("routine")
    answers = _answers(request, record)
    if not routine or answers is None or record.document["screen"].get("unanswered"):
        return record
    catalog = catalog_of(request)
    swaps = dict(record.document.get(SWAPS_KEY) or {})
    planned = stored_plan_for(
        store,
        profile,
        answers,
        catalog,
        today=today,
        minutes=routine["minutes_requested"],
        level=routine["level"],
        swaps=swaps,
    )
    candidate = planned.to_dict()
    if record.document.get(KEPT_KEY) == fingerprint(candidate):
        return record
    names = {key: exercise.name for key, exercise in catalog.exercises.items()}
    update = plan_update(record.document, candidate, planned.adjustments, names)
    if update is None:
        return record
    document: dict[str, Any] = {
        **candidate,
        UPDATE_KEY: {"previous_plan": record.id, **update.to_dict()},
    }
    if swaps:
        document[SWAPS_KEY] = swaps
    new_id = store.save_plan(profile, document, record.answers_id)
    return store.get_plan(new_id) or record


def keep_previous(request: Request, record: PlanRecord) -> int | None:
    """Make the plan an update replaced current again; None when the update may not be
    declined (it is safety-related, or ``record`` is no longer the current plan) or
    names no earlier plan of this person."""
    update = record.document.get(UPDATE_KEY) or {}
    previous_id = update.get("previous_plan")
    if update.get("safety", True) or not isinstance(previous_id, int):
        return None
    store, profile = store_of(request), profile_of(request)
    latest = store.latest_plan(profile)
    previous = next((p for p in store.plans(profile) if p.id == previous_id), None)
    if previous is None or latest is None or latest.id != record.id:
        return None  # only the current plan's update may be declined
    document = {
        key: value for key, value in previous.document.items() if key not in (UPDATE_KEY, KEPT_KEY)
    }
    document[KEPT_KEY] = fingerprint(record.document)
    return store.save_plan(profile, document, previous.answers_id)


def session_to_continue(request: Request, plan: PlanRecord) -> SessionRecord | None:
    """The session home and ``/play`` continue: the person's latest session, while it is
    unfinished, when it is of ``plan`` or was begun today (the living plan may have been
    rebuilt since, by a pain stop in that very session). One rule for both ways in."""
    latest = store_of(request).latest_unfinished_session(profile_of(request))
    if latest is None:
        return None
    if latest.plan_id == plan.id or latest.started_at.astimezone().date() == dt.date.today():
        return latest
    return None


def plan_date(record: PlanRecord) -> str:
    """``3 Dec``: how pages name a plan (never by its number)."""
    day = record.created_at.astimezone()
    return f"{day.day} {day.strftime('%b')}"


__all__ = ["current_plan", "keep_previous", "plan_date", "session_to_continue"]
