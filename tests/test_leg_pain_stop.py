"""A stop for pain spreading down the leg is recorded with its kind, through the API and
the store, and then reaches the next plan (issue 13): the warning-sign questions are
asked again before the next session, and every exercise of the same movement class as
the stopped one is left out, not just that exercise."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from supple.catalog import default_catalog
from web_fixtures import LOOPBACK_CLIENT, app_for_tests

ANSWERS = json.loads(
    (Path(__file__).parent / "fixtures" / "answers" / "ok.json").read_text(encoding="utf-8")
)
CATALOG = default_catalog()


@pytest.fixture
def client() -> Iterator[TestClient]:
    with TestClient(app_for_tests(), client=LOOPBACK_CLIENT) as test_client:
        yield test_client


def stop_first_exercise(client: TestClient, outcome: str) -> tuple[str, dict[str, Any]]:
    """Plan, start a session, play up to the first exercise with classes, stop it."""
    plan = client.post("/api/plan", json=ANSWERS)
    plan_id = int(plan.headers["location"].rsplit("/", 1)[1])
    started = client.post("/api/sessions", json={"plan_id": plan_id, "pain_before": 3})
    session = started.json()
    url = f"/api/sessions/{session['session']['id']}/steps"
    for index, step in enumerate(session["timeline"]["steps"]):
        exercise = step["exercise"] or None
        stop = exercise is not None and bool(CATALOG.exercises[exercise].movement_classes)
        body = {
            "index": index,
            "kind": step["kind"],
            "exercise": exercise,
            "side": step["side"],
            "planned_seconds": step["seconds"],
            "actual_seconds": 1,
            "outcome": outcome if stop else "done",
        }
        assert client.post(url, json=body).status_code == 201
        if stop:
            assert exercise is not None
            finished = client.post(
                f"/api/sessions/{session['session']['id']}/finish",
                json={"status": "quit", "pain_after": 4},
            )
            assert finished.status_code == 200
            return exercise, plan.json()
    raise AssertionError("the plan has no exercise with movement classes")


def sharing(exercise: str) -> set[str]:
    classes = set(CATALOG.exercises[exercise].movement_classes)
    return {
        key for key, other in CATALOG.exercises.items() if classes & set(other.movement_classes)
    }


def test_a_leg_pain_stop_is_kept_with_its_kind(client: TestClient) -> None:
    exercise, _ = stop_first_exercise(client, "stopped_leg_pain")
    sessions = client.get("/api/sessions").json()
    state = client.get(f"/api/sessions/{sessions[-1]['id']}").json()
    assert [e["outcome"] for e in state["events"]][-1] == "stopped_leg_pain"
    assert state["events"][-1]["exercise"] == exercise
    progress = client.get("/api/progress").json()
    assert progress["progress"]["stopped_for_pain"][0]["exercise"] == exercise


def test_the_next_plan_leaves_out_the_whole_movement_and_asks_the_questions_again(
    client: TestClient,
) -> None:
    exercise, before = stop_first_exercise(client, "stopped_leg_pain")
    left_out = sharing(exercise)
    assert len(left_out) > 1  # the rule reaches more than the stopped exercise
    after = client.post("/api/plan", json=ANSWERS, params={"save": "false"}).json()
    chosen = {item["exercise"] for item in after["routine"]["items"]}
    assert not chosen & left_out
    assert any("warning-sign questions" in line for line in after["advice"])
    next_plan = client.get("/api/progress").json()["adaptation"]
    assert next_plan["ask_warning_signs_again"] == ["leg_pain_stop"]
    assert {c["exercise"] for c in next_plan["changes"] if c["action"] == "leave_out"} >= left_out
    assert before["routine"] is not None


def test_a_sharp_pain_stop_leaves_out_only_that_exercise(client: TestClient) -> None:
    exercise, _ = stop_first_exercise(client, "stopped_for_pain")
    next_plan = client.get("/api/progress").json()["adaptation"]
    assert next_plan["ask_warning_signs_again"] == []
    assert [c["exercise"] for c in next_plan["changes"]] == [exercise]
