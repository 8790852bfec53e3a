"""Movement breaks and the desk checklist in a real browser at phone size: setting the
breaks, the reminder banner at a break time (the clock is Playwright's), a notification
only after the person clicks to allow it, and answering the sitting lesson's checklist;
axe-clean at phone and desktop size, no sideways scrolling, screenshots saved."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from supple.desk import default_checklist
from supple.settings import Settings
from supple.store import open_store
from test_web_browser import check
from web_fixtures import LiveServer

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

ANSWERS = Path(__file__).parent / "fixtures" / "answers" / "ok.json"
# A stand-in for the browser's Notification API: permission starts undecided, asking
# grants it, and every notification shown is kept for the test to read.
FAKE_NOTIFICATION = """
window.__asked = 0;
window.__shown = [];
class FakeNotification {
  constructor(title, options) { window.__shown.push([title, options.body]); }
}
FakeNotification.permission = "default";
FakeNotification.requestPermission = (callback) => {
  window.__asked += 1;
  FakeNotification.permission = "granted";
  if (callback) callback("granted");
  return Promise.resolve("granted");
};
window.Notification = FakeNotification;
"""
MONDAY_MORNING = datetime(2026, 12, 7, 9, 0)  # local time; the first break is 09:30


def _seed(server: LiveServer) -> None:
    with open_store(Settings(home=server.home, database_url=None)) as store:
        store.save_answers("me", json.loads(ANSWERS.read_text()))
        made = datetime.now(UTC) - timedelta(days=11)  # the sitting lesson opens on day 10
        store.save_plan("me", {"routine": None}, now=made)


def test_a_person_sets_breaks_is_reminded_and_checks_their_desk(
    page: Any, live_server: LiveServer
) -> None:
    _seed(live_server)
    page.add_init_script(FAKE_NOTIFICATION)
    # The clock runs from 09:00 (axe needs it running); the test jumps it to each break.
    page.clock.install(time=MONDAY_MORNING)
    page.goto(live_server.url + "/breaks")
    assert page.get_by_role("heading", name="Movement breaks", level=1).count() == 1
    assert page.locator(".desk-moves li").count() >= 1
    check(page, "breaks-first-visit")

    page.get_by_label("Work starts").fill("09:00")
    page.get_by_label("Work ends").fill("17:00")
    page.get_by_label("A break every").fill("30")
    with page.expect_navigation():
        page.get_by_role("button", name="Save my breaks").click()
    assert "Saved." in page.locator("#saved").inner_text()
    times = page.locator(".break-times").inner_text()
    assert times.startswith("09:30, 10:00") and times.endswith("16:30")
    assert page.evaluate("window.__asked") == 0  # never asked before the click
    button = page.get_by_role("button", name="Also show a notification")
    assert button.is_visible()
    check(page, "breaks-set")

    # 09:30 comes: the banner appears even without permission, and nothing is notified.
    assert page.locator("#break-banner").count() == 0
    page.clock.run_for(30 * 60_000)
    banner = page.get_by_role("alert")
    banner.wait_for()
    assert "Time for a movement break" in banner.inner_text()
    assert page.evaluate("window.__shown") == []
    assert page.title().startswith("Break time · ")
    check(page, "breaks-banner")
    page.get_by_role("button", name="Done, hide this").click()
    assert page.locator("#break-banner").count() == 0
    assert not page.title().startswith("Break time")

    button.click()
    assert page.evaluate("window.__asked") == 1
    assert button.is_hidden()
    assert "you get a notification" in page.locator("#break-notify-status").inner_text()
    page.clock.run_for(30 * 60_000)  # 10:00
    page.get_by_role("alert").wait_for()
    shown = page.evaluate("window.__shown")
    assert [title for title, _ in shown] == ["Time for a movement break"]
    assert shown[0][1].startswith("About 2 minutes: ")

    page.goto(live_server.url + "/learn/sitting-and-desk")
    checklist = page.locator("#desk-checklist")
    for item in default_checklist().item:
        answer = "Not yet" if item.id == "screen" else "Yes"
        checklist.locator("fieldset", has_text=item.question).get_by_label(answer).check()
    check(page, "desk-checklist-filled")
    with page.expect_navigation():
        checklist.get_by_role("button", name="Save my answers").click()
    total = len(default_checklist().item)
    saved = page.locator("#desk-checklist-saved").inner_text()
    assert f"{total - 1} of {total} in place" in saved and "Raise the screen" in saved
    check(page, "desk-checklist-answered")

    page.goto(live_server.url + "/progress")
    desk = page.locator("#desk").inner_text()
    assert f"{total - 1} of {total} set-up items in place" in desk
    assert "every 30 minutes" in desk
    page.locator("#desk").scroll_into_view_if_needed()
    check(page, "progress-desk")
