"""A bad day from the home page on a 390x844 phone, in a real browser: the gentle
routine, the advice and the warning signs, the day recorded with a note, then seen on
the progress page; and the walking goal set and a walk logged. Zero axe violations."""

from __future__ import annotations

import re
from typing import Any

import pytest

from test_web_browser import answer_all, check, load
from web_fixtures import LiveServer

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser-flare")]


def test_a_flare_up_from_the_home_page_on_a_phone(page: Any, live_server: LiveServer) -> None:
    url = live_server.url
    page.goto(url + "/start")
    answer_all(page, load("ok"), **{"preferences.minutes": "8"})
    page.wait_for_url(re.compile(r".*/plan/\d+$"))

    page.goto(url + "/")
    bad_day = page.locator("#bad-day")
    assert bad_day.is_visible() and bad_day.bounding_box()["height"] >= 44
    with page.expect_navigation():
        bad_day.click()
    page.wait_for_url("**/flare")
    assert page.get_by_role("heading", name="Having a bad day", level=1).is_visible()
    moves = page.locator("ol.flare-moves > li")
    assert 3 <= moves.count() <= 8
    assert ", as " in moves.first.inner_text()  # each move names its easier version
    assert page.get_by_text("Keep moving, but do less and go gently.").is_visible()
    assert page.get_by_role("heading", name="Watch for these warning signs").is_visible()
    check(page, "flare-before-recording")

    page.fill("#flare-note", "Stiff after a long drive")
    with page.expect_navigation():
        page.get_by_role("button", name="Record this bad day").click()
    assert page.get_by_role("heading", name="Today is recorded as a flare-up").is_visible()
    check(page, "flare-recorded")

    # Back home on the same day the gentle routine comes first, the full session second.
    page.goto(url + "/")
    first = page.locator("#bad-day-first")
    assert first.is_visible() and first.bounding_box()["height"] >= 44
    full = page.get_by_role("button", name="Start the full session instead")
    assert first.bounding_box()["y"] < full.bounding_box()["y"]
    check(page, "home-after-flare")

    page.goto(url + "/walk")
    page.fill("#goal-minutes", "10")
    with page.expect_navigation():
        page.get_by_role("button", name="Set the goal").click()
    page.fill("#walk-minutes", "12")
    with page.expect_navigation():
        page.get_by_role("button", name="Log the walk").click()
    heading = page.get_by_role("heading", name="Today: 10 minutes")
    assert heading.is_visible()
    assert page.get_by_text("Not rising for now: a flare-up in the last 7 days.").is_visible()
    check(page, "walk")

    page.goto(url + "/progress")
    section = page.locator("#flare-ups")
    assert "1 flare-up" in section.inner_text()
    assert "walked 12" in section.inner_text()
    today = page.locator("td.today").inner_text()
    assert "(walked 12 minutes)" in today and "(flare-up)" in today
    check(page, "progress-with-flare-and-walk")
