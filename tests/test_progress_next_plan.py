"""A progress report's "your next plan" is the next plan itself (issue 13): the changes
the planner really makes (``supple.planning.settle``), worded in the plan's own sentences,
and the level-up offer the plan makes, in ``supple progress`` (text and ``--json``),
``GET /api/progress`` and the web progress page alike."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from session_logs import MONDAY, fresh_answers, log
from supple.answers import parse_answers
from supple.catalog import default_catalog
from supple.cli import cli
from supple.planning import History, PlanMark, plan_for, plan_with_adaptation
from supple.planning.routine import Routine
from supple.progress import SessionLog
from supple.progress.log import Rating
from supple.progress.next_plan import as_planned
from supple.store import open_store
from web_fixtures import LOOPBACK_CLIENT, app_for_tests

FIXTURES = Path(__file__).parent / "fixtures" / "answers"
NAMES = {key: e.name for key, e in default_catalog().exercises.items()}
PROFILE = "me"
FILES = ["ok.json", "caution.json"]


@pytest.fixture
def client() -> Iterator[TestClient]:
    with TestClient(app_for_tests(), client=LOOPBACK_CLIENT) as test_client:
        yield test_client


def cli_out(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def plan_now(fixture: str) -> dict[str, Any]:
    """What ``supple plan`` shows for these answers today, with the recorded history."""
    answers = str(FIXTURES / fixture)
    return json.loads(cli_out("plan", "--answers", answers, "--json", "--no-save"))


def save_plan(fixture: str, *, days_ago: int = 0) -> int:
    """The answers and the plan made from them, kept ``days_ago`` days back; the plan's id."""
    raw = json.loads((FIXTURES / fixture).read_text(encoding="utf-8"))
    document = plan_now(fixture)
    when = datetime.now(UTC) - timedelta(days=days_ago)
    with open_store() as store:
        return store.save_answers_and_plan(PROFILE, raw, document, now=when)[1]


def session(
    plan_id: int,
    days_ago: int,
    *,
    stopped: tuple[str, ...] = (),
    rated: dict[str, str] | None = None,
    before: int = 2,
    after: int = 2,
) -> None:
    now = datetime.now(UTC) - timedelta(days=days_ago)
    with open_store() as store:
        session_id = store.start_session(PROFILE, plan_id, before, now=now)
        for index, exercise in enumerate(stopped):
            store.record_step(
                session_id,
                index=index,
                kind="hold",
                exercise=exercise,
                side=None,
                planned_seconds=30,
                actual_seconds=5,
                outcome="stopped_for_pain",
                now=now,
            )
        for exercise, rating in (rated or {}).items():
            store.rate_exercise(session_id, exercise, rating)  # type: ignore[arg-type]
        store.finish_session(session_id, status="completed", pain_after=after, now=now)


def reports(client: TestClient) -> tuple[dict[str, Any], dict[str, Any], str, str]:
    """(``supple progress --json``, ``GET /api/progress``, the progress page's words,
    ``supple progress``'s words) for the same store and day."""
    by_cli = json.loads(cli_out("progress", "--json"))
    by_api = client.get("/api/progress")
    assert by_api.status_code == 200
    page = client.get("/progress")
    assert page.status_code == 200
    text = re.sub(r"[\u2500-\u257f]", " ", cli_out("progress"))  # a panel's borders
    return by_cli, by_api.json(), flat(page.text), " ".join(text.split())


def flat(page: str) -> str:
    """The page's words, tags removed, entities decoded, whitespace collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def change_of(document: dict[str, Any], exercise: str) -> dict[str, Any]:
    found = [c for c in document["next_plan"]["changes"] if c["exercise"] == exercise]
    assert len(found) == 1, document["next_plan"]["changes"]
    return found[0]


def plan_line(plan: dict[str, Any], exercise: str) -> str:
    """The plan's own sentence about ``exercise``, without its name in front."""
    head = f"{NAMES[exercise]}: "
    found = [line for line in plan["advice"] if line.startswith(head)]
    assert len(found) == 1, plan["advice"]
    return found[0].removeprefix(head)


