"""The session log document (``supple history --json``): every session as it went.

The aggregation lives here, in the core, not in the command: a session's steps done and
skipped, its active time, the exercises stopped for pain (sharp or down the leg) and
how each exercise felt, from the plain rows the store hands out.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal

from pydantic import Field

from supple.documents.base import Document
from supple.player.finish import PAIN_STOPS

SESSION_LOG_VERSION: Literal[1] = 1
DateTime = Field(json_schema_extra={"format": "date-time"})
StepRow = tuple[int, str, str | None, float]  # session id, outcome, exercise, seconds


class SessionEntry(Document):
    id: int
    profile: str
    plan_id: int
    started_at: str = DateTime
    ended_at: str | None = DateTime
    status: Literal["in_progress", "completed", "quit"]
    pain_before: int
    pain_after: int | None
    note: str | None
    steps_done: int
    steps_skipped: int
    active_seconds: float
    stopped_for_pain: list[str] = Field(description="Every exercise stopped for pain.")
    stopped_leg_pain: list[str] = Field(
        default_factory=list, description="Those stopped because the pain spread down the leg."
    )
    leg_pain_uncounted: bool = Field(
        False,
        description="Stopped for pain down the leg during get-ready or a change of position, "
        "said not to come from the exercise about to start: no exercise is blamed, but the "
        "warning-sign questions are asked again.",
    )
    ratings: dict[str, Literal["easy", "right", "hard", "painful"]]


class SessionLogDocument(Document):
    version: Literal[1] = SESSION_LOG_VERSION
    profile: str
    sessions: list[SessionEntry]


def session_entry(
    session: Mapping[str, Any], steps: Sequence[tuple[str, str | None, float]], ratings: Any
) -> SessionEntry:
    """One session's line: its record (as ``to_dict``), its steps (outcome, exercise,
    seconds) in the order they ended, and its ratings (exercise -> rating)."""
    stopped = sorted({ex for outcome, ex, _ in steps if outcome in PAIN_STOPS and ex})
    leg = sorted({ex for outcome, ex, _ in steps if outcome == "stopped_leg_pain" and ex})
    return SessionEntry.model_validate(
        {
            **session,
            "steps_done": sum(1 for outcome, _, _ in steps if outcome == "done"),
            "steps_skipped": sum(1 for outcome, _, _ in steps if outcome == "skipped"),
            "active_seconds": round(sum(seconds for _, _, seconds in steps), 1),
            "stopped_for_pain": stopped,
            "stopped_leg_pain": leg,
            "leg_pain_uncounted": any(outcome == "leg_pain_uncounted" for outcome, _, _ in steps),
            "ratings": dict(ratings),
        }
    )


def session_log_document(
    profile: str,
    sessions: Iterable[Mapping[str, Any]],
    steps: Iterable[StepRow],
    ratings: Iterable[tuple[int, str, str]],
) -> SessionLogDocument:
    """Every session of ``profile`` (records as ``to_dict``, oldest first) with its
    steps (session id, outcome, exercise, seconds) and ratings (session id, exercise,
    rating), in one pass whatever the length of the history."""
    by_session: dict[int, list[tuple[str, str | None, float]]] = defaultdict(list)
    for session_id, outcome, exercise, seconds in steps:
        by_session[session_id].append((outcome, exercise, seconds))
    felt: dict[int, dict[str, str]] = defaultdict(dict)
    for session_id, exercise, rating in ratings:
        felt[session_id][exercise] = rating
    return SessionLogDocument(
        profile=profile,
        sessions=[session_entry(s, by_session[int(s["id"])], felt[int(s["id"])]) for s in sessions],
    )
