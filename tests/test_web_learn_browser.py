"""The Learn course in a real browser at phone size: the index, the first lesson and its
check, then the index again with the lesson done; axe-clean, no sideways scrolling."""

from __future__ import annotations

from typing import Any

import pytest

from supple.learning import default_course
from test_web_browser import check
from web_fixtures import LiveServer

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

COURSE = default_course()
FIRST = COURSE.lessons[0]


def test_a_person_reads_the_first_lesson_and_answers_its_check(
    page: Any, live_server: LiveServer
) -> None:
    page.goto(live_server.url + "/learn")
    assert page.get_by_role("heading", name="Learn", exact=True).count() == 1
    check(page, "learn-index")
    with page.expect_navigation():
        page.get_by_role("link", name=f"Next: {FIRST.title}").click()
    picture = page.locator(".lesson-picture img")
    assert picture.get_attribute("alt") == FIRST.alt
    assert picture.evaluate("i => i.complete && i.naturalWidth > 0")
    for screen in FIRST.screens:
        assert page.get_by_role("heading", name=screen.heading).count() == 1
    check(page, "learn-lesson")

    wrong = 1 - FIRST.check[0].answer
    page.get_by_label(FIRST.check[0].choices[wrong]).check()
    page.get_by_label(FIRST.check[1].choices[FIRST.check[1].answer]).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Check my answers").click()
    result = page.locator("#check-result")
    text = result.inner_text()
    assert f"The best answer is: {FIRST.check[0].choices[FIRST.check[0].answer]}" in text
    assert "Right." in text
    check(page, "learn-lesson-checked")

    with page.expect_navigation():
        page.get_by_role("link", name=f"Next lesson: {COURSE.lessons[1].title}").click()
    check(page, "learn-help-lesson")
    page.goto(live_server.url + "/learn")
    assert "1 of 7 lessons done" in page.locator("main").inner_text()
    check(page, "learn-index-one-done")
