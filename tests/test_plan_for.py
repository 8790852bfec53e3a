"""The one planning function with a history: the escalation leads every plan and blocks
any level-up, and swaps offer only what answers, precautions and history allow (issue 13)."""

from __future__ import annotations

import io
import json
from datetime import datetime, timedelta
from pathlib import Path

from rich.console import Console

from session_logs import MONDAY, fresh_answers, log, spread, weeks_of
from supple.answers import Answers, parse_answers
from supple.catalog import default_catalog
from supple.cli.plan import render_plan
from supple.documents import plan_document
from supple.handout.export import handout_html
from supple.planning import History, Plan, PlanMark, build_plan, plan_for
from supple.planning.history_notes import recheck_text
from supple.planning.swaps import swap_candidates
from supple.progress import CheckIn

CATALOG = default_catalog()
ANSWERS = Path(__file__).parent / "fixtures" / "answers" / "ok.json"


def answers() -> Answers:
    return parse_answers(json.loads(ANSWERS.read_text(encoding="utf-8")))


def rising() -> tuple[History, object]:
    """Pain before sessions climbing from 3 to 8: the issue's case."""
    sessions, today = weeks_of([[3, 3, 3], [5, 6, 6], [8, 8, 8]])
    history = History(
        sessions=tuple(sessions),
        plans=(PlanMark(MONDAY, "beginner", ("bird-dog",)),),
        warning_signs_answered=fresh_answers(today),
    )
    return history, today


def text_of(plan: Plan) -> str:
    out = io.StringIO()
    console = Console(file=out, width=120, color_system=None)
    for part in render_plan(plan):
        console.print(part)
    return out.getvalue()


def test_an_empty_history_plans_as_build_plan_does() -> None:
    assert plan_for(answers(), History(), MONDAY).to_dict() == (
        build_plan(answers(), CATALOG, today=MONDAY).to_dict()
    )


def test_rising_pain_leads_the_plan_in_every_form() -> None:
    history, today = rising()
    plan = plan_for(answers(), history, today)  # type: ignore[arg-type]
    assert plan.escalation is not None
    assert plan.escalation.startswith(
        "Book an appointment with a GP or physiotherapist in the next week or two"
    )
    document = plan_document(plan).to_json()
    assert list(document)[:2] == ["version", "escalation"]
    assert document["escalation"] == plan.escalation
    assert plan.advice[0] == plan.escalation
    assert not any("steady practice" in a or "move up" in a for a in plan.advice)
    # The terminal shows it before the screen panel and the routine.
    shown = text_of(plan)
    assert shown.index("Please read first") < shown.index("Your routine")
    assert shown.index("Book an appointment with a GP") < shown.index("Your routine")
    # The printed handout puts it before the safety box and the exercises.
    sheet = handout_html(document, made_on=MONDAY)
    assert "Please read this first" in sheet
    assert sheet.index("Book an appointment with a GP") < sheet.index("Safety first")


def test_an_earned_level_up_is_not_offered_while_a_check_in_escalates() -> None:
    sessions = spread(6, 14, before=2, after=2)
    today = max(s.day for s in sessions)
    calm = History(
        sessions=tuple(sessions),
        plans=(PlanMark(MONDAY, "beginner", ("bird-dog",)),),
        warning_signs_answered=fresh_answers(today),
    )
    offered = plan_for(answers(), calm, today)
    assert offered.escalation is None
    assert any(a.startswith("Good, steady practice") for a in offered.advice)
    worse = History(
        sessions=calm.sessions,
        checkins=(CheckIn(MONDAY, 2, 2, 2), CheckIn(MONDAY + timedelta(7), 5, 5, 5)),
        plans=calm.plans,
        warning_signs_answered=calm.warning_signs_answered,
    )
    held = plan_for(answers(), worse, today)
    assert held.escalation is not None and held.advice[0] == held.escalation
    assert not any("move up" in a for a in held.advice)


def test_a_leg_pain_stop_asks_the_questions_again_until_they_are_answered() -> None:
    stopped = log(MONDAY, leg=("figure-four",), started_at=datetime(2026, 1, 5, 9))
    before = History(sessions=(stopped,), warning_signs_answered=datetime(2026, 1, 4, 9))
    plan = plan_for(answers(), before, MONDAY)
    assert recheck_text("leg_pain_stop") in plan.advice
    assert "figure-four" in plan.kept_out
    answered = History(sessions=(stopped,), warning_signs_answered=datetime(2026, 1, 5, 10))
    again = plan_for(answers(), answered, MONDAY)
    assert recheck_text("leg_pain_stop") not in again.advice
    assert "figure-four" in again.kept_out  # the movement stays out all the same


def test_a_swap_never_offers_what_the_history_keeps_out() -> None:
    # Issue 13: a swap offered exercises the history had excluded.
    history = History(
        sessions=(
            log(MONDAY, stopped=("clamshell",)),
            log(MONDAY + timedelta(1), stopped=("clamshell",)),
        )
    )
    plan = plan_for(answers(), history, MONDAY + timedelta(1))
    assert plan.routine is not None
    assert "clamshell" in plan.kept_out
    for item in plan.routine.items:
        offered = swap_candidates(
            CATALOG,
            answers(),
            item.exercise,
            level=plan.routine.level,
            gentle=plan.routine.gentle,
            in_routine={i.exercise for i in plan.routine.items},
            kept_out=plan.kept_out,
        )
        assert not {e.id for e in offered} & set(plan.kept_out)
    side_kind = CATALOG.exercises["clamshell"].kind
    same = next(i for i in plan.routine.items if CATALOG.exercises[i.exercise].kind == side_kind)
    without_history = swap_candidates(
        CATALOG,
        answers(),
        same.exercise,
        level=plan.routine.level,
        gentle=plan.routine.gentle,
        in_routine={i.exercise for i in plan.routine.items},
    )
    assert "clamshell" in {e.id for e in without_history}  # the history is what keeps it out
