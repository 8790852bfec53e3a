"""A session closed at the pain-stop question is never resumed into the exercise that hurt.

A phone user pressed "Sharp pain", answered "No, it is not easing" and closed the app;
home then offered "Continue the session" straight back into the same exercise. Now the
player marks the stop, and home, /play and the player's address say the session stopped
for pain and offer only to end it, or (the pain has eased) to go on from the next
exercise, recorded as the player records those choices.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient
from playwright.sync_api import expect

from test_web_home import ANSWERS, client, new_plan
from test_web_home import record_done as record
from web_fixtures import LiveServer, assert_accessible, shoot


def started(web: TestClient) -> tuple[int, list[dict[str, Any]]]:
    plan_id = new_plan(web)
    state = web.post("/api/sessions", json={"plan_id": plan_id, "pain_before": 3}).json()
    return state["session"]["id"], state["timeline"]["steps"]


def first_exercise_step(steps: list[dict[str, Any]]) -> int:
    return next(i for i, step in enumerate(steps) if step["kind"] not in ("ready", "transition"))


def csrf(html: str) -> str:
    token = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert token
    return token[1]


@pytest.mark.parametrize("easing", [None, False])
def test_home_and_play_say_the_session_stopped_for_pain_and_never_continue_it(
    easing: bool | None,
) -> None:
    web = client()
    session_id, steps = started(web)
    at = first_exercise_step(steps)
    for index in range(at):
        record(web, session_id, index, steps[index])
    marked = web.post(f"/api/sessions/{session_id}/pain-stop", json={"index": at, "easing": easing})
    assert marked.status_code == 200, marked.text
    home = web.get("/").text
    assert "stopped for pain" in home and "Continue the session" not in home
    assert f'action="/session/{session_id}/stopped"' in home
    assert "The pain has eased: carry on from the next exercise" in home
    player = web.get(f"/session/{session_id}").text
    assert 'id="player"' not in player and "Session stopped for pain" in player
    play = web.get("/play")
    assert "Session stopped for pain" in play.text and 'id="player"' not in play.text


def test_ending_records_the_stop_against_the_exercise_and_opens_the_pain_finish() -> None:
    web = client()
    session_id, steps = started(web)
    at = first_exercise_step(steps)
    for index in range(at):
        record(web, session_id, index, steps[index])
    web.post(f"/api/sessions/{session_id}/pain-stop", json={"index": at, "easing": False})
    ended = web.post(
        f"/session/{session_id}/stopped",
        data={"csrf_token": csrf(web.get("/").text), "choice": "end"},
        follow_redirects=False,
    )
    assert ended.status_code == 303
    assert ended.headers["location"] == f"/session/{session_id}/finish?ended=pain"
    events = web.get(f"/api/sessions/{session_id}").json()["events"]
    assert events[-1]["index"] == at and events[-1]["outcome"] == "stopped_for_pain"
    assert "Session ended for pain" in web.get(ended.headers["location"]).text


def test_after_the_pain_eased_the_player_resumes_at_the_next_exercise() -> None:
    web = client()
    session_id, steps = started(web)
    at = first_exercise_step(steps)
    stopped = steps[at]["exercise"]
    for index in range(at):
        record(web, session_id, index, steps[index])
    web.post(f"/api/sessions/{session_id}/pain-stop", json={"index": at})
    carried = web.post(
        f"/session/{session_id}/stopped",
        data={"csrf_token": csrf(web.get("/").text), "choice": "eased"},
        follow_redirects=False,
    )
    assert carried.headers["location"] == f"/session/{session_id}"
    state = web.get(f"/api/sessions/{session_id}").json()
    resume = steps[state["next_index"]]
    assert resume["exercise"] != stopped
    assert [e["outcome"] for e in state["events"][at:]] == ["stopped_for_pain"] + ["skipped"] * (
        state["next_index"] - at - 1
    )
    assert 'id="player"' in web.get(f"/session/{session_id}").text


def test_a_step_recorded_after_the_stop_settles_it() -> None:
    web = client()
    session_id, steps = started(web)
    web.post(f"/api/sessions/{session_id}/pain-stop", json={"index": 0, "easing": True})
    record(web, session_id, 0, steps[0])
    assert "Continue the session" in web.get("/").text


def test_a_stop_outside_the_timeline_or_of_an_ended_session_is_refused() -> None:
    web = client()
    session_id, steps = started(web)
    url = f"/api/sessions/{session_id}/pain-stop"
    assert web.post(url, json={"index": len(steps)}).status_code == 409
    assert web.post(url, json={"index": 0, "easing": "no"}).status_code == 422
    web.post(f"/api/sessions/{session_id}/finish", json={"status": "quit"})
    assert web.post(url, json={"index": 0}).status_code == 409
    assert web.post("/api/sessions/999/pain-stop", json={"index": 0}).status_code == 404


def test_closed_at_the_pain_question_the_phone_reopens_on_stopped_for_pain(
    page: Any, live_server: LiveServer
) -> None:
    """In the browser: "Sharp pain" works before Start (never greyed out), the stop and
    the "not easing" answer reach the server, and after closing the page home offers
    only to end the session or go on from the next exercise."""
    url = live_server.url
    page.set_viewport_size({"width": 390, "height": 844})
    made = page.request.post(url + "/api/plan?minutes=8", data=ANSWERS)
    assert made.ok
    page.goto(url + "/")
    page.locator('input[name="pain_before"][value="4"]').check()
    with page.expect_navigation():
        page.get_by_role("button", name="Start today's session").click()
    session_path = page.url[len(url) :]
    stop = page.get_by_role("button", name="Sharp pain: stop this exercise")
    expect(page.locator("#go")).to_be_enabled()
    expect(stop).to_be_enabled()
    stop.click()
    expect(page.locator("#pain-stop-question")).to_be_visible()
    page.get_by_role("button", name="No, it is not easing").click()
    expect(page.get_by_role("button", name="End the session", exact=True)).to_be_visible()
    expect(page.locator("#status")).not_to_contain_text("No connection")
    page.goto(url + "/")  # the app closed at the question, opened again later
    expect(page.get_by_role("heading", name="Today's session stopped for pain")).to_be_visible()
    assert page.get_by_role("link", name="Continue the session").count() == 0
    assert_accessible(page, "home, session stopped for pain")
    shoot(page, "home-stopped-for-pain")
    page.goto(url + session_path)
    expect(page.get_by_role("heading", name="Session stopped for pain")).to_be_visible()
    assert_accessible(page, "player address, session stopped for pain")
    with page.expect_navigation():
        page.get_by_role("button", name="End the session").click()
    assert page.url.endswith("/finish?ended=pain")
    expect(page.locator("#finish-title")).to_have_text("Session ended for pain")
