"""The web's bad day (/flare) and walking goal (/walk): the screen first, the record,
the progress page's flare-ups and walks, and bad input refused with nothing written."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from supple.settings import get_settings
from supple.store import open_store
from web_fixtures import LOOPBACK_CLIENT, app_for_tests
from web_forms import token

ANSWERS = Path(__file__).parent / "fixtures" / "answers"


@pytest.fixture
def client() -> Iterator[TestClient]:
    with TestClient(app_for_tests(), client=LOOPBACK_CLIENT) as test_client:
        yield test_client


def save_answers(name: str) -> None:
    with open_store() as store:
        store.save_answers(get_settings().profile, json.loads((ANSWERS / name).read_text()))


def post(client: TestClient, page: str, action: str, **fields: str) -> object:
    data = {"csrf_token": token(client, page), **fields}
    return client.post(action, data=data, follow_redirects=False)


def test_without_answers_the_bad_day_asks_for_them_first(client: TestClient) -> None:
    html = client.get("/flare").text
    assert "Answer the questions first" in html and "gentle routine, about" not in html


def test_a_bad_day_shows_the_routine_advice_and_signs_then_records(client: TestClient) -> None:
    save_answers("ok.json")
    html = client.get("/flare").text
    assert "A gentle routine, about" in html
    assert "Keep moving, but do less and go gently." in html
    assert "numbness in the saddle area" in html
    response = post(client, "/flare", "/flare", note="after gardening")
    assert response.status_code == 303  # type: ignore[attr-defined]
    with open_store() as store:
        flares = store.flare_ups(get_settings().profile)
    assert [(f.day, f.note) for f in flares] == [(date.today(), "after gardening")]
    assert "Today is recorded as a flare-up" in client.get("/flare").text
    progress = client.get("/progress").text
    assert "1 flare-up" in progress and "(flare-up)" in progress


@pytest.mark.parametrize("name", ["emergency.json", "urgent.json", "see_clinician.json"])
def test_a_screen_that_needs_a_doctor_gives_no_routine(client: TestClient, name: str) -> None:
    save_answers(name)
    html = client.get("/flare").text
    assert "No routine today" in html and "A gentle routine, about" not in html
    # Only the screen's own action: no self-care advice beside it.
    assert "What helps" not in html and "Keep moving" not in html
    assert "Watch for these warning signs" in html


def test_a_note_too_long_is_refused_and_nothing_is_recorded(client: TestClient) -> None:
    save_answers("ok.json")
    response = post(client, "/flare", "/flare", note="x" * 501)
    assert response.status_code == 422  # type: ignore[attr-defined]
    with open_store() as store:
        assert store.flare_ups(get_settings().profile) == []


def test_the_walking_goal_is_set_logged_and_shown_on_progress(client: TestClient) -> None:
    assert "No goal set" in client.get("/walk").text
    assert post(client, "/walk", "/walk/goal", minutes="10").status_code == 303  # type: ignore[attr-defined]
    assert post(client, "/walk", "/walk/log", minutes="15").status_code == 303  # type: ignore[attr-defined]
    html = client.get("/walk").text
    assert "Today: 10 minutes" in html and "Walked today: 15 minutes" in html
    progress = client.get("/progress").text
    assert "Walking goal today: 10 minutes; walked 15." in progress
    assert "(walked 15 minutes)" in progress
    for bad in ("0", "301", "ten", ""):
        assert post(client, "/walk", "/walk/log", minutes=bad).status_code == 422  # type: ignore[attr-defined]
    assert post(client, "/walk", "/walk/goal", minutes="121").status_code == 422  # type: ignore[attr-defined]
    with open_store() as store:
        assert [w.minutes for w in store.walks(get_settings().profile)] == [15]
    post(client, "/walk", "/walk/goal", off="1")
    assert "No goal set" in client.get("/walk").text
