"""No shell hands out a routine while an emergency or urgent answer stands
(``screening.standing``): the CLI commands that take ``--plan`` refuse with one line
on stderr and exit 2, and the plan API answers 409 with the ApiError body."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from supple.cli import cli
from supple.settings import get_settings
from supple.store import open_store
from web_fixtures import app_for_tests
from web_forms import first_page, load, send, submit

ANSWERS = Path(__file__).parent / "fixtures" / "answers" / "ok.json"
runner = CliRunner()


def saved_plan_then_emergency(tmp_path: Path) -> Path:
    """A saved ok plan (also written to a file), then an emergency answer kept after it."""
    made = runner.invoke(cli, ["plan", "--answers", str(ANSWERS), "--json"])
    assert made.exit_code == 0, made.stderr
    plan_file = tmp_path / "plan.json"
    plan_file.write_text(made.stdout)
    with open_store() as store:
        reason = {"rule": "saddle_numbness", "level": "emergency", "label": "Saddle numbness"}
        store.save_screen_outcome(get_settings().profile, "emergency", [reason])
    return plan_file


def commands(tmp_path: Path, plan: str) -> list[list[str]]:
    return [
        ["handout", "--plan", plan, "-o", str(tmp_path / "sheet.html")],
        ["calendar", "--plan", plan, "-o", str(tmp_path / "plan.ics")],
        ["timeline", "--plan", plan, "--json"],
        ["session", "--plan", plan, "--no-input", "--pain-before", "2", "--speed", "1000"],
    ]


@pytest.mark.parametrize("which", ["latest", "file"])
def test_no_cli_command_hands_out_a_routine_after_an_emergency(tmp_path: Path, which: str) -> None:
    plan_file = saved_plan_then_emergency(tmp_path)
    plan = "latest" if which == "latest" else str(plan_file)
    for args in commands(tmp_path, plan):
        result = runner.invoke(cli, args)
        assert result.exit_code == 2, (args, result.output)
        assert result.stdout == "", args
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, lines
        assert "emergency" in lines[0] and "supple start" in lines[0], lines[0]
    assert not (tmp_path / "sheet.html").exists() and not (tmp_path / "plan.ics").exists()
    with open_store() as store:
        assert store.sessions(get_settings().profile) == []


def test_answering_again_lets_the_commands_work_again(tmp_path: Path) -> None:
    saved_plan_then_emergency(tmp_path)
    again = runner.invoke(cli, ["plan", "--answers", str(ANSWERS), "--json"])
    assert again.exit_code == 0
    result = runner.invoke(cli, ["timeline", "--plan", "latest", "--json"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["steps"]


@pytest.fixture
def client() -> Iterator[TestClient]:
    with TestClient(app_for_tests()) as test_client:
        yield test_client


def test_the_plan_api_refuses_with_409_while_a_warning_stands(client: TestClient) -> None:
    made = submit(client, load("ok"))
    plan_id = int(made.headers["location"].rsplit("/", 1)[1])
    assert client.get(f"/api/plans/{plan_id}").status_code == 200
    send(client, client.get("/start").text, {**first_page(load("ok")), "red_flags.fever": "yes"})
    for path in (f"/api/plans/{plan_id}", f"/api/plans/{plan_id}/timeline"):
        response = client.get(path)
        assert response.status_code == 409, path
        body = response.json()
        assert set(body) == {"detail", "problems", "errors"}
        assert "urgent help" in body["detail"] and "/start" in body["detail"]
        assert "routine" not in body
