"""The newest warning-sign answer, kept and shown wherever a plan would be offered.

When an answer needs emergency or urgent help, the questionnaire builds no plan, so
the newest plan is one made from older answers. Until the questions are answered
again (a complete set of answers saved after the warning), the home page, the plan
pages, ``/play`` (where calendar reminders point) and the player show the warning in
place of any routine; the decision itself is ``screening.standing.outcome_stands``.
"""

from __future__ import annotations

from typing import Any, cast

from fastapi import HTTPException, Request
from fastapi.responses import HTMLResponse

from supple.screening import ScreenLevel, ScreenResult, default_rules, level_action
from supple.screening.standing import STANDING_LEVELS, standing_refusal
from supple.store.records import ScreenOutcomeRecord
from supple.web.deps import profile_of, render, store_of


def record_outcome(request: Request, result: ScreenResult) -> None:
    """Keep an emergency or urgent outcome, so it outweighs every older plan."""
    if result.level not in STANDING_LEVELS:
        return
    reasons = [
        {**reason.to_dict(), "label": reason.label}
        for reason in result.reasons
        if reason.level in STANDING_LEVELS
    ]
    store_of(request).save_screen_outcome(profile_of(request), result.level, reasons)


def standing_warning(request: Request) -> ScreenOutcomeRecord | None:
    """The warning that still outweighs the plans, or None."""
    return store_of(request).standing_outcome(profile_of(request))


def warning_context(outcome: ScreenOutcomeRecord) -> dict[str, Any]:
    """What the warning box shows: the level's title and action, and the reasons."""
    rules = default_rules()
    known = {rule.id: rule for rule in rules.rule}
    triggered = [known[r["rule"]] for r in outcome.reasons if r.get("rule") in known]
    level = cast(ScreenLevel, outcome.level)
    info = rules.levels[level] if level in rules.levels else rules.levels["emergency"]
    reasons = [r for r in outcome.reasons if r.get("level") == outcome.level]
    return {
        "warning": outcome,
        "warning_info": info,
        "warning_action": level_action(outcome.level, triggered, info.action),
        "warning_reasons": reasons,
        "warning_day": outcome.created_at.astimezone().strftime("%d %B at %H:%M"),
    }


def warning_page(request: Request, outcome: ScreenOutcomeRecord, status: int = 200) -> HTMLResponse:
    """The page shown instead of a routine while a warning stands."""
    return render(request, "standing_warning.html", warning_context(outcome), status=status)


def refuse_while_warning(request: Request) -> None:
    """For downloads and the API: no routine leaves the app while a warning stands
    (a 409 whose ApiError body says why and what to do, like any other conflict)."""
    outcome = standing_warning(request)
    if outcome is not None:
        text = standing_refusal(outcome.level, outcome.created_at, "/start")
        raise HTTPException(409, text[0].upper() + text[1:])
