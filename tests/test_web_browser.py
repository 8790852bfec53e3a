"""The web app in a real browser: every page at phone and desktop size, with axe-core.

These drive Debian's Chromium through Playwright against a live server (see
web_fixtures.py). Screenshots land in tests/artifacts/screenshots/.
"""

from __future__ import annotations

from typing import Any

import pytest

from web_fixtures import LiveServer, assert_accessible, shoot

pytestmark = pytest.mark.browser

CATALOG_PAGES = {
    "home": "/",
    "exercises": "/exercises",
    "exercise": "/exercises/supine-figure-four",
    "learn": "/learn",
}


@pytest.mark.parametrize("name", sorted(CATALOG_PAGES))
def test_catalog_pages_are_accessible_at_both_sizes(
    page: Any, live_server: LiveServer, name: str
) -> None:
    page.goto(live_server.url + CATALOG_PAGES[name])
    assert page.locator("h1").count() == 1
    for width, height in [(390, 844), (1280, 800)]:
        page.set_viewport_size({"width": width, "height": height})
        assert_accessible(page, f"{name} at {width}px")
        # Nothing is wider than the screen: no sideways scrolling on a phone.
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{name} scrolls sideways by {overflow}px at {width}px"
    shoot(page, name)


def test_home_page_starts_the_questions_by_keyboard(page: Any, live_server: LiveServer) -> None:
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    start = page.get_by_role("link", name="Start the questions")
    start.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/start")
