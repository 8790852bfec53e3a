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

from supple.catalog import default_catalog
from supple.cli import cli
from supple.store import open_store
from web_fixtures import LOOPBACK_CLIENT, app_for_tests

FIXTURES = Path(__file__).parent / "fixtures" / "answers"
NAMES = {key: e.name for key, e in default_catalog().exercises.items()}
PROFILE = "me"


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