def items(plan: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {item["exercise"]: item for item in plan["routine"]["items"]}


def test_an_exercise_already_at_its_easier_version_is_reported_left_out(
    client: TestClient,
) -> None:
    # Gentle mode does the pelvic tilt as its smaller tilt already; the history alone
    # says "regress to the smaller tilt", the plan leaves it out. The report says so.
    plan_id = save_plan("caution.json", days_ago=1)
    assert items(plan_now("caution.json"))["pelvic-tilt"]["variant"] == "Smaller tilt"
    session(plan_id, 1, stopped=("pelvic-tilt",))
    plan = plan_now("caution.json")
    assert "pelvic-tilt" not in items(plan)
    sentence = plan_line(plan, "pelvic-tilt")
    assert "left out for now" in sentence
    by_cli, by_api, page, text = reports(client)
    assert by_cli == by_api
    change = change_of(by_cli, "pelvic-tilt")
    assert change["action"] == "leave_out"
    assert change["replacement"] is None and change["replacement_variant"] is None
    assert change["reason"] == sentence
    assert change["why"]["cause"] == "stopped_once"
    assert f"Pelvic tilt: {sentence}" in page
    assert f"Pelvic tilt: {sentence}" in text
    assert "done as its easier version for now, Smaller tilt" not in page + text


def test_a_step_down_at_the_beginner_minimum_is_reported_as_the_easier_variant(
    client: TestClient,
) -> None:
    plan_id = save_plan("ok.json", days_ago=1)
    session(plan_id, 1, rated={"glute-bridge": "painful"})
    plan = plan_now("ok.json")
    assert items(plan)["glute-bridge"]["variant"] == "Small lift"
    sentence = plan_line(plan, "glute-bridge")
    assert sentence == (
        "Rated painful once: already at its easiest dose, so done as its easier version "
        "for now, Small lift."
    )
    by_cli, by_api, page, text = reports(client)
    assert by_cli == by_api
    change = change_of(by_cli, "glute-bridge")
    assert change["action"] == "regress"
    assert change["replacement"] is None
    assert change["replacement_variant"] == "Small lift"
    assert change["reason"] == sentence
    assert f"Glute bridge: {sentence}" in page
    assert f"Glute bridge: {sentence}" in text
    assert "one step easier" not in page + text


def test_every_change_in_the_report_is_a_sentence_of_the_plan(client: TestClient) -> None:
    plan_id = save_plan("ok.json", days_ago=3)
    session(plan_id, 3, stopped=("glute-bridge",))
    session(plan_id, 2, rated={"pelvic-tilt": "hard"})
    session(plan_id, 1, stopped=("childs-pose",))
    plan = plan_now("ok.json")
    by_cli, by_api, _, _ = reports(client)
    assert by_cli == by_api
    said = [f"{NAMES[c['exercise']]}: {c['reason']}" for c in by_cli["next_plan"]["changes"]]
    assert said
    assert set(said) <= set(plan["advice"])
    left_out = {c["exercise"] for c in by_cli["next_plan"]["changes"] if c["action"] == "leave_out"}
    assert left_out <= set(plan["kept_out"])
    assert not left_out & set(items(plan))


def test_the_level_up_offer_in_the_report_is_the_plans(client: TestClient) -> None:
    plan_id = save_plan("ok.json", days_ago=20)
    for days_ago in (16, 13, 10, 7, 4, 1):
        session(plan_id, days_ago)
    plan = plan_now("ok.json")
    offers = [line for line in plan["advice"] if line.startswith("Good, steady practice")]
    assert len(offers) == 1
    by_cli, by_api, page, text = reports(client)
    assert by_cli == by_api
    offer = by_cli["next_plan"]["level_offer"]
    assert offer is not None and offer["to_level"] == "intermediate"
    assert offer["message"] == offers[0]
    # Filled from the two real plans, not the history's guess ("Your plan lists ...").
    assert "Your plan lists what it changes" not in offer["message"]
    assert offer["message"] in page
    assert " ".join(offer["message"].split()) in text


def escalating_session(plan_id: int) -> None:
    """Two pain stops in one session and pain after 3 points above before: see someone."""
    session(plan_id, 1, stopped=("glute-bridge", "pelvic-tilt"), before=2, after=5)


def test_the_escalation_in_the_report_is_the_plans(client: TestClient) -> None:
    plan_id = save_plan("ok.json", days_ago=1)
    escalating_session(plan_id)
    plan = plan_now("ok.json")
    assert plan["escalation"]
    by_cli, by_api, page, text = reports(client)
    assert by_cli == by_api
    assert by_cli["next_plan"]["see_clinician"] == plan["escalation"]
    assert by_cli["next_plan"]["level_offer"] is None
    assert plan["escalation"] in page
    assert " ".join(plan["escalation"].split()) in text


def test_without_answers_the_report_keeps_the_escalation_and_plans_nothing(
    client: TestClient,
) -> None:
    # A plan kept without its answers (as an import may leave it): no next plan can be
    # made, so nothing is said about its exercises, but the history's advice to see
    # someone, the exercises to have checked and the warning-sign questions stand.
    document = plan_now("ok.json")
    with open_store() as store:
        plan_id = store.save_plan(PROFILE, document, now=datetime.now(UTC) - timedelta(days=2))
    session(plan_id, 2, stopped=("bird-dog",))
    escalating_session(plan_id)
    by_cli, by_api, page, text = reports(client)
    assert by_cli == by_api
    upcoming = by_cli["next_plan"]
    assert upcoming["changes"] == [] and upcoming["level_offer"] is None
    assert upcoming["see_clinician"] and upcoming["see_clinician"].startswith("Book an appointment")
    assert upcoming["have_checked"] == []
    assert upcoming["see_clinician"] in page
    assert " ".join(upcoming["see_clinician"].split()) in text


# The core: every change the report gives is what the plan does ------------------------

CORE_ANSWERS = {name: parse_answers(json.loads((FIXTURES / name).read_text())) for name in FILES}


def first_routine(answers: Any) -> Routine:
    routine = plan_for(answers, History(), MONDAY).routine
    assert routine is not None
    return routine


PLANNED = sorted(
    {item.exercise for answers in CORE_ANSWERS.values() for item in first_routine(answers).items}
    | {"bird-dog", "childs-pose", "knee-to-chest"}
)
RATINGS: tuple[Rating, ...] = ("right", "hard", "painful")


@st.composite
def sessions(draw: st.DrawFn) -> tuple[SessionLog, ...]:
    out = []
    for day in range(draw(st.integers(1, 3))):
        stopped = draw(st.lists(st.sampled_from(PLANNED), max_size=2, unique=True))
        rated = draw(st.dictionaries(st.sampled_from(PLANNED), st.sampled_from(RATINGS)))
        leg = draw(st.lists(st.sampled_from(PLANNED), max_size=1)) if day == 0 else []
        out.append(
            log(
                MONDAY + timedelta(days=day),
                stopped=tuple(stopped),
                leg=tuple(leg) if draw(st.integers(0, 4)) == 0 else (),
                ratings={k: v for k, v in rated.items() if k not in stopped},
            )
        )
    return tuple(out)


@settings(max_examples=80, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(FILES), sessions())
def test_each_reported_change_is_what_the_plan_does(fixture: str, logs: Any) -> None:
    last = max(s.day for s in logs)
    history = History(
        sessions=logs,
        plans=(PlanMark(MONDAY, "beginner", ()),),
        warning_signs_answered=fresh_answers(last),
    )
    plan, adapted = plan_with_adaptation(CORE_ANSWERS[fixture], history, last)
    assert plan == plan_for(CORE_ANSWERS[fixture], history, last)
    report = as_planned(adapted, plan, NAMES)
    assert plan.routine is not None
    routine = {item.exercise: item for item in plan.routine.items}
    assert len({c.exercise for c in report.changes}) == len(report.changes)
    for change in report.changes:
        assert f"{NAMES[change.exercise]}: {change.reason}" in plan.advice
        if change.action == "leave_out":
            assert change.exercise not in routine
        elif change.action == "step_down":
            assert change.exercise in routine and change.steps > 0
        elif change.replacement is not None:
            assert change.exercise not in routine and change.replacement in routine
            assert routine[change.replacement].variant == change.replacement_variant
        else:
            assert change.replacement_variant is not None
            assert routine[change.exercise].variant == change.replacement_variant
    # What the history says whatever the plan is, is never lost.
    assert report.message == adapted.message == plan.escalation
    assert report.recheck == adapted.recheck and report.have_checked == adapted.have_checked
    assert report.offer == plan.adjustments.level_up
