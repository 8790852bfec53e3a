"""The published OpenAPI schema tells the truth about the live app (schemathesis).

schemathesis reads ``/openapi.json`` from a real uvicorn server (the ``live_server``
fixture: loopback, its own throwaway SUPPLE_HOME) and sends what the schema allows and
what it forbids, through the examples, coverage, fuzzing and stateful phases, with
every check on: no server error, every status and content type documented, every
body matching its schema, schema-valid requests accepted and invalid ones refused,
405 with a true ``Allow`` header for a method no route takes. Generation is
deterministic and bounded (``MAX_EXAMPLES`` per operation), so a failure is the same
failure on every run and the test takes about a minute on two cores.

The tests after it pin the bugs schemathesis found, each on its own.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from web_fixtures import LiveServer, app_for_tests

MAX_EXAMPLES = 20
SCHEMATHESIS = Path(sys.executable).with_name("st")
ANSWERS = Path(__file__).parent / "fixtures" / "answers"


@pytest.mark.slow
def test_schemathesis_finds_nothing_against_the_live_app(
    live_server: LiveServer, tmp_path: Path
) -> None:
    command = [
        str(SCHEMATHESIS),
        "run",
        f"{live_server.url}/openapi.json",
        "--checks",
        "all",
        "--phases",
        "examples,coverage,fuzzing,stateful",
        "--max-examples",
        str(MAX_EXAMPLES),
        "--generation-deterministic",
        "--workers",
        "2",
        "--request-timeout",
        "20",
        "--no-color",
    ]
    # Run in a temporary folder: schemathesis keeps its cache beside it.
    done = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.fixture
def client() -> Iterator[TestClient]:
    with TestClient(app_for_tests()) as test_client:
        yield test_client


def answers() -> dict[str, Any]:
    document: dict[str, Any] = json.loads((ANSWERS / "ok.json").read_text())
    return document


def test_whole_numbers_written_with_a_point_are_whole_numbers(client: TestClient) -> None:
    """JSON Schema's integer includes 4.0; the API refused it (422) though it said integer."""
    document = answers()
    document["pain"]["intensity"] = 4.0
    planned = client.post("/api/plan", json=document, params={"minutes": 8})
    assert planned.status_code == 200, planned.text
    plan_id = int(planned.headers["location"].rsplit("/", 1)[1])
    started = client.post("/api/sessions", json={"plan_id": float(plan_id), "pain_before": 4.0})
    assert started.status_code == 201, started.text
    assert started.json()["session"]["pain_before"] == 4
    checkin = client.post("/api/checkins", json={"pain": 3.0, "enjoyment": 5, "activity": 6.0})
    assert checkin.status_code == 201, checkin.text
    # Still strict about everything else.
    for wrong in ("4", True, 4.5):
        body = {"plan_id": plan_id, "pain_before": wrong}
        assert client.post("/api/sessions", json=body).status_code == 422, wrong


def test_a_week_is_a_date_not_a_number(client: TestClient) -> None:
    """``week_of: 0`` was stored as the week of 1970-01-01."""
    for wrong in (0, 1700000000, "1700000000", "2026-13-01", "yesterday"):
        body = {"pain": 3, "enjoyment": 5, "activity": 6, "week_of": wrong}
        response = client.post("/api/checkins", json=body)
        assert response.status_code == 422, (wrong, response.text)
        assert response.json()["problems"][0].startswith("week_of:")
    assert client.get("/api/checkins").json() == []
    good = {"pain": 3, "enjoyment": 5, "activity": 6, "week_of": "2026-11-26"}
    assert client.post("/api/checkins", json=good).json()["week_of"] == "2026-11-23"


def test_a_method_no_route_takes_is_405_naming_every_method(client: TestClient) -> None:
    """``PUT /api/plans`` answered 415 (fix the content type), and Allow named one method."""
    for method, path, allowed in (
        ("PUT", "/api/plans", "GET"),
        ("PUT", "/api/sessions", "GET, POST"),
        ("OPTIONS", "/api/sessions", "GET, POST"),
        ("DELETE", "/api/sessions/1", "GET"),
        ("GET", "/api/sessions/1/steps", "POST"),
    ):
        response = client.request(method, path)
        assert response.status_code == 405, (method, path, response.text)
        assert response.headers["allow"] == allowed, (method, path)
        assert response.json()["detail"] == "Method Not Allowed"


def test_every_api_error_has_the_one_error_body(client: TestClient) -> None:
    """404, 409, 415 and 422 bodies all carry detail, problems and errors."""
    plan_id = int(
        client.post("/api/plan", json=answers(), params={"minutes": 8})
        .headers["location"]
        .rsplit("/", 1)[1]
    )
    session = client.post("/api/sessions", json={"plan_id": plan_id, "pain_before": 3}).json()
    url = f"/api/sessions/{session['session']['id']}"
    client.post(f"{url}/finish", json={"status": "quit"})
    refusals = [
        client.get("/api/plans/999"),
        client.post(f"{url}/finish", json={}),
        client.post("/api/screen", content=b"{}", headers={"content-type": "text/plain"}),
        client.post("/api/screen", json={"version": 3}),
        client.post("/api/sessions", json={"plan_id": "1", "pain_before": 3}),
        client.post(f"{url}/ratings", json={"exercise": "no-such-move", "rating": "easy"}),
        client.get(f"/api/plans/{2**53}"),
    ]
    assert [r.status_code for r in refusals] == [404, 409, 415, 422, 422, 422, 422]
    for response in refusals:
        body = response.json()
        assert set(body) == {"detail", "problems", "errors"}, body
        assert isinstance(body["detail"], str) and body["detail"]
        assert body["problems"] and all(isinstance(line, str) for line in body["problems"])
        assert all(set(error) == {"loc", "msg", "type"} for error in body["errors"])


def test_the_schema_documents_every_error_with_the_one_model(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            errors = {code for code in responses if code[0] in "45"}
            assert {"400"} <= errors, (method, path)
            if method == "post":
                assert {"413", "415", "422"} <= errors, (method, path)
            if "{" in path:
                assert {"404", "422"} <= errors, (method, path)
            for code in errors:
                content = responses[code]["content"]["application/json"]["schema"]
                assert content == {"$ref": "#/components/schemas/ApiError"}, (method, path, code)
    assert "HTTPValidationError" not in schema["components"]["schemas"]
