"""Whether the newest warning-sign answer outweighs every plan made before it.

An emergency or urgent answer builds no plan, so the newest plan is one made from
older answers. Offering its routine would tell someone who has just said "I have
numbness in both legs" to go and stretch. The outcome stands until a complete set of
answers is saved after it (the questions answered again, and the screen of those
answers then decides); a tie goes to the warning, the safer side.
"""

from __future__ import annotations

from datetime import datetime

# Levels after which no routine is offered and the person is sent for help first.
STANDING_LEVELS = ("emergency", "urgent")


def outcome_stands(level: str, said_at: datetime, answers_saved_at: datetime | None) -> bool:
    """True when a screen outcome of ``level``, given at ``said_at``, still outweighs the
    plans: it is a warning level and no complete answers were saved after it."""
    if level not in STANDING_LEVELS:
        return False
    return answers_saved_at is None or answers_saved_at <= said_at


def standing_refusal(level: str, said_at: datetime, again: str) -> str:
    """Why no routine is handed out while a warning stands, and what to do, in one
    sentence every shell shows (``again`` names where to answer the questions anew:
    ``supple start`` in a terminal, /start on the web)."""
    what = "an emergency" if level == "emergency" else "urgent help"
    when_said = said_at.astimezone().strftime("%d %B at %H:%M").lstrip("0")
    return (
        f"your answers on {when_said} need {what} before any exercise, so no routine is "
        f"given out: get that help first, then answer the questions again with {again}."
    )
