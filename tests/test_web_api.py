"""The JSON API: the CLI's contracts over HTTP, and the records the session player writes."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from supple.cli import cli
from web_fixtures import LOOPBACK_CLIENT, app_for_tests

FIXTURES = Path(__file__).parent / "fixtures" / "answers"
# Version-1 documents too: they are upgraded (and get no routine) the same way by both.
ANSWER_FILES = sorted(FIXTURES.glob("*.json")) + sorted(
    FIXTURES.with_name("answers_v1").glob("*.json")
)


@pytest.fixture
def client() -> Iterator[TestClient]:
    with TestClient(app_for_tests(), client=LOOPBACK_CLIENT) as test_client:
        yield test_client


def load(name: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads((FIXTURES / f"{name}.json").read_text())
    return document


def cli_json(*args: str) -> Any:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


@pytest.mark.parametrize("path", ANSWER_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_screen_and_plan_match_the_cli_contracts(client: TestClient, path: Path) -> None:
    answers = json.loads(path.read_text())
    screened = client.post("/api/screen", json=answers)
    assert screened.status_code == 200
    assert screened.json() == cli_json("screen", "--answers", str(path), "--json")
    planned = client.post("/api/plan", json=answers, params={"save": "false"})
    assert planned.status_code == 200
    assert planned.json() == cli_json("plan", "--answers", str(path), "--json", "--no-save")


def test_plan_options_match_the_cli_options(client: TestClient) -> None:
    path = FIXTURES / "ok.json"
    planned = client.post(
        "/api/plan",
        json=load("ok"),
        params={"minutes": 30, "level": "intermediate", "save": "false"},
    )
    expected = cli_json(
        "plan",
        "--answers",
        str(path),
        "--minutes",
        "30",
        "--level",
        "intermediate",
        "--json",
        "--no-save",
    )
    assert planned.json() == expected
    assert expected["routine"]["minutes_requested"] == 30


def test_an_emergency_is_a_normal_answer_with_no_routine(client: TestClient) -> None:
    planned = client.post("/api/plan", json=load("emergency"))
    assert planned.status_code == 200
    document = planned.json()
    assert document["screen"]["level"] == "emergency"
    assert document["routine"] is None


def test_invalid_answers_are_422_with_the_cli_messages(client: TestClient) -> None:
    answers = load("ok")
    answers["pain"]["intensity"] = 11
    del answers["red_flags"]["saddle_numbness"]
    response = client.post("/api/plan", json=answers)
    assert response.status_code == 422
    problems = response.json()["problems"]
    assert problems[0] == "unanswered: red_flags.saddle_numbness"
    assert any(p.startswith("pain.intensity:") and "0 to 10" in p for p in problems)
    assert client.get("/api/plans").json() == []  # nothing saved from bad answers


def test_malformed_json_and_bad_options_name_the_problem(client: TestClient) -> None:
    broken = client.post(
        "/api/screen", content=b'{"red_flags": ', headers={"content-type": "application/json"}
    )
    assert broken.status_code == 422
    assert broken.json()["problems"][0].startswith("body: not valid JSON")
    too_long = client.post("/api/plan", json=load("ok"), params={"minutes": 90})
    assert too_long.status_code == 422
    assert too_long.json()["problems"] == [
        "query.minutes: Input should be less than or equal to 60"
    ]


def test_api_writes_must_be_json(client: TestClient) -> None:
    as_form = client.post("/api/screen", data={"red_flags": "x"})
    assert as_form.status_code == 415
    as_text = client.post("/api/sessions", content=b"{}", headers={"content-type": "text/plain"})
    assert as_text.status_code == 415


def _play(
    client: TestClient, session: dict[str, Any], upto: int | None = None, since: int = 0
) -> None:
    steps = session["timeline"]["steps"]
    for index, step in list(enumerate(steps[:upto]))[since:]:
        response = client.post(
            f"/api/sessions/{session['session']['id']}/steps",
            json={
                "index": index,
                "kind": step["kind"],
                "exercise": step["exercise"] or None,
                "side": step["side"],
                "planned_seconds": step["seconds"],
                "actual_seconds": step["seconds"] / 100,
                "outcome": "done",
            },
        )
        assert response.status_code == 201, response.text
        assert response.json()["next_index"] == index + 1


def _new_session(client: TestClient, pain_before: int = 6) -> dict[str, Any]:
    planned = client.post("/api/plan", json=load("ok"), params={"minutes": 8})
    plan_id = int(planned.headers["location"].rsplit("/", 1)[1])
    started = client.post("/api/sessions", json={"plan_id": plan_id, "pain_before": pain_before})
    assert started.status_code == 201
    session: dict[str, Any] = started.json()
    return session


def test_a_saved_plan_and_its_timeline(client: TestClient) -> None:
    planned = client.post("/api/plan", json=load("ok"))
    location = planned.headers["location"]
    stored = client.get(location).json()
    assert stored["document"] == planned.json()
    timeline = client.get(f"{location}/timeline").json()
    # One time model: the player runs exactly as long as the plan promises.
    assert timeline["total_seconds"] == planned.json()["routine"]["estimated_seconds"]
    assert sum(step["seconds"] for step in timeline["steps"]) == timeline["total_seconds"]
    assert [p["id"] for p in client.get("/api/plans").json()] == [stored["id"]]


def test_a_session_records_steps_ratings_and_its_end(client: TestClient) -> None:
    session = _new_session(client)
    session_id = session["session"]["id"]
    assert session["next_index"] == 0 and session["events"] == []
    _play(client, session, upto=3)
    resumed = client.get(f"/api/sessions/{session_id}").json()
    assert resumed["next_index"] == 3
    assert [e["index"] for e in resumed["events"]] == [0, 1, 2]
    _play(client, session, since=3)
    exercise = session["timeline"]["steps"][1]["exercise"]
    rated = client.post(
        f"/api/sessions/{session_id}/ratings", json={"exercise": exercise, "rating": "hard"}
    )
    assert rated.status_code == 200
    finished = client.post(f"/api/sessions/{session_id}/finish", json={"pain_after": 3})
    assert finished.status_code == 200
    assert finished.json()["status"] == "completed"
    assert finished.json()["pain_after"] == 3
    late = client.post(f"/api/sessions/{session_id}/finish", json={"pain_after": 2})
    assert late.status_code == 409

    progress = client.get("/api/progress").json()
    assert progress["progress"]["sessions_completed"] == 1
    assert progress["progress"]["streak_days"] == 1
    assert progress["progress"]["pain"][0]["pain_before"] == 6
    # A "hard" rating makes that exercise easier next time: a lower dose, or at the
    # lowest dose its easier version, as the next plan really does it.
    changes = progress["next_plan"]["changes"]
    easier = {c["exercise"] for c in changes if c["action"] in ("step_down", "regress")}
    assert easier == {exercise}


def test_a_session_cut_short_counts_as_quit(client: TestClient) -> None:
    session = _new_session(client)
    _play(client, session, upto=2)
    finished = client.post(f"/api/sessions/{session['session']['id']}/finish", json={})
    assert finished.json()["status"] == "quit"
    assert client.get("/api/progress").json()["progress"]["sessions_completed"] == 0


def test_step_bodies_are_checked_field_by_field(client: TestClient) -> None:
    session = _new_session(client)
    url = f"/api/sessions/{session['session']['id']}/steps"
    wrong = client.post(
        url,
        json={
            "index": 0,
            "kind": "hold",
            "planned_seconds": 10,
            "actual_seconds": -1,
            "outcome": "finished",
            "extra": 1,
        },
    )
    assert wrong.status_code == 422
    problems = wrong.json()["problems"]
    assert any(p.startswith("actual_seconds:") for p in problems)
    assert any(p.startswith("outcome:") for p in problems)
    assert any(p.startswith("extra:") for p in problems)
    steps = session["timeline"]["steps"]
    beyond = {
        "index": len(steps),
        "kind": "hold",
        "planned_seconds": 1,
        "actual_seconds": 1,
        "outcome": "done",
    }
    # Well-formed but not this session's step: a conflict with its timeline (409), which
    # the published body schema cannot show, rather than a malformed body (422).
    assert client.post(url, json=beyond).status_code == 409
    mismatch = {**beyond, "index": 0, "kind": "rest" if steps[0]["kind"] != "rest" else "hold"}
    response = client.post(url, json=mismatch)
    assert response.status_code == 409 and "kind" in response.json()["detail"]


def test_sessions_need_a_plan_with_a_routine(client: TestClient) -> None:
    emergency = client.post("/api/plan", json=load("emergency"))
    plan_id = int(emergency.headers["location"].rsplit("/", 1)[1])
    response = client.post("/api/sessions", json={"plan_id": plan_id, "pain_before": 3})
    assert response.status_code == 409
    missing = client.post("/api/sessions", json={"plan_id": 999, "pain_before": 3})
    assert missing.status_code == 404
    bad_pain = client.post("/api/sessions", json={"plan_id": plan_id, "pain_before": "3"})
    assert bad_pain.status_code == 422
    assert bad_pain.json()["problems"][0].startswith("pain_before:")


def test_weekly_checkins_are_kept_by_week_with_their_score(client: TestClient) -> None:
    saved = client.post(
        "/api/checkins", json={"week_of": "2026-11-19", "pain": 6, "enjoyment": 4, "activity": 5}
    )
    assert saved.status_code == 201
    assert saved.json()["week_of"] == "2026-11-16"  # the Monday of that week
    assert saved.json()["score"] == 5.0
    out_of_range = client.post("/api/checkins", json={"pain": 11, "enjoyment": 0, "activity": 0})
    assert out_of_range.status_code == 422
    peg = client.get("/api/progress").json()["progress"]["peg"]
    assert [p["score"] for p in peg] == [5.0]


def test_openapi_documents_the_api(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in (
        "/api/screen",
        "/api/plan",
        "/api/plans",
        "/api/plans/{plan_id}",
        "/api/sessions",
        "/api/sessions/{session_id}/steps",
        "/api/sessions/{session_id}/ratings",
        "/api/sessions/{session_id}/finish",
        "/api/checkins",
        "/api/progress",
    ):
        assert path in paths
    assert not any(path.startswith("/start") for path in paths)  # pages stay out
