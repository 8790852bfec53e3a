"""One strict schema for every record: what the API, the store and import all refuse.

Each case here was a reproduction in issue 10: a value the API or import let in that
later broke an export, a command or a page. They now fail at the door with a message
naming the record and the field, and nothing is written.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from fastapi.testclient import TestClient

from supple.cli import cli
from supple.settings import get_settings
from supple.store import open_store
from supple.web.app import create_app
from web_fixtures import LOOPBACK_CLIENT

ANSWERS = Path(__file__).parent / "fixtures" / "answers" / "ok.json"
BIG = 9223372036854775808  # 2**63, one past the largest id a database column holds


@pytest.fixture
def client() -> Iterator[TestClient]:
    with TestClient(create_app(), client=LOOPBACK_CLIENT) as test_client:
        yield test_client


def supple(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def new_plan(client: TestClient, minutes: int = 8) -> int:
    planned = client.post(
        "/api/plan", json=json.loads(ANSWERS.read_text()), params={"minutes": minutes}
    )
    return int(planned.headers["location"].rsplit("/", 1)[1])


def new_session(client: TestClient) -> tuple[str, list[dict[str, Any]]]:
    started = client.post("/api/sessions", json={"plan_id": new_plan(client), "pain_before": 4})
    assert started.status_code == 201, started.text
    body = started.json()
    return f"/api/sessions/{body['session']['id']}", body["timeline"]["steps"]


def step_body(steps: list[dict[str, Any]], index: int, **changes: Any) -> dict[str, Any]:
    step = steps[index]
    return {
        "index": index,
        "kind": step["kind"],
        "exercise": step["exercise"],
        "side": step["side"],
        "planned_seconds": step["seconds"],
        "actual_seconds": step["seconds"] + 0.25,
        "outcome": "done",
        **changes,
    }


# The API ---------------------------------------------------------------------------


def test_a_step_must_be_the_step_of_the_timeline_at_its_index(client: TestClient) -> None:
    url, steps = new_session(client)
    for wrong in (
        {"exercise": "x" * 150},
        {"exercise": "bird-dog-and-more"},
        {"exercise": next(s["exercise"] for s in steps if s["exercise"] != steps[0]["exercise"])},
        {"side": "up"},
    ):
        response = client.post(f"{url}/steps", json=step_body(steps, 0, **wrong))
        assert response.status_code == 422, (wrong, response.text)
        field = next(iter(wrong))
        assert field in json.dumps(response.json()), response.text
    assert client.get(url).json()["events"] == []


def test_notes_with_nul_or_too_long_are_refused(client: TestClient) -> None:
    url, _ = new_session(client)
    for note in ("knee\x00odd", "x" * 2001):
        response = client.post(f"{url}/finish", json={"note": note})
        assert response.status_code == 422, response.text
        assert "note" in json.dumps(response.json())
    assert client.get(url).json()["session"]["status"] == "in_progress"


@pytest.mark.parametrize(
    "path",
    [
        f"/api/plans/{BIG}",
        f"/api/plans/{BIG}/timeline",
        f"/api/sessions/{BIG}",
        "/api/plans/-1",
        "/api/sessions/0",
    ],
)
def test_ids_out_of_range_are_not_found_rather_than_a_server_error(
    client: TestClient, path: str
) -> None:
    response = client.get(path)
    assert response.status_code in (404, 422), response.text


def test_huge_ids_in_bodies_are_a_clear_422(client: TestClient) -> None:
    for plan_id in (-(10**25), BIG, 0):
        response = client.post("/api/sessions", json={"plan_id": plan_id, "pain_before": 3})
        assert response.status_code == 422, response.text
        assert "plan_id" in json.dumps(response.json())
    url, steps = new_session(client)
    response = client.post(f"{url}/steps", json={**step_body(steps, 0), "index": BIG})
    assert response.status_code == 422


def test_a_plan_with_absurd_sets_is_refused_quickly(client: TestClient) -> None:
    plan_id = new_plan(client)
    document = client.get(f"/api/plans/{plan_id}").json()["document"]
    document["routine"]["items"][1]["sets"] = 100_000
    with open_store() as store:
        huge = store.save_plan(get_settings().profile, document)
    response = client.get(f"/api/plans/{huge}/timeline")
    assert response.status_code == 409 and "sets" in response.text


# Repeated steps ----------------------------------------------------------------------


def test_a_repeated_step_returns_the_stored_event_and_adds_no_row(client: TestClient) -> None:
    url, steps = new_session(client)
    body = step_body(steps, 0)
    first = client.post(f"{url}/steps", json=body)
    assert first.status_code == 201
    for _retry in range(3):
        again = client.post(f"{url}/steps", json=body)
        assert again.status_code == 200, again.text
        assert again.json() == first.json()
    assert [e["index"] for e in client.get(url).json()["events"]] == [0]


def test_a_different_step_at_a_stored_index_is_a_409(client: TestClient) -> None:
    url, steps = new_session(client)
    assert client.post(f"{url}/steps", json=step_body(steps, 0)).status_code == 201
    other = client.post(f"{url}/steps", json=step_body(steps, 0, outcome="skipped"))
    assert other.status_code == 409
    assert "step 0" in other.json()["detail"] and "already" in other.json()["detail"]
    events = client.get(url).json()["events"]
    assert [(e["index"], e["outcome"]) for e in events] == [(0, "done")]


# Import ------------------------------------------------------------------------------


@pytest.fixture
def export(client: TestClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """A real export with one of every record, made through the API; SUPPLE_HOME then
    points at a new, empty installation for the import."""
    url, steps = new_session(client)
    for index in range(3):
        assert client.post(f"{url}/steps", json=step_body(steps, index)).status_code == 201
    exercise = steps[1]["exercise"]
    client.post(f"{url}/ratings", json={"exercise": exercise, "rating": "right"})
    client.post(f"{url}/finish", json={"pain_after": 2, "note": "fine"})
    client.post("/api/checkins", json={"pain": 3, "enjoyment": 4, "activity": 5})
    path = tmp_path / "export.json"
    result = supple("export", "-o", str(path))
    assert result.exit_code == 0, result.stderr
    monkeypatch.setenv("SUPPLE_HOME", str(tmp_path / "fresh"))
    get_settings.cache_clear()
    document: dict[str, Any] = json.loads(path.read_text())
    return document


def _import(document: dict[str, Any], tmp_path: Path) -> Result:
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(document))
    return supple("import", str(path))


Edit = Callable[[dict[str, Any]], None]


def _set(section: str, field: str, value: Any) -> Edit:
    def edit(document: dict[str, Any]) -> None:
        target = document[section] if section == "profile" else document[section][0]
        target[field] = value

    return edit


EDITS: dict[str, tuple[Edit, str]] = {
    "string for a number": (_set("sessions", "pain_before", "5"), "sessions[0].pain_before"),
    "negative index": (_set("step_events", "index", -5), "step_events[0].index"),
    "index past the timeline": (_set("step_events", "index", 5000), "step_events[0].index"),
    "unknown exercise": (_set("step_events", "exercise", "moonwalk"), "step_events[0].exercise"),
    "long exercise": (_set("step_events", "exercise", "x" * 150), "step_events[0].exercise"),
    "side up": (_set("step_events", "side", "up"), "step_events[0].side"),
    "wrong kind": (_set("step_events", "kind", "rest"), "step_events[0].kind"),
    "infinite seconds": (
        _set("step_events", "actual_seconds", float("inf")),
        "step_events[0].actual_seconds",
    ),
    "nan seconds": (_set("step_events", "actual_seconds", float("nan")), "actual_seconds"),
    "end before start": (
        _set("sessions", "ended_at", "2000-01-01T00:00:00+00:00"),
        "sessions[0].ended_at",
    ),
    "in progress with an end": (_set("sessions", "status", "in_progress"), "sessions[0]"),
    "nul in a note": (_set("sessions", "note", "a\x00b"), "sessions[0].note"),
    "lone surrogate in a note": (_set("sessions", "note", "a\ud800b"), "sessions[0].note"),
    "nul in the profile name": (_set("profile", "name", "me\x00"), "profile.name"),
    "huge id": (_set("sessions", "id", BIG), "sessions[0].id"),
    "huge reference": (_set("step_events", "session_id", -(10**25)), "step_events[0].session_id"),
    "unknown rated exercise": (
        _set("exercise_ratings", "exercise", "moonwalk"),
        "exercise_ratings[0].exercise",
    ),
    "surrogate in a document": (_set("answers", "document", {"\ud800": 1}), "answers[0].document"),
    "huge sets in a plan": (
        lambda d: d["plans"][0]["document"]["routine"]["items"][1].update(sets=2_000_000),
        "plans[0].document",
    ),
}


@pytest.mark.parametrize("name", list(EDITS))
def test_import_refuses_what_the_api_would_refuse(
    export: dict[str, Any], tmp_path: Path, name: str
) -> None:
    edit, where = EDITS[name]
    document = copy.deepcopy(export)
    edit(document)
    result = _import(document, tmp_path)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.stderr
    assert where in result.stderr, result.stderr
    with open_store() as store:
        assert store.profiles() == []


def test_an_unedited_export_imports(export: dict[str, Any], tmp_path: Path) -> None:
    result = _import(export, tmp_path)
    assert result.exit_code == 0, result.stderr


# The CLI -----------------------------------------------------------------------------


def test_a_bad_plan_file_is_refused_before_anything_is_saved(tmp_path: Path) -> None:
    planned = supple("plan", "--answers", str(ANSWERS), "--minutes", "8", "--json")
    good = json.loads(planned.stdout)
    bad = copy.deepcopy(good)
    bad["routine"]["items"][0]["exercise"] = "moonwalk"
    (tmp_path / "bad.json").write_text(json.dumps(bad))
    with open_store() as store:
        before = [p.id for p in store.plans(get_settings().profile)]
    result = supple(
        "session", "--plan", str(tmp_path / "bad.json"), "--no-input", "--pain-before", "3"
    )
    assert result.exit_code == 2
    assert "moonwalk" in result.stderr
    with open_store() as store:
        assert [p.id for p in store.plans(get_settings().profile)] == before


def test_a_plan_file_with_millions_of_sets_is_a_clear_error(tmp_path: Path) -> None:
    planned = supple("plan", "--answers", str(ANSWERS), "--minutes", "8", "--json")
    plan = json.loads(planned.stdout)
    plan["routine"]["items"][1]["sets"] = 2_000_000
    (tmp_path / "huge.json").write_text(json.dumps(plan))
    result = supple("timeline", "--plan", str(tmp_path / "huge.json"))
    assert result.exit_code == 2
    assert "sets" in result.stderr
