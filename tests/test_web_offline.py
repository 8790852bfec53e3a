"""The installable app: manifest, icons, service worker, and a session that loses Wi-Fi.

The browser test starts a session with the service worker on, then takes the network
away mid-session (Chromium's offline mode for the page, and a relay that really cuts
the connection for what that mode misses), keeps playing and even reloads the player
offline, then brings the network back: every step reaches the server, each exactly
once, nothing refused.
"""

from __future__ import annotations

import io
import json
import re
from typing import Any

import pytest
from fastapi.testclient import TestClient
from PIL import Image
from playwright.sync_api import expect

from conftest import REPO
from connection_switch import ConnectionSwitch
from supple.web.icons import ICONS, STATIC, icon_png
from web_fixtures import LiveServer, app_for_tests, assert_accessible, shoot

ANSWERS = REPO / "tests" / "fixtures" / "answers"


@pytest.fixture
def client() -> TestClient:
    return TestClient(app_for_tests())


def test_the_manifest_names_the_app_and_its_png_icons(client: TestClient) -> None:
    page = client.get("/")
    assert '<link rel="manifest" href="/manifest.webmanifest">' in page.text
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/manifest+json")
    manifest = response.json()
    assert manifest["start_url"] == "/" and manifest["display"] == "standalone"
    purposes = set()
    for icon in manifest["icons"]:
        image = client.get(icon["src"])
        assert image.status_code == 200 and image.headers["content-type"] == "image/png"
        width, height = Image.open(io.BytesIO(image.content)).size
        assert icon["sizes"] == f"{width}x{height}" and width == height
        purposes.add(icon["purpose"])
    assert {"any", "maskable"} <= purposes
    assert any(icon["sizes"] == "512x512" for icon in manifest["icons"])


@pytest.mark.parametrize("name", [name for name, *_ in ICONS])
def test_the_kept_icons_are_what_the_svgs_draw(name: str) -> None:
    """Regenerate with ``python -m supple.web.icons`` after changing an SVG icon."""
    _, svg_name, width, _ = next(icon for icon in ICONS if icon[0] == name)
    assert (STATIC / name).read_bytes() == icon_png(svg_name, width)


def test_the_service_worker_lists_a_shell_that_answers(client: TestClient) -> None:
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/javascript")
    found = re.search(r"const SHELL = (\[.*\]);", response.text)
    assert found
    shell = json.loads(found.group(1))
    assert any(url.startswith("/static/player.js?v=") for url in shell)
    for url in shell:
        assert client.get(url).status_code == 200, url
    # A change to any shell file changes the worker, so browsers install the new one.
    assert re.search(r'const VERSION = "[0-9a-f]{12}";', response.text)


def test_every_static_file_the_player_page_uses_is_in_the_shell(client: TestClient) -> None:
    """The player must work offline: its styles, scripts and the silent video that keeps
    the screen awake all come from the shell the worker caches."""
    made = client.post("/api/plan?minutes=8", json=json.loads((ANSWERS / "ok.json").read_text()))
    plan_id = int(made.headers["location"].rsplit("/", 1)[1])
    started = client.post("/api/sessions", json={"plan_id": plan_id, "pain_before": 2})
    player = client.get(f"/session/{started.json()['session']['id']}").text
    used = set(re.findall(r'(/static/[^"\' ]+)', player))
    assert any("awake.webm" in url for url in used), "the player no longer has its video"
    found = re.search(r"const SHELL = (\[.*\]);", client.get("/sw.js").text)
    assert found
    assert used <= set(json.loads(found.group(1)))


def open_player_for_offline(tab: Any, address: str) -> None:
    """Open the player at ``address`` on a fake clock and wait until the service worker
    controls it and has kept the page and its state: only then can the connection go."""
    tab.clock.install()
    tab.goto(address)
    expect(tab.locator("#go")).to_be_enabled()
    wait_for(tab, "navigator.serviceWorker.controller !== null", "the worker controls the page")
    wait_for(
        tab,
        "caches.open('supple-plan').then(c => c.keys()).then(k => k.length >= 2)",
        "the player kept its page and state",
    )


def go_offline(context: Any, switch: ConnectionSwitch) -> None:
    """The Wi-Fi goes: the page sees itself offline and no request gets through, not even
    one the emulation misses (see connection_switch)."""
    context.set_offline(True)
    switch.down()


def go_online(context: Any, switch: ConnectionSwitch) -> None:
    switch.up()
    context.set_offline(False)


def wait_for(tab: Any, script: str, what: str) -> None:
    for _ in range(200):
        if tab.evaluate(script):
            return
        tab.wait_for_timeout(50)
    raise AssertionError(f"never happened: {what}")


def step_number(tab: Any) -> int:
    found = tab.locator("#position-text").get_attribute("data-step")
    assert found
    return int(found)


def play_steps(tab: Any, steps: int) -> None:
    """Move the fake clock on until ``steps`` more steps have ended."""
    target = step_number(tab) + steps
    for _ in range(20 * 60):
        if step_number(tab) >= target:
            return
        tab.clock.run_for(1000)
    raise AssertionError("the player did not move on")


