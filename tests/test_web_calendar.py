"""The reminder file from the plan page: in the downloading device's own time zone."""

from __future__ import annotations

import icalendar
import pytest

from test_web_home import client, new_plan


def test_the_browser_zone_is_the_reminders_zone() -> None:
    web = client()
    plan_id = new_plan(web)
    page = web.get(f"/plan/{plan_id}").text
    assert 'name="tz"' in page and 'data-fill="time-zone"' in page
    ics = web.get(f"/plan/{plan_id}/calendar.ics?at=07:30&tz=Australia/Sydney")
    assert ics.status_code == 200
    calendar = icalendar.Calendar.from_ical(ics.content)
    event = next(iter(calendar.walk("VEVENT")))
    start = event["DTSTART"]
    assert start.params["TZID"] == "Australia/Sydney"
    assert str(start.dt.tzinfo) == "Australia/Sydney" and start.dt.hour == 7
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Australia/Sydney"]
    assert b"T073000Z" not in ics.content


@pytest.mark.parametrize("zone", ["Mars/Olympus", "../etc"])
def test_an_unknown_zone_is_refused_with_a_reason(zone: str) -> None:
    web = client()
    plan_id = new_plan(web)
    answer = web.get(f"/plan/{plan_id}/calendar.ics", params={"tz": zone})
    assert answer.status_code == 422 and "time zone" in answer.text
