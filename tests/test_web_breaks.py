"""The web's /breaks page, its calendar file and schedule, and the sitting lesson's
set-up checklist with its answers on the progress page."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx2 as httpx
import pytest
from fastapi.testclient import TestClient
from icalendar import Calendar

from supple.desk import default_checklist
from supple.settings import get_settings
from supple.store import open_store
from web_fixtures import LOOPBACK_CLIENT, app_for_tests
from web_forms import token

ANSWERS = Path(__file__).parent / "fixtures" / "answers" / "ok.json"
ITEMS = default_checklist().ids


@pytest.fixture
def client() -> Iterator[TestClient]:
    with TestClient(app_for_tests(), client=LOOPBACK_CLIENT) as test_client:
        yield test_client


def set_breaks(client: TestClient, **fields: str) -> httpx.Response:
    data = {"csrf_token": token(client, "/breaks"), **fields}
    return client.post("/breaks", data=data, follow_redirects=False)


WORKDAYS = {f"day_{code}": "on" for code in ("mon", "tue", "wed", "thu", "fri")}


def test_setting_breaks_saves_them_and_the_page_shows_the_times(client: TestClient) -> None:
    with open_store() as store:
        store.save_answers(get_settings().profile, json.loads(ANSWERS.read_text()))
    answered = set_breaks(
        client, **WORKDAYS, start="09:00", end="12:00", every="60", tz="Europe/Paris"
    )
    assert answered.status_code == 303
    page = client.get("/breaks?saved=1").text
    assert "Monday to Friday, every 60 minutes from 09:00 to 12:00 (Europe/Paris time)" in page
    assert "<span>10:00</span>, <span>11:00</span>" in page
    assert 'class="desk-moves"' in page
    schedule = client.get("/breaks/schedule.json").json()
    assert schedule["breaks"]["times"] == ["10:00", "11:00"]
    assert schedule["what"].startswith("About 2 minutes: ")
    ics = client.get("/breaks.ics")
    assert ics.headers["content-type"].startswith("text/calendar")
    events = list(Calendar.from_ical(ics.content).walk("VEVENT"))
    assert [e["DTSTART"].params["TZID"] for e in events] == ["Europe/Paris"] * 2
    assert all("/breaks" in str(e["URL"]) for e in events)


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ({**WORKDAYS, "start": "09:00", "end": "17:00", "every": "5"}, "every 5 minutes"),
        ({**WORKDAYS, "start": "17:00", "end": "09:00", "every": "45"}, "work ends at 09:00"),
        ({"start": "09:00", "end": "17:00", "every": "45"}, "at least one working day"),
        ({**WORKDAYS, "start": "09:00", "end": "17:00", "every": "lots"}, "whole number"),
    ],
)
def test_bad_settings_show_the_form_again_and_save_nothing(
    client: TestClient, fields: dict[str, str], words: str
) -> None:
    answered = set_breaks(client, **fields)
    assert answered.status_code == 422
    assert words in answered.text
    assert 'role="alert"' in answered.text
    with open_store() as store:
        assert store.break_settings_history(get_settings().profile) == []


def test_without_a_zone_from_the_browser_the_calendar_times_float(client: TestClient) -> None:
    set_breaks(client, day_mon="on", start="09:00", end="10:00", every="30")
    (event,) = Calendar.from_ical(client.get("/breaks.ics").content).walk("VEVENT")
    assert "TZID" not in event["DTSTART"].params


def test_the_calendar_and_schedule_before_any_breaks(client: TestClient) -> None:
    assert client.get("/breaks/schedule.json").json() == {"breaks": None}
    assert client.get("/breaks.ics", follow_redirects=False).status_code == 303


def test_the_sitting_lesson_asks_the_checklist_and_progress_shows_the_answers(
    client: TestClient,
) -> None:
    with open_store() as store:
        made = datetime.now(UTC) - timedelta(days=11)  # the lesson opens on day 10
        store.save_plan(get_settings().profile, {"routine": None}, now=made)
    lesson = client.get("/learn/sitting-and-desk").text
    assert "Your desk, checked" in lesson
    fields = {f"desk_{item}": "yes" for item in ITEMS} | {"desk_screen": "no"}
    data = {"csrf_token": token(client, "/learn/sitting-and-desk"), **fields}
    posted = client.post("/learn/sitting-and-desk/checklist", data=data, follow_redirects=False)
    assert posted.status_code == 303
    again = client.get("/learn/sitting-and-desk").text
    assert f"<strong>{len(ITEMS) - 1} of {len(ITEMS)}</strong> in place" in again
    assert 'name="desk_screen" value="no" required checked' in again
    progress = client.get("/progress").text
    assert f"<strong>{len(ITEMS) - 1} of {len(ITEMS)}</strong> set-up items in place" in progress
    assert "<strong>Screen:</strong> Not yet" in progress
    bad = {**data, "desk_chair": "maybe"}
    refused = client.post("/learn/sitting-and-desk/checklist", data=bad, follow_redirects=False)
    assert refused.status_code == 422 and "chair: answer yes, partly or no" in refused.text
    with open_store() as store:
        assert len(store.desk_checklists(get_settings().profile)) == 1


def test_other_lessons_have_no_checklist(client: TestClient) -> None:
    assert "Your desk, checked" not in client.get("/learn/how-pain-works").text


@pytest.mark.parametrize("name", ["emergency.json", "urgent.json"])
def test_under_an_emergency_or_urgent_screen_no_reminders_are_offered(
    client: TestClient, name: str
) -> None:
    """The physiotherapist's review (MUST 5): the screen's own action in place of the
    routine, and no reminders: no calendar link, no banner schedule, no calendar file."""
    assert set_breaks(client, **WORKDAYS, start="09:00", end="12:00", every="60").status_code == 303
    with open_store() as store:
        document = json.loads((ANSWERS.parent / name).read_text())
        store.save_answers(get_settings().profile, document)
    page = client.get("/breaks").text
    assert "still fine" not in page and 'class="desk-moves"' not in page
    assert "No movement break reminders" in page
    assert 'href="/breaks.ics"' not in page and "data-break-notify" not in page
    schedule = client.get("/breaks/schedule.json").json()
    assert schedule["breaks"] is None and "No movement break reminders" in schedule["refused"]
    ics = client.get("/breaks.ics", follow_redirects=False)
    assert ics.status_code == 409 and "No movement break reminders" in ics.text
