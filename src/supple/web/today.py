"""The home page's "today" card for a person who comes back: today's session or "done
today", the streak, the next reminder, and a way straight into the player.

The next reminder is known only on a device that downloaded the reminders: that
download leaves a cookie with the chosen days, time and weeks (no health data), and
the card works out the next one from it with the calendar's own schedule rules.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from fastapi import Request

from supple.calendar.schedule import ScheduleError, next_reminder, parse_schedule, parse_time
from supple.dosage import span
from supple.history import load_history, progress
from supple.planning.stored import stored_escalation
from supple.player.finish import AFTER_IT_HURT, ended_by_leg_pain, hurt_by_pain_stop, may_praise
from supple.progress.flare_ups import bad_day_today
from supple.store import PlanRecord, SessionRecord, StepEventRecord
from supple.web.deps import profile_of, store_of
from supple.web.living import session_to_continue
from supple.web.routes.pages_downloads import REMINDER_COOKIE


def reminder_from_cookie(text: str | None, now: datetime) -> datetime | None:
    """The next reminder the cookie's schedule sets off, or None (none, bad or over)."""
    parts = (text or "").split("|")
    if len(parts) != 4 or not parts[2].isdigit():
        return None
    try:
        schedule = parse_schedule(parts[0].replace("+", ","), int(parts[2]))
        at = parse_time(parts[1])
        start = date.fromisoformat(parts[3])
    except (ScheduleError, ValueError):
        return None
    return next_reminder(schedule, start, at, now)


def all_steps_recorded(
    request: Request, record: SessionRecord, events: Sequence[StepEventRecord]
) -> bool:
    """Whether only the rating is left: the player's resume point is past the last step
    of the session's recorded ``events``, or pain spread down the leg (that always ends
    the session: the finish screen and then the warning-sign questions come next, never
    the rest of the routine)."""
    from supple.web.deps import own_plan
    from supple.web.routes.api_records import plan_timeline

    if ended_by_leg_pain(events):
        return True
    steps = plan_timeline(request, own_plan(request, record.plan_id)).steps
    return bool(events) and events[-1].index + 1 >= len(steps)


def praise_today(request: Request, profile: str, today: date) -> bool:
    """Whether every session begun today may be praised (``supple.player.finish``).

    One session that hurt is enough to hold back the "well done" and the invitation
    to do another one the same day.
    """
    store = store_of(request)
    begun = [s for s in store.sessions(profile) if s.started_at.astimezone().date() == today]
    return bool(begun) and all(
        may_praise(
            stopped_for_pain=hurt_by_pain_stop(store.step_events(s.id)),
            ratings=[r.rating for r in store.ratings(s.id)],
            pain_before=s.pain_before,
            pain_after=s.pain_after,
        )
        for s in begun
    )


def today_card(request: Request, plan: PlanRecord) -> dict[str, Any] | None:
    """What the card shows, or None when the plan has no routine to play today."""
    from supple.web.routes.pages_plan import answers_to_check
    from supple.web.routes.pain_stops import open_stop_steps, stopped_context
    from supple.web.session_gate import warning_signs_due

    routine = plan.document.get("routine")
    if not routine or plan.document["screen"].get("unanswered") or answers_to_check(request, plan):
        return None
    store, profile = store_of(request), profile_of(request)
    unfinished = session_to_continue(request, plan)
    events = store.step_events(unfinished.id) if unfinished is not None else []
    stopped = (
        stopped_context(request, unfinished)
        if unfinished is not None and open_stop_steps(request, unfinished) is not None
        else None
    )
    to_rate = (
        unfinished is not None
        and stopped is None
        and all_steps_recorded(request, unfinished, events)
    )
    leg_ended = ended_by_leg_pain(events)
    today = date.today()
    summary = progress(store, profile, today)
    done_today = any(point.day == today and point.completed for point in summary.pain)
    history = load_history(store, profile)
    now = datetime.now()
    reminder = reminder_from_cookie(request.cookies.get(REMINDER_COOKIE), now)
    return {
        "plan_id": plan.id,
        "unfinished": unfinished,
        "stopped": stopped,
        "to_rate": to_rate,
        "leg_ended": leg_ended,
        "done_today": done_today,
        # The advice to see a GP or physiotherapist outweighs "well done, another one
        # is fine": no praise and no invitation while it stands.
        "escalation": bool(stored_escalation(plan.document)),
        "after_hurt": AFTER_IT_HURT,
        "praise": done_today
        and not stored_escalation(plan.document)
        and praise_today(request, profile, today),
        # After a stop for pain down the leg: the questions come before any session.
        "questions_due": unfinished is None and warning_signs_due(request, plan),
        # A flare-up or a pain stop today: the gentle routine first, the full session second.
        "bad_day": bad_day_today(history.flare_ups, history.sessions, today),
        "streak": summary.streak,
        "exercises": len(routine.get("items", [])),
        "time": span(int(routine.get("estimated_seconds") or 0)),
        "reminder": reminder,
        "reminder_today": reminder is not None and reminder.date() == today,
    }
