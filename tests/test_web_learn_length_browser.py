"""Each Learn lesson fits one to three phone screens (issue 17): measured in a real
browser at 390x844 once every lesson is open, over the lesson's own screens (its text,
from the first heading to the last line). The picture above them and the two-question
check and sources below come with every lesson and are not counted."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from supple.learning import default_course
from supple.learning.lessons import LAST_RELEASE_DAY
from supple.settings import Settings
from supple.store import open_store
from web_fixtures import SIZES, LiveServer

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

COURSE = default_course()
PHONE_WIDTH, PHONE_HEIGHT = SIZES["phone"]
MOST_SCREENS = 3
LESSON_HEIGHT = """() => {
  const screens = document.querySelectorAll(".lesson-screen");
  const top = screens[0].getBoundingClientRect().top;
  const bottom = screens[screens.length - 1].getBoundingClientRect().bottom;
  return bottom - top;
}"""


@pytest.fixture
def every_lesson_open(live_server: LiveServer, monkeypatch: pytest.MonkeyPatch) -> LiveServer:
    """A first plan made long enough ago that the whole course is open."""
    monkeypatch.setenv("SUPPLE_HOME", str(live_server.home))
    settings = Settings()
    made = datetime.now(UTC) - timedelta(days=LAST_RELEASE_DAY)
    with open_store(settings) as store:
        store.save_plan(settings.profile, {"routine": None}, now=made)
    return live_server


@pytest.mark.parametrize("lesson", COURSE.lessons, ids=COURSE.ids)
def test_each_lesson_is_at_most_three_phone_screens_tall(
    page: Any, every_lesson_open: LiveServer, lesson: Any
) -> None:
    page.set_viewport_size({"width": PHONE_WIDTH, "height": PHONE_HEIGHT})
    page.goto(f"{every_lesson_open.url}/learn/{lesson.id}")
    for screen in lesson.screens:
        assert page.get_by_role("heading", name=screen.heading, exact=True).count() == 1
    height = page.evaluate(LESSON_HEIGHT)
    screens = height / PHONE_HEIGHT
    assert screens <= MOST_SCREENS, f"{lesson.id}: {height:.0f}px, {screens:.1f} phone screens"