@pytest.mark.browser
@pytest.mark.xdist_group("browser-offline")
def test_a_session_survives_a_dropped_connection_and_loses_nothing(
    browser: Any, live_server: LiveServer
) -> None:
    switch = ConnectionSwitch(live_server.url)
    url = switch.url
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.set_default_timeout(15_000)
    errors: list[str] = []
    try:
        tab = context.new_page()
        tab.on("pageerror", lambda error: errors.append(str(error)))
        answers = json.loads((ANSWERS / "ok.json").read_text())
        made = tab.request.post(url + "/api/plan?minutes=8", data=answers)
        plan_id = int(made.headers["location"].rsplit("/", 1)[1])
        started = tab.request.post(
            url + "/api/sessions", data={"plan_id": plan_id, "pain_before": 4}
        )
        session_id = started.json()["session"]["id"]
        steps = len(started.json()["timeline"]["steps"])
        open_player_for_offline(tab, f"{url}/session/{session_id}")
        tab.locator("#go").click()
        play_steps(tab, 2)

        go_offline(context, switch)
        play_steps(tab, 3)
        expect(tab.locator("#status")).to_contain_text("kept on this device")
        assert_accessible(tab, "player offline")
        shoot(tab, "player-offline", settle=False)
        # Even a reload while offline comes back to the player, and it carries on after
        # the steps that wait in the outbox rather than doing them again.
        before = step_number(tab)
        tab.reload()
        expect(tab.locator("#go")).to_be_enabled()
        assert tab.locator("#go").inner_text().startswith("Resume at exercise ")
        assert step_number(tab) == before
        tab.locator("#go").click()
        play_steps(tab, 2)
        # Nothing reached the server while the connection was down (asked past the relay).
        asked = tab.request.get(f"{live_server.url}/api/sessions/{session_id}")
        assert asked.json()["next_index"] <= 2

        go_online(context, switch)
        tab.clock.run_for(3000)  # the outbox tries again every two seconds
        expect(tab.locator("#status")).to_have_text("Back online: every step is saved.")
        ended = step_number(tab) - 1
        events = tab.request.get(f"{url}/api/sessions/{session_id}").json()["events"]
        indices = [event["index"] for event in events]
        assert indices == list(range(ended)), indices
        assert ended < steps
        assert tab.evaluate(f"localStorage.getItem('supple.outbox.{session_id}')") is None
        assert not errors, errors
    finally:
        context.close()
        switch.close()


@pytest.mark.browser
@pytest.mark.xdist_group("browser-offline")
def test_a_pain_stop_made_offline_is_kept_and_the_finish_screen_waits_for_it(
    browser: Any, live_server: LiveServer
) -> None:
    """Ended for pain with the connection down: the stop waits in the outbox, the page
    says the finish screen opens once it is sent (a reload does not offer to resume),
    and with the connection back the stop reaches the server and the finish opens."""
    url = live_server.url
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.set_default_timeout(15_000)
    try:
        tab = context.new_page()
        answers = json.loads((ANSWERS / "ok.json").read_text())
        made = tab.request.post(url + "/api/plan?minutes=8", data=answers)
        plan_id = int(made.headers["location"].rsplit("/", 1)[1])
        started = tab.request.post(
            url + "/api/sessions", data={"plan_id": plan_id, "pain_before": 4}
        )
        session_id = started.json()["session"]["id"]
        open_player_for_offline(tab, f"{url}/session/{session_id}")
        tab.locator("#go").click()
        play_steps(tab, 1)
        stopped_at = step_number(tab) - 1

        context.set_offline(True)
        tab.get_by_role("button", name="Sharp pain: stop this exercise").click()
        tab.get_by_role("button", name="No, it is not easing").click()
        tab.get_by_role("button", name="End the session", exact=True).click()
        status = tab.locator("#status")
        expect(status).to_contain_text("The finish screen opens as soon as Supple answers")
        assert tab.url.endswith(f"/session/{session_id}")
        outbox = tab.evaluate(f"JSON.parse(localStorage.getItem('supple.outbox.{session_id}'))")
        # The pain-stop marks (pressed, then "not easing") queue in order with the step.
        steps = [body for body in outbox if not body.get("painStop")]
        assert [(body["index"], body["outcome"]) for body in steps] == [
            (stopped_at, "stopped_for_pain")
        ]
        assert len(outbox) > len(steps), "the pain-stop marks were not kept offline"
        # A reload offline keeps to the end for pain: nothing offers to resume.
        tab.reload()
        expect(status).to_contain_text("The finish screen opens as soon as Supple answers")
        expect(tab.locator("#go")).to_be_hidden()
        assert_accessible(tab, "player ended for pain, offline")

        context.set_offline(False)
        tab.clock.run_for(3000)  # the finish tries again every two seconds
        tab.wait_for_url(re.compile(rf".*/session/{session_id}/finish\?ended=pain$"))
        assert "Well done" not in tab.locator("#finish-title").inner_text()
        events = tab.request.get(f"{url}/api/sessions/{session_id}").json()["events"]
        assert [(e["index"], e["outcome"]) for e in events][-1] == (stopped_at, "stopped_for_pain")
        assert tab.evaluate(f"localStorage.getItem('supple.outbox.{session_id}')") is None
    finally:
        context.close()
