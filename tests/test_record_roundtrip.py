"""Whatever the API accepts survives ``supple export`` then ``supple import``, on both backends.

Hypothesis sends the web API sessions, steps, ratings, finishes and check-ins with
values from well inside to well outside the schema (NUL, lone surrogates, NaN,
Infinity, huge numbers, wrong steps). Whatever the API accepts is exported with the
CLI, imported into a fresh database and exported again: the two exports must match.
The second test does the same for every scenario database the other test modules
build (see ``SCENARIOS``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from supple.catalog import default_catalog
from supple.cli import cli
from supple.settings import get_settings
from web_fixtures import app_for_tests

ANSWERS = Path(__file__).parent / "fixtures" / "answers" / "ok.json"
EXERCISES = sorted(default_catalog().exercises)
runner = CliRunner()

# Text of every kind: plain, any code point including NUL and lone surrogates, long.
any_text = st.one_of(
    st.text(max_size=30),
    st.text(st.characters(codec=None), max_size=10),
    st.just("a\x00b"),
    st.just("\ud800"),
    st.text(min_size=2001, max_size=2100),
)
any_number = st.one_of(
    st.integers(-3, 13),
    st.integers(),
    st.floats(),
    st.just(2**63),
    st.booleans(),
    st.just("5"),
)
seconds = st.one_of(
    st.floats(0, 90_000),
    st.floats(),
    st.integers(0, 100),
    st.sampled_from([float("inf"), float("nan"), -1.0]),
)


def mostly(valid: st.SearchStrategy[Any], other: st.SearchStrategy[Any]) -> Any:
    """Usually ``valid``, now and then ``other``: most requests must get through for the
    round trip to test anything, and enough must not to test the refusals."""
    return st.integers(0, 6).flatmap(lambda n: valid if n else other)


class Installation:
    """Switches SUPPLE_* between the app's database and a fresh one for the import."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, make: Callable[[], str], tmp: Path):
        self.monkeypatch, self.make, self.tmp = monkeypatch, make, tmp
        self.count = 0

    def use(self, url: str) -> None:
        self.monkeypatch.setenv("SUPPLE_DATABASE_URL", url)
        get_settings.cache_clear()

    def new(self) -> str:
        self.count += 1
        url = self.make()
        self.use(url)
        return url


@pytest.fixture
def installation(
    monkeypatch: pytest.MonkeyPatch, new_database_url: Callable[[], str], tmp_path: Path
) -> Installation:
    return Installation(monkeypatch, new_database_url, tmp_path)


@pytest.fixture
def app_url(installation: Installation) -> str:
    return installation.new()


@pytest.fixture
def client(app_url: str) -> Iterator[TestClient]:
    with TestClient(app_for_tests()) as test_client:
        yield test_client


def supple(*args: str) -> str:
    result = runner.invoke(cli, list(args))
    assert result.exit_code == 0, (args, result.stderr, result.exception)
    return result.stdout


def round_trip(installation: Installation, source: str, profile: str = "me") -> None:
    """Export ``source`` with the CLI, import into a fresh database, export again: equal."""
    installation.use(source)
    path = installation.tmp / f"export-{installation.count}.json"
    supple("export", "--profile", profile, "-o", str(path))
    original = json.loads(path.read_text(encoding="utf-8"))
    installation.new()
    supple("import", str(path))
    again = json.loads(supple("export", "--profile", profile))
    assert {k: v for k, v in again.items() if k != "exported_at"} == {
        k: v for k, v in original.items() if k != "exported_at"
    }
    installation.use(source)


def post(client: TestClient, url: str, body: dict[str, Any]) -> int:
    """POST ``body`` as Python's json module writes it (NaN, Infinity and lone
    surrogates as escapes), which is what a careless or hostile client can send."""
    headers = {"content-type": "application/json"}
    response = client.post(url, content=json.dumps(body).encode(), headers=headers)
    assert response.status_code < 500, (url, body, response.text)
    event(f"{url.rsplit('/', 1)[-1]}: {response.status_code}")
    return response.status_code


def _plan(client: TestClient, cache: dict[str, int]) -> int:
    if "plan" not in cache:
        answers = json.loads(ANSWERS.read_text())
        planned = client.post("/api/plan", json=answers, params={"minutes": 8})
        cache["plan"] = int(planned.headers["location"].rsplit("/", 1)[1])
    return cache["plan"]


