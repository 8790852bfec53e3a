"""What a phone user meets after a failed submit or a warning answer, in a real browser:
focus on what to fix, tall tap targets, and the warning in place of an older plan."""

from __future__ import annotations

from typing import Any

import pytest

from test_web_browser import answer_page, load
from web_fixtures import LiveServer, assert_accessible

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
    assert "How old are you" in page.locator("#error-q-about\\.age").inner_text()
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
