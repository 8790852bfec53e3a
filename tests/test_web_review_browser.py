"""Goals and the 4-week review in a real browser: a person names their goals, then
(their history moved 4 weeks on in the test database) home says the review is due and
they do it with the change rating; axe-clean at phone and desktop size, no sideways
scrolling, screenshots of each screen."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import update

from supple.settings import Settings
from supple.store import open_store
from supple.store.models import Plan, PsfsRating
from test_web_browser import check
from web_fixtures import LiveServer

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_a_person_sets_goals_then_does_the_4_week_review(
    page: Any, live_server: LiveServer
) -> None:
    settings = Settings(home=live_server.home, database_url=None)
    with open_store(settings) as store:
        store.save_plan(settings.profile, {"routine": None})

    page.goto(live_server.url + "/goals")
    assert page.get_by_role("heading", name="Your goals", exact=True).count() == 1
    page.locator("#activity1").fill("Putting on socks and shoes")
    page.locator("#goal-1").get_by_label("3", exact=True).check()
    page.locator("#activity2").fill("Playing football with my son")
    page.locator("#goal-2").get_by_label("2", exact=True).check()
    check(page, "goals")
    with page.expect_navigation():
        page.get_by_role("button", name="Save my goals").click()
    main = page.locator("main").inner_text()
    assert "Your next review is on" in main
    assert "Putting on socks and shoes: 3 out of 10" in main
    check(page, "review-not-due")

    # Four weeks on: the plan and the goals were made 28 days ago.
    with open_store(settings) as store, store.engine.begin() as connection:
        earlier = datetime.now(UTC) - timedelta(days=28)
        connection.execute(update(Plan).values(created_at=earlier))
        connection.execute(update(PsfsRating).values(rated_at=earlier))

    page.goto(live_server.url + "/")
    assert page.get_by_role("heading", name="Your 4-week review is due").count() == 1
    check(page, "home-review-due")
    with page.expect_navigation():
        page.get_by_role("link", name="Do my 4-week review").click()
    page.get_by_role("group", name="Putting on socks and shoes: how well").get_by_label(
        "6", exact=True
    ).check()
    page.get_by_role("group", name="Playing football with my son: how well").get_by_label(
        "4", exact=True
    ).check()
    page.get_by_label("+3: Somewhat better").check()
    check(page, "review-due")
    with page.expect_navigation():
        page.get_by_role("button", name="Save my review").click()
    result = page.locator("#result").inner_text()
    assert "+3 Somewhat better" in result
    assert "At least one of your figures has changed enough" in result
    assert "Keep going with your plan as it is" in result
    assert page.locator("figure.chart img").evaluate("i => i.complete && i.naturalWidth > 0")
    check(page, "review-done")
