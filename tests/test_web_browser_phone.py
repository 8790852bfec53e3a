"""What a phone user meets after a failed submit or a warning answer, in a real browser:
focus on what to fix, tall tap targets, and the warning in place of an older plan."""

from __future__ import annotations

from typing import Any

import pytest

from test_web_browser import answer_page, load
from web_fixtures import SCREENSHOTS, LiveServer, assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser-phone")]


def test_a_failed_submit_moves_focus_to_what_to_fix(page: Any, live_server: LiveServer) -> None:
    page.goto(live_server.url + "/start")
    page.locator('input[name="red_flags.fever"][value="no"]').click()
    with page.expect_navigation():
        page.get_by_role("button", name="Next").click()
    assert page.evaluate("document.activeElement.id") == "problems"
    age = page.locator("#about\\.age")
    assert age.get_attribute("aria-invalid") == "true"
    described = (age.get_attribute("aria-describedby") or "").split()
    assert "error-q-about.age" in described
    assert "Type your age in whole years" in page.locator("#error-q-about\\.age").inner_text()
    assert_accessible(page, "page 1 with errors")


def test_the_urgent_page_offers_nhs_111_and_tall_links(page: Any, live_server: LiveServer) -> None:
    page.goto(live_server.url + "/start")
    answer_page(page, load("ok"), {"red_flags.fever": "yes"})
    with page.expect_navigation():
        page.get_by_role("button", name="Next").click()
    call = page.locator("main a[href='tel:111']")
    assert call.count() == 1 and call.bounding_box()["height"] >= 48
    for link in page.locator("main a:not([href^='tel:'])").all():
        box = link.bounding_box()
        assert box["height"] >= 24 and box["width"] >= 24, link.inner_text()
    assert_accessible(page, "urgent page")
    page.goto(live_server.url + "/")
    assert page.locator("#standing-warning").count() == 1
    assert page.get_by_text("Continue with your plan").count() == 0
    assert_accessible(page, "home page with a standing warning")


def test_the_emergency_calls_fit_a_small_phone_beside_their_captions(
    page: Any, live_server: LiveServer
) -> None:
    page.goto(live_server.url + "/start")
    page.locator('input[name="red_flags.saddle_numbness"][value="yes"]').click()
    with page.expect_navigation():
        page.get_by_role("button", name="Next").click()
    for width, height in ((360, 640), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        page.evaluate("window.scrollTo(0, 0)")
        rows = page.locator("main ul.calls li")
        assert rows.count() == 3
        links = []
        for i in range(3):
            link = rows.nth(i).locator("a.call-link").bounding_box()
            caption = rows.nth(i).locator("span").bounding_box()
            for box in (link, caption):
                assert box["x"] >= 0 and box["x"] + box["width"] <= width, (width, i, box)
                assert box["y"] >= 0 and box["y"] + box["height"] <= height, (width, i, box)
            # The caption sits beside its button, not below it.
            assert caption["x"] >= link["x"] + link["width"], (width, i)
            assert (
                caption["y"] < link["y"] + link["height"]
                and link["y"] < caption["y"] + caption["height"]
            )
            links.append(link)
        # The buttons line up, and the first (the local number) stands out.
        assert len({round(box["x"]) for box in links}) == 1
        assert links[0]["height"] > links[1]["height"] and links[0]["height"] >= 56
        page.screenshot(path=str(SCREENSHOTS / f"emergency-calls-{width}x{height}.png"))
    assert_accessible(page, "emergency page on a small phone")
