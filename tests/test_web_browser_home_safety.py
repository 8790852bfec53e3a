"""In a real browser: home with a standing escalation, a rebuilt plan's note and the
warning-sign questions due after a leg-pain stop (issue 13, F3, F4, F6), checked with
axe and saved at phone and desktop size. Its own module, so its own live server: the
questions stay due at the end."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from test_web_browser import load
from web_fixtures import LiveServer, assert_accessible, shoot

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser-home-safety")]


def test_home_puts_the_escalation_and_the_questions_first(
    page: Any, live_server: LiveServer
) -> None:
    url = live_server.url
    made = page.request.post(url + "/api/plan?minutes=8", data=load("ok"))
    plan_id = int(made.headers["location"].rsplit("/", 1)[1])
    first = {"pain": 2, "enjoyment": 2, "activity": 2, "week_of": "2026-01-05"}
    assert page.request.post(url + "/api/checkins", data=first).ok
    assert page.request.post(
        url + "/api/checkins", data={"pain": 6, "enjoyment": 6, "activity": 6}
    ).ok
    page.goto(url + "/")
    expect(page.locator("#escalation")).to_contain_text("Please read this first")
    top = page.locator("#escalation").bounding_box()
    card = page.locator("#today-title").bounding_box()
    assert top and card and top["y"] < card["y"]
    for width, height in [(1280, 800), (390, 844)]:
        page.set_viewport_size({"width": width, "height": height})
        assert_accessible(page, f"home-escalation-{width}")
    shoot(page, "home-escalation")

    started = page.request.post(url + "/api/sessions", data={"plan_id": plan_id, "pain_before": 3})
    session = started.json()
    session_id = session["session"]["id"]
    for index, step in enumerate(session["timeline"]["steps"]):
        body = {
            "index": index,
            "kind": step["kind"],
            "exercise": step["exercise"],
            "side": step["side"],
            "planned_seconds": step["seconds"],
            "actual_seconds": 1,
            "outcome": "done",
        }
        if step["kind"] in ("hold", "reps"):
            body["outcome"] = "stopped_leg_pain"
        assert page.request.post(f"{url}/api/sessions/{session_id}/steps", data=body).ok
        if body["outcome"] != "done":
            break
    ended = page.request.post(
        f"{url}/api/sessions/{session_id}/finish", data={"status": "quit", "pain_after": 4}
    )
    assert ended.ok, ended.text()
    page.goto(url + "/")
    expect(page.locator("#today-title")).to_have_text("Answer the warning-sign questions first")
    expect(page.locator("#home-changes")).to_be_visible()
    assert page.get_by_role("button", name="Start another session").count() == 0
    assert "Well done" not in page.content()
    for width, height in [(1280, 800), (390, 844)]:
        page.set_viewport_size({"width": width, "height": height})
        assert_accessible(page, f"home-questions-due-{width}")
    shoot(page, "home-questions-due")
    page.get_by_role("link", name="Answer the warning-sign questions").click()
    page.wait_for_url("**/start")
