"""In a real browser: the player draws the version the plan chose (issue 13, F1).

The nerve-root profile's plan does the seated twist on a chair. The plan page draws
the chair; the player, stepping to that exercise, must show the same drawing, not the
floor version the exercise itself is drawn as. Its own module, so its own live server.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from playwright.sync_api import expect

from conftest import REPO
from web_fixtures import LiveServer, assert_accessible, draw_figures_first, shoot

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser-variant-player")]

PROFILE = REPO / "tests" / "fixtures" / "profiles" / "nerve_root.json"
TWIST = "seated-spinal-twist"


def test_the_player_draws_the_variant_the_plan_chose(page: Any, live_server: LiveServer) -> None:
    url = live_server.url
    made = page.request.post(url + "/api/plan", data=json.loads(PROFILE.read_text()))
    assert made.ok, made.text()
    plan_id = int(made.headers["location"].rsplit("/", 1)[1])
    item = next(i for i in made.json()["routine"]["items"] if i["exercise"] == TWIST)
    assert item["variant"] == "On a chair"
    draw_figures_first(page, f"{url}/plan/{plan_id}")
    page.goto(f"{url}/plan/{plan_id}")
    plan_urls = [
        src
        for src in page.locator("img").evaluate_all("els => els.map(e => e.getAttribute('src'))")
        if src and src.startswith(f"/figures/{TWIST}")
    ]
    assert plan_urls and all(u.startswith(f"/figures/{TWIST}.on-a-chair-") for u in plan_urls)

    started = page.request.post(url + "/api/sessions", data={"plan_id": plan_id, "pain_before": 2})
    session_id = started.json()["session"]["id"]
    steps = started.json()["timeline"]["steps"]
    draw_figures_first(page, f"{url}/session/{session_id}")
    page.clock.install()
    page.goto(f"{url}/session/{session_id}")
    expect(page.locator("#go")).to_be_enabled()
    page.locator("#go").click()
    figure = page.locator("#figure")
    seen: dict[str, str] = {}
    for _ in steps:
        current = page.locator("#position-text").get_attribute("data-step")
        step = steps[int(current or "1") - 1]
        if step["exercise"] == TWIST and step["kind"] != "ready":
            seen[step.get("side") or "left"] = figure.get_attribute("src") or ""
        if len(seen) == 2:
            break
        page.locator("#skip").click()
        page.wait_for_function(
            "n => document.querySelector('#position-text').dataset.step !== n", arg=current
        )
    assert set(seen) == {"left", "right"}, seen
    for side, src in seen.items():
        assert src in plan_urls and f".on-a-chair-{side}-" in src, (side, src, plan_urls)
    assert re.search("On a chair", figure.get_attribute("alt") or "")
    assert_accessible(page, "player-variant-figure")
    shoot(page, "player-variant-figure", settle=False)
