"""In a real browser: pain down the leg during get-ready, not counted against the
exercise about to start, still makes the warning-sign questions due (issue 13).

Its own module, so its own live server: the questions stay due at the end, which
would hold up the sessions of any browser test played after it on the same server.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from test_web_browser import load
from web_fixtures import LiveServer, draw_figures_first

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_leg_pain_while_getting_ready_not_counted_still_asks_the_warning_sign_questions(
    page: Any, live_server: LiveServer
) -> None:
    """Pain down the leg during get-ready, not counted against the exercise about to
    start: the stop is kept as its own event (no exercise blamed), and /play leads to
    the warning-sign questions until they are answered again."""
    url = live_server.url
    made = page.request.post(url + "/api/plan?minutes=8", data=load("ok"))
    plan_id = int(made.headers["location"].rsplit("/", 1)[1])
    started = page.request.post(url + "/api/sessions", data={"plan_id": plan_id, "pain_before": 3})
    session_id = started.json()["session"]["id"]
    assert started.json()["timeline"]["steps"][0]["kind"] == "ready"
    draw_figures_first(page, f"{url}/session/{session_id}")
    page.clock.install()
    page.goto(f"{url}/session/{session_id}")
    expect(page.locator("#go")).to_be_enabled()
    page.locator("#go").click()
    page.keyboard.press("x")
    expect(page.locator("#pain-count")).to_be_visible()
    assert not page.locator("#pain-count").is_checked()
    page.get_by_role("button", name="No, it is not easing").click()
    page.get_by_role("button", name=re.compile("Pain down the leg")).click()
    page.wait_for_url(re.compile(r".*/finish\?ended=leg$"))
    api = f"{url}/api/sessions/{session_id}"
    events = [e["outcome"] for e in page.request.get(api).json()["events"]]
    assert events == ["leg_pain_uncounted"]
    progress = page.request.get(url + "/api/progress").json()
    assert progress["progress"]["stopped_for_pain"] == [], "no exercise is blamed"
    assert "leg_pain_stop" in progress["next_plan"]["ask_warning_signs_again"]
    page.goto(url + "/play")
    page.wait_for_url(re.compile(r".*/start$"))
