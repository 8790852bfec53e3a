"""Pain that stays at 0-2 is success, and is said so (issue 13, tester's finding): in
``supple progress``, ``supple plan``, the web progress page and the plan page, in the
one sentence the progress core words (``next_plan.success``)."""

from __future__ import annotations

import html
import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from supple.cli import cli
from supple.store import open_store
from web_fixtures import LOOPBACK_CLIENT, app_for_tests

ANSWERS_FILE = Path(__file__).parent / "fixtures" / "answers" / "ok.json"
ANSWERS = json.loads(ANSWERS_FILE.read_text(encoding="utf-8"))
runner = CliRunner()


@pytest.fixture
def client() -> Iterator[TestClient]:
    with TestClient(app_for_tests(), client=LOOPBACK_CLIENT) as test_client:
        yield test_client


def flat(text: str) -> str:
    """Text with every run of whitespace as one space (the terminal wraps long lines)."""
    return " ".join(html.unescape(text).split())


def record_low_pain(client: TestClient, pain: int = 1) -> int:
    """A plan, then a session every other day for three weeks with pain ``pain`` before
    and after; returns the plan's id."""
    made = client.post("/api/plan", json=ANSWERS)
    assert made.is_success, made.text
    plan_id = int(made.headers["location"].rsplit("/", 1)[1])
    start = datetime.now(UTC) - timedelta(days=20)
    with open_store() as store:
        for day in range(0, 21, 2):
            now = start + timedelta(days=day)
            session = store.start_session("me", plan_id, pain, now=now)
            store.finish_session(session, status="completed", pain_after=pain, now=now)
    return plan_id


def success_words() -> str:
    result = runner.invoke(cli, ["progress", "--json"])
    assert result.exit_code == 0, result.output
    words: str | None = json.loads(result.stdout)["next_plan"]["success"]
    assert words, "the history was meant to be a success"
    return flat(words)


def test_supple_progress_says_success(client: TestClient) -> None:
    record_low_pain(client)
    words = success_words()
    result = runner.invoke(cli, ["progress"])
    assert result.exit_code == 0, result.output
    assert words in flat(result.stdout)


def test_supple_plan_says_success(client: TestClient) -> None:
    record_low_pain(client)
    words = success_words()
    result = runner.invoke(cli, ["plan", "--answers", str(ANSWERS_FILE), "--no-save"])
    assert result.exit_code == 0, result.output
    assert words in flat(result.stdout)


def test_the_plan_documents_say_success_alike(client: TestClient) -> None:
    record_low_pain(client)
    words = success_words()
    by_cli = runner.invoke(cli, ["plan", "--answers", str(ANSWERS_FILE), "--no-save", "--json"])
    by_api = client.post("/api/plan", json=ANSWERS, params={"save": "false"}).json()
    assert flat(json.loads(by_cli.stdout)["success"]) == words
    assert by_api == json.loads(by_cli.stdout)


def test_the_progress_page_and_the_plan_page_say_success(client: TestClient) -> None:
    plan_id = record_low_pain(client)
    words = success_words()
    assert words in flat(client.get("/progress").text)
    # The plan made before the history is rebuilt on the way in, and says so.
    current = client.get("/plan", follow_redirects=False).headers["location"]
    assert current != f"/plan/{plan_id}"
    page = flat(client.get(current).text)
    assert page.count(words) >= 1 and 'id="success"' in client.get(current).text
    # The rebuilt plan is not rebuilt again while the history still says success.
    assert client.get("/plan", follow_redirects=False).headers["location"] == current


def test_a_plan_that_may_no_longer_say_success_is_rebuilt() -> None:
    from supple.planning.changes import fingerprint

    plan = {"screen": {}, "routine": None, "advice": [], "success": "Low: that is success."}
    moved = {**plan, "success": "Lower still, over one more week: that is success."}
    assert fingerprint(plan) == fingerprint(moved), "new figures alone remake no plan"
    assert fingerprint(plan) != fingerprint({**plan, "success": None})
    assert fingerprint({**plan, "success": None}) == fingerprint(
        {"screen": {}, "routine": None, "advice": []}
    ), "a plan stored before plans could say success is not rebuilt for that"


def test_no_success_is_claimed_when_pain_is_not_low(client: TestClient) -> None:
    record_low_pain(client, pain=4)
    result = runner.invoke(cli, ["progress", "--json"])
    document: dict[str, Any] = json.loads(result.stdout)
    assert document["next_plan"]["success"] is None
    for text in (
        runner.invoke(cli, ["progress"]).stdout,
        runner.invoke(cli, ["plan", "--answers", str(ANSWERS_FILE), "--no-save"]).stdout,
        client.get("/progress").text,
    ):
        assert "that is success" not in flat(text)