@st.composite
def step_bodies(draw: st.DrawFn, timeline: list[dict[str, Any]]) -> dict[str, Any]:
    index = draw(mostly(st.integers(0, len(timeline) - 1), st.integers(-1, len(timeline))))
    planned = timeline[index] if 0 <= index < len(timeline) else timeline[0]
    outcomes = st.sampled_from(["done", "skipped", "stopped_for_pain"])
    return {
        "index": draw(mostly(st.just(index), any_number)),
        "kind": draw(mostly(st.just(planned["kind"]), st.sampled_from(["rest", "hold"]))),
        "exercise": draw(mostly(st.just(planned["exercise"]), st.none() | any_text)),
        "side": draw(mostly(st.just(planned["side"]), st.sampled_from([None, "left", "up"]))),
        "planned_seconds": draw(mostly(st.just(planned["seconds"]), seconds)),
        "actual_seconds": draw(mostly(st.floats(0, 600), seconds)),
        "outcome": draw(mostly(outcomes, st.just("fainted"))),
    }


@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_whatever_the_api_accepts_survives_export_and_import(
    client: TestClient, installation: Installation, app_url: str, data: st.DataObject
) -> None:
    cache: dict[str, int] = {}
    plan_id = data.draw(mostly(st.just(_plan(client, cache)), any_number), "plan_id")
    pain = data.draw(mostly(st.integers(0, 10), any_number), "pain_before")
    if post(client, "/api/sessions", {"plan_id": plan_id, "pain_before": pain}) == 201:
        session = client.get("/api/sessions").json()[-1]
        url = f"/api/sessions/{session['id']}"
        timeline = client.get(url).json()["timeline"]["steps"]
        for body in data.draw(st.lists(step_bodies(timeline), max_size=6), "steps"):
            post(client, f"{url}/steps", body)
        rating = {
            "exercise": data.draw(mostly(st.sampled_from(EXERCISES), any_text)),
            "rating": data.draw(mostly(st.sampled_from(["easy", "hard"]), st.just("awful"))),
        }
        post(client, f"{url}/ratings", rating)
        note = data.draw(mostly(st.none() | st.text(max_size=40), any_text), "note")
        finish: dict[str, Any] = {"note": note}
        if data.draw(st.booleans(), "with pain after"):
            finish["pain_after"] = data.draw(mostly(st.integers(0, 10), any_number), "pain_after")
        if data.draw(st.booleans(), "finished"):
            post(client, f"{url}/finish", finish)
    checkin = {
        "week_of": data.draw(st.dates(date(2000, 1, 3), date.today())).isoformat(),
        "pain": data.draw(mostly(st.integers(0, 10), any_number)),
        "enjoyment": data.draw(st.integers(0, 10)),
        "activity": data.draw(mostly(st.integers(0, 10), st.integers(-1, 11))),
    }
    post(client, "/api/checkins", checkin)
    round_trip(installation, app_url)


# Every database the other tests build ---------------------------------------------------


def _export_scenario(installation: Installation) -> None:
    from test_export import record_history

    record_history()


def _api_scenario(installation: Installation) -> None:
    import test_record_schema as api

    with TestClient(app_for_tests()) as client:
        url, steps = api.new_session(client)
        for index in range(len(steps)):
            client.post(f"{url}/steps", json=api.step_body(steps, index))
        client.post(f"{url}/ratings", json={"exercise": steps[1]["exercise"], "rating": "hard"})
        client.post(f"{url}/finish", json={"pain_after": 2, "note": "ok"})
        api.new_session(client)  # one left in progress


def _cli_scenario(installation: Installation) -> None:
    supple("plan", "--answers", str(ANSWERS), "--minutes", "8")
    supple("session", "--no-input", "--speed", "1000", "--pain-before", "4", "--pain-after", "3")
    supple("checkin", "--pain", "4", "--enjoyment", "5", "--activity", "6")


# The databases the export tests, the API tests and the CLI session tests build, each
# made by the same helpers those tests use, so a change to a helper is covered here.
SCENARIOS: dict[str, Callable[[Installation], None]] = {
    "export tests' history": _export_scenario,
    "API session": _api_scenario,
    "CLI session": _cli_scenario,
}


@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_every_scenario_database_survives_export_and_import(
    installation: Installation, app_url: str, scenario: str
) -> None:
    SCENARIOS[scenario](installation)
    round_trip(installation, app_url)
