"""May a session of this plan start now? One rule for the terminal and the web (issue 13).

After a stop for pain that spread down the leg, the warning-sign questions must be
answered again before the next session; and a plan made before the history changed
what the plan should be (a pain stop, a ``hard`` or ``painful`` rating in a session
after it was made, or an exercise the history now leaves out or replaces) must be
rebuilt first, so the exercise that hurt is never simply played again. The shells say
how to do each (``supple start`` / ``supple plan``, or the web pages); the core says
whether and why.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from supple.planning.history import History

RefusalCause = Literal["warning_signs_due", "plan_stale"]

# Plain words for a person in pain (the physiotherapist's review, SHOULD-12).
WARNING_SIGNS_DUE = (
    "your last session stopped because pain spread down your leg, so answer the "
    "warning-sign questions again before you start"
)
PLAN_STALE = (
    "your plan needs updating first, because an exercise hurt or felt too hard in a recent session"
)


@dataclass(frozen=True)
class SessionRefusal:
    """Why a session cannot start yet: ``cause`` for code, ``reason`` in plain words."""

    cause: RefusalCause
    reason: str


def session_may_start(
    history: History,
    plan_exercises: Collection[str],
    today: date,
    *,
    plan_made_at: datetime | None = None,
) -> SessionRefusal | None:
    """None when a session of the plan may start; otherwise why not.

    ``plan_exercises`` are the plan's exercise ids; ``plan_made_at`` when it was saved
    (None for a plan file: then only the exercises are checked). The warning-sign
    questions come first: answering them also rebuilds the plan.
    """
    # progress depends on planning, so it is imported when used.
    from supple.planning import adaptation_for
    from supple.progress.adapt import needs_recheck

    if needs_recheck(history.sessions, history.warning_signs_answered):
        return SessionRefusal("warning_signs_due", WARNING_SIGNS_DUE)
    if plan_made_at is not None and any(
        s.started_at is not None and s.started_at > plan_made_at and (s.stops or s.rated_too_much)
        for s in history.sessions
    ):
        return SessionRefusal("plan_stale", PLAN_STALE)
    from supple.catalog import default_catalog

    adjustments = adaptation_for(history, default_catalog(), today).adjustments()
    if adjustments.removed & set(plan_exercises):
        return SessionRefusal("plan_stale", PLAN_STALE)
    return None


__all__ = ["PLAN_STALE", "WARNING_SIGNS_DUE", "SessionRefusal", "session_may_start"]
