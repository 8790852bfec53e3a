"""An emergency or urgent answer outweighs every older plan (supple.web.standing): the
home page, the plan pages, /play, the player, downloads and the API offer no routine
until the questions are answered again without that sign."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient

from supple.screening.standing import outcome_stands
from web_fixtures import app_for_tests
from web_forms import first_page, load, send, submit, token, walk


@pytest.fixture
def client() -> Iterator[TestClient]:
    with TestClient(app_for_tests()) as test_client:
        yield test_client


def plan_then_first_page(client: TestClient, fields: dict[str, str]) -> tuple[int, str]:
    """An ok plan is made, then page 1 is sent again with these answers changed."""
    made = submit(client, load("ok"))
    assert made.status_code == 303
    plan_id = int(made.headers["location"].rsplit("/", 1)[1])
    response = send(client, client.get("/start").text, {**first_page(load("ok")), **fields})
    return plan_id, response.text


def test_an_emergency_answer_replaces_the_old_plan_on_the_home_page(client: TestClient) -> None:
    plan_id, page = plan_then_first_page(client, {"red_flags.saddle_numbness": "yes"})
    assert 'href="tel:999"' in page
    home = client.get("/").text
    assert "Continue with your plan" not in home
    assert f"/plan/{plan_id}" not in home
    assert 'id="standing-warning"' in home and 'href="tel:999"' in home
    assert "Answer the questions again" in home


def test_an_old_plan_its_player_and_play_show_the_warning_not_the_routine(
    client: TestClient,
) -> None:
    plan_id, _ = plan_then_first_page(client, {"red_flags.saddle_numbness": "yes"})
    for path in (f"/plan/{plan_id}", "/play", "/plan"):
        shown = client.get(path, follow_redirects=True)
        assert shown.status_code == 200
        assert 'id="standing-warning"' in shown.text, path
        assert "Start the guided session" not in shown.text, path
    started = client.post(
        f"/plan/{plan_id}/session",
        data={"pain_before": "2", "csrf_token": token(client)},
        follow_redirects=False,
    )
    assert started.status_code == 409 and 'id="standing-warning"' in started.text
    for path in (f"/plan/{plan_id}/calendar.ics", f"/plan/{plan_id}/handout.pdf"):
        assert client.get(path).status_code == 409, path


def test_the_api_starts_no_session_while_a_warning_stands(client: TestClient) -> None:
    plan_id, _ = plan_then_first_page(client, {"red_flags.fever": "yes"})
    csrf = token(client)
    response = client.post(
        "/api/sessions",
        json={"plan_id": plan_id, "pain_before": 2},
        headers={"X-CSRF-Token": csrf},
    )
    assert response.status_code == 409


def test_a_session_waiting_to_resume_shows_the_warning(client: TestClient) -> None:
    made = submit(client, load("ok"))
    plan_id = int(made.headers["location"].rsplit("/", 1)[1])
    started = client.post(
        f"/plan/{plan_id}/session",
        data={"pain_before": "2", "csrf_token": token(client)},
        follow_redirects=False,
    )
    session_path = started.headers["location"]
    send(client, client.get("/start").text, {**first_page(load("ok")), "red_flags.fever": "yes"})
    player = client.get(session_path).text
    assert 'id="standing-warning"' in player and 'href="tel:111"' in player


def test_an_urgent_answer_stands_with_its_reason(client: TestClient) -> None:
    _, page = plan_then_first_page(client, {"red_flags.fever": "yes"})
    assert 'href="tel:111"' in page
    home = client.get("/").text
    assert "Continue with your plan" not in home and "Start today's session" not in home
    assert re.search(r"<strong>[^<]*[Ff]ever", home)


def test_answering_again_without_the_sign_brings_a_plan_back(client: TestClient) -> None:
    plan_then_first_page(client, {"red_flags.saddle_numbness": "yes"})
    responses = walk(client, load("ok"))
    new_plan = responses[-1].headers["location"]
    home = client.get("/").text
    assert "Start today's session" in home and 'id="standing-warning"' not in home
    assert "Start the guided session" in client.get(new_plan).text


def test_no_warning_without_a_warning_answer(client: TestClient) -> None:
    plan_id, _ = plan_then_first_page(client, {})
    assert "Start today's session" in client.get("/").text
    assert "Start the guided session" in client.get(f"/plan/{plan_id}").text


NOW = datetime(2026, 11, 3, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("level", "saved_after", "stands"),
    [
        ("emergency", None, True),
        ("urgent", None, True),
        ("emergency", timedelta(0), True),  # a tie goes to the warning
        ("emergency", timedelta(seconds=-1), True),
        ("emergency", timedelta(seconds=1), False),
        ("see_clinician", None, False),
        ("ok", None, False),
    ],
)
def test_an_outcome_stands_until_answers_are_saved_after_it(
    level: str, saved_after: timedelta | None, stands: bool
) -> None:
    saved = None if saved_after is None else NOW + saved_after
    assert outcome_stands(level, NOW, saved) is stands
