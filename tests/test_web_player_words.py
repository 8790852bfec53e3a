"""What the player says about where the person is: exercises, not timeline steps.

A phone user read "Step 1 of 36" for a session of 8 exercises, and "Get ready: Brisk
walk ... Next: Brisk walk". The position line counts exercises, and "Next" names the
next part of this exercise or the next exercise, never the one on screen again.
"""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import expect

from test_web_home import ANSWERS
from web_fixtures import LiveServer


def test_the_player_counts_exercises_and_next_names_what_changes(
    page: Any, live_server: LiveServer
) -> None:
    url = live_server.url
    made = page.request.post(url + "/api/plan?minutes=8", data=ANSWERS)
    assert made.ok
    plan_id = made.headers["location"].rsplit("/", 1)[1]
    plan = page.request.get(f"{url}/api/plans/{plan_id}").json()
    exercises = len(plan["document"]["routine"]["items"])
    page.goto(url + "/")
    page.locator('input[name="pain_before"][value="3"]').check()
    with page.expect_navigation():
        page.get_by_role("button", name="Start today's session").click()
    session_id = page.url.rsplit("/", 1)[1]
    total = page.request.get(f"{url}/api/sessions/{session_id}").json()["timeline"]["total_seconds"]
    page.clock.install()
    page.reload()
    expect(page.locator("#go")).to_be_enabled()
    page.locator("#go").click()
    seen: set[str] = set()
    # The fake clock also moves with real time (it is not paused), so stop well before the
    # end: on a loaded machine the last steps ran out and the page went to the finish.
    for _ in range((total - 60) // 2):
        line = page.locator("#position-text").inner_text()
        found = re.match(r"Exercise (\d+) of (\d+) · ", line)
        assert found, line
        assert int(found[2]) == exercises and 1 <= int(found[1]) <= exercises
        name = page.locator("#now").inner_text().removeprefix("Get ready: ").split(":")[0]
        following = page.locator("#next").inner_text()
        assert following != f"Next: {name}", (line, name, following)
        seen.add(following)
        page.clock.run_for(2000)
    assert any(line.startswith("Next: ") for line in seen)
    assert "Step " not in page.locator("#player").inner_text()
