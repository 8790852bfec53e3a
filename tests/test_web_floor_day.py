"""Issue 16's "Done when" as one story on a phone: pair by the code, start today's
session from the home page, play all of it on the floor with the Wi-Fi lost midway,
rate it, and find today's session again the next morning.

The phone is the namespace Chromium of test_web_lan_browser (a real LAN peer that
trusts Supple's authority and nothing else), at 390x844 with touch; every action is a
tap. The player runs on Playwright's fake clock, so a whole session takes seconds.
"Next morning" moves the recorded session back a day in the server's SQLite file: the
app has no way to date a session in the past, and none is added for a test.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from conftest import REPO
from test_web_lan_browser import (  # noqa: F401  (fixtures used by name)
    LanServer,
    fresh_code,
    in_page_fetch,
    lan_server,
    namespace,
    trusting_phone_browser,
)
from test_web_offline import play_steps, step_number, wait_for
from test_web_player_layout import PLACES, TAP
from web_fixtures import SCREENSHOTS, assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHONE = {"width": 390, "height": 844}
# Whatever is laid out below the screen.
BELOW_THE_FOLD = """() => [...document.querySelectorAll("body *")]
  .filter((e) => e.getClientRects().length > 0)
  .filter((e) => e.getBoundingClientRect().bottom > window.innerHeight + 0.5)
  .map((e) => e.tagName + "#" + e.id + "." + e.className)"""


def shoot(tab: Any, state: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SCREENSHOTS / f"floor-day-{state}-390x844.png"), full_page=True)


def assert_fits_the_floor(tab: Any, where: str) -> None:
    """Nothing to scroll, every control of the player at least 48 px each way, and the
    safety line (when to stop, when to call for help) on the screen."""
    # Nothing at all below the player: during a session the site's footer gives way to
    # the player's own safety line, as the menu does.
    extent = tab.evaluate(
        "[document.scrollingElement.scrollHeight, window.innerHeight, window.scrollY]"
    )
    assert extent[0] <= extent[1] + 0.5 and extent[2] == 0, f"the page scrolls ({where}): {extent}"
    expect(tab.locator("#safety-line")).to_be_in_viewport(ratio=1)
    below = tab.evaluate(BELOW_THE_FOLD)
    assert below == [], f"below the screen ({where}): {below}"
    sideways = tab.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")
    assert sideways <= 0, f"sideways scrolling by {sideways}px ({where})"
    places = tab.evaluate(PLACES)
    assert any(place["name"] == "stop" for place in places), where
    for place in places:
        assert place["bottom"] <= PHONE["height"] + 0.5, (where, place)
        if place["tap"]:
            assert place["width"] >= TAP - 0.5 and place["height"] >= TAP - 0.5, (where, place)


def play_to_the_end(tab: Any, checked_every: int) -> None:
    """Run the fake clock until the player hands over to the finish screen, checking the
    layout whenever ``checked_every`` more steps have ended."""
    position = tab.locator("#position-text")
    checked = step_number(tab)
    for _ in range(20 * 60):
        if "/finish" in tab.url or position.count() == 0:
            return
        try:
            shown = position.get_attribute("data-step", timeout=2000)
        except PlaywrightError:  # the page is on its way to the finish screen
            tab.wait_for_url("**/finish")
            return
        if shown and int(shown) >= checked + checked_every and "/finish" not in tab.url:
            checked = int(shown)
            assert_fits_the_floor(tab, f"step {checked}")
        tab.clock.run_for(1000)
    raise AssertionError("the session never finished")


def move_sessions_back_a_day(database: Path) -> None:
    """What a night does to the record: the session and its steps, one day earlier."""
    with sqlite3.connect(database) as connection:
        for table, columns in (("sessions", ("started_at", "ended_at")), ("step_events", ("at",))):
            for column in columns:
                rows = connection.execute(f"SELECT id, {column} FROM {table}").fetchall()
                for row_id, value in rows:
                    if value is None:
                        continue
                    earlier = datetime.fromisoformat(value) - timedelta(days=1)
                    connection.execute(
                        f"UPDATE {table} SET {column} = ? WHERE id = ?",
                        (earlier.isoformat(sep=" "), row_id),
                    )
    connection.close()


def test_pair_play_a_whole_session_offline_midway_and_find_it_next_morning(
    lan_server: LanServer,  # noqa: F811  (the fixture imported above)
    trusting_phone_browser: Any,  # noqa: F811
    browser: Any,
) -> None:
    lan = lan_server.lan_url
    phone = trusting_phone_browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    phone.set_default_timeout(20_000)
    errors: list[str] = []
    try:
        tab = phone.new_page()
        tab.on("pageerror", lambda error: errors.append(str(error)))
        tab.clock.install()

        # Pair: the code the computer shows, typed in on the phone.
        tab.goto(lan + "/pair")
        tab.locator("#pair-code").fill(fresh_code(browser, lan_server))
        tab.get_by_role("button", name="Pair this device").tap()
        tab.wait_for_url(lan + "/")
        # Said once, where a screen reader hears it, with what to do next.
        paired = tab.get_by_role("status").filter(has_text="This device is now paired with")
        expect(paired).to_be_visible()
        expect(paired).to_contain_text("answer the questions")
        assert_accessible(tab, "home just after pairing")
        shoot(tab, "just-paired")

        # A plan (the questions are other tests' business), then the home page.
        answers = json.loads((REPO / "tests" / "fixtures" / "answers" / "ok.json").read_text())
        in_page_fetch(tab, "POST", "/api/plan?minutes=8", answers)
        tab.goto(lan + "/")
        expect(tab.locator("#today-title")).to_have_text("Today's session")
        assert_accessible(tab, "home with today's session to do")
        shoot(tab, "home-to-do")
        tab.locator("#q-pain_before .choices label").nth(3).tap()
        tab.get_by_role("button", name="Start today's session").tap()
        tab.wait_for_url(f"{lan}/session/*")
        session_id = int(tab.url.rsplit("/", 1)[1])
        expect(tab.locator("#go")).to_be_enabled()
        wait_for(tab, "navigator.serviceWorker.controller !== null", "the worker controls the page")
        wait_for(
            tab,
            "caches.open('supple-plan').then(c => c.keys()).then(k => k.length >= 2)",
            "the player kept its page and state",
        )
        assert_fits_the_floor(tab, "ready")
        assert_accessible(tab, "player ready")
        shoot(tab, "ready")

        tab.locator("#go").tap()
        play_steps(tab, 2)
        assert_fits_the_floor(tab, "running")
        assert_accessible(tab, "player running")
        shoot(tab, "running")

        # The Wi-Fi goes for a few steps, then comes back.
        phone.set_offline(True)
        play_steps(tab, 3)
        expect(tab.locator("#status")).to_contain_text("kept on this device")
        assert_fits_the_floor(tab, "offline")
        assert_accessible(tab, "player offline")
        shoot(tab, "offline")
        phone.set_offline(False)
        tab.clock.run_for(3000)  # the outbox tries again every two seconds
        expect(tab.locator("#status")).to_have_text("Back online: every step is saved.")
        assert_fits_the_floor(tab, "back online")
        assert_accessible(tab, "player back online")
        shoot(tab, "back-online")

        play_to_the_end(tab, 3)
        tab.wait_for_url(f"{lan}/session/{session_id}/finish")
        expect(tab.locator("#finish")).to_be_visible()
        assert_accessible(tab, "finish screen")
        shoot(tab, "finish")
        tab.locator("#q-pain_after .choices label").nth(2).tap()
        ratings = tab.locator("label", has_text="About right")
        assert ratings.count() >= 1
        rated = ratings.count()
        for index in range(rated):
            ratings.nth(index).tap()
        tab.get_by_role("button", name="Save and see my progress").tap()
        tab.wait_for_url(f"{lan}/progress*")

        # On the server: every step of the session, each exactly once, and it is done.
        recorded = in_page_fetch(tab, "GET", f"/api/sessions/{session_id}")["body"]
        assert recorded["session"]["status"] == "completed"
        assert recorded["session"]["pain_after"] == 2
        assert len(recorded["ratings"]) == rated
        indices = [event["index"] for event in recorded["events"]]
        assert indices == list(range(len(recorded["timeline"]["steps"]))), indices

        tab.goto(lan + "/")
        expect(tab.locator("#today-title")).to_have_text("Done today")
        assert_accessible(tab, "home done today")
        shoot(tab, "home-done")

        # Next morning.
        move_sessions_back_a_day(lan_server.home / "supple.db")
        tab.reload()
        expect(tab.locator("#today-title")).to_have_text("Today's session")
        streak = tab.locator(".today-facts div", has_text="Streak").locator("dd")
        expect(streak).to_have_text("1 day")
        expect(tab.get_by_role("button", name="Start today's session")).to_be_visible()
        assert_accessible(tab, "home next morning")
        shoot(tab, "home-next-morning")
        assert not errors, errors
    finally:
        phone.close()
