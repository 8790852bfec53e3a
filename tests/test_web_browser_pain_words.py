"""In a real browser: the pain-stop panel and the stopped note say what happened
(u16b items 4 and 9).

After "Yes, it is easing" the heading no longer asks the question again; a stop during
get-ready that was not blamed on the exercise about to start is stored as a skipped
step, so the note says it was not counted, never that it was "noted" against one.
"""

from __future__ import annotations

import time
from typing import Any

import pytest
from playwright.sync_api import expect

from supple.player.pain_stop import QUESTION
from test_web_browser import load
from web_fixtures import LiveServer

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_an_uncounted_stop_while_getting_ready_says_it_was_not_counted(
    page: Any, live_server: LiveServer
) -> None:
    url = live_server.url
    made = page.request.post(url + "/api/plan?minutes=8", data=load("ok"))
    plan_id = int(made.headers["location"].rsplit("/", 1)[1])
    started = page.request.post(url + "/api/sessions", data={"plan_id": plan_id, "pain_before": 3})
    session_id = started.json()["session"]["id"]
    assert started.json()["timeline"]["steps"][0]["kind"] == "ready"
    page.clock.install()
    page.goto(f"{url}/session/{session_id}")
    expect(page.locator("#go")).to_be_enabled()
    page.locator("#go").click()
    page.keyboard.press("x")
    question = page.locator("#pain-stop-question")
    expect(question).to_have_text(QUESTION)
    emergency = page.locator("#pain-stop-emergency").inner_text()
    assert "999/112/911" in emergency and "A&E" not in emergency
    assert not page.locator("#pain-count").is_checked()
    page.get_by_role("button", name="Yes, it is easing").click()
    expect(question).not_to_have_text(QUESTION)
    assert "is easing" in question.inner_text()
    page.get_by_role("button", name="Skip to the next exercise").click()
    note = page.locator("#stopped-note")
    expect(note).to_be_visible()
    assert "noted" not in note.inner_text()
    assert "Not counted against any exercise" in note.inner_text()
    api = f"{url}/api/sessions/{session_id}"
    deadline = time.monotonic() + 15
    while page.request.get(api).json()["next_index"] < 1:
        assert time.monotonic() < deadline, "the stop never reached the server"
        time.sleep(0.05)
    events = {e["index"]: e["outcome"] for e in page.request.get(api).json()["events"]}
    # What the note says matches what is kept: a skipped step, no exercise blamed.
    assert events[0] == "skipped"
    # A second stop, answered "not easing": the heading confirms that answer too.
    page.keyboard.press("x")
    page.get_by_role("button", name="No, it is not easing").click()
    expect(question).to_contain_text("not easing")
