"""Figures big enough to learn from on a phone: at 390x844 every lying exercise's figure
(lying on the back, front or side, or on all fours) is drawn at least 160 px tall, on
the exercise page and on the plan page (issue 15).

What is measured is the drawing as painted: the image box shrunk to the SVG's own
shape (``object-fit: contain``), so a box padded with empty space does not count.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from conftest import REPO
from supple.catalog import default_catalog
from web_fixtures import LiveServer

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser-figure_sizes")]

PHONE = {"width": 390, "height": 844}
TALLEST_NEEDED = 160.0
LYING = {"prone", "supine", "side-lying", "all-fours"}
LYING_IDS = sorted(e.id for e in default_catalog().exercises.values() if e.position in LYING)
PLAN_ANSWERS = sorted(
    [
        *(REPO / "tests" / "fixtures" / "profiles").glob("*.json"),
        REPO / "tests/fixtures/answers/ok.json",
    ]
)
# /figures/<exercise>[.<variant>]-<side>-...: a variant's drawing names its exercise first.
FIGURE_ID = re.compile(r"/figures/(?P<exercise>[a-z0-9-]+?)(?:\.[a-z0-9-]+?)?-(?:left|right)-")

# Each drawn figure's painted size: the image box scaled down to the SVG's aspect ratio.
PAINTED = """async () => {
  const out = [];
  for (const img of document.querySelectorAll(".figure-slot img")) {
    img.loading = "eager";
    if (!img.complete) await new Promise((done) => { img.onload = done; img.onerror = done; });
    const box = img.getBoundingClientRect();
    const scale = Math.min(box.width / img.naturalWidth, box.height / img.naturalHeight);
    out.push({ src: img.getAttribute("src"), width: img.naturalWidth * scale,
               height: img.naturalHeight * scale, right: box.right });
  }
  return out;
}"""


def lying_figures(page: Any) -> list[dict[str, Any]]:
    found = []
    for figure in page.evaluate(PAINTED):
        match = FIGURE_ID.search(figure["src"])
        assert match, figure
        if match["exercise"] in LYING_IDS:
            found.append({**figure, "exercise": match["exercise"]})
    return found


def assert_tall_enough(figures: list[dict[str, Any]], where: str) -> None:
    for figure in figures:
        assert figure["right"] <= PHONE["width"] + 0.5, f"{where}: runs off the screen {figure}"
        assert figure["height"] >= TALLEST_NEEDED, (
            f"{where}: {figure['exercise']} is drawn {figure['height']:.0f} px tall, "
            f"under {TALLEST_NEEDED:.0f} px: {figure}"
        )


@pytest.fixture
def phone(browser: Any) -> Any:
    context = browser.new_context(viewport=PHONE)
    context.set_default_timeout(90_000)  # first drawings are slow on a busy machine
    yield context.new_page()
    context.close()


def test_there_are_lying_exercises_to_measure() -> None:
    assert {"prone-back-extension", "bird-dog", "glute-bridge"} <= set(LYING_IDS)


@pytest.mark.parametrize("exercise", LYING_IDS)
def test_exercise_page_draws_a_lying_figure_160px_tall(
    phone: Any, live_server: LiveServer, exercise: str
) -> None:
    phone.goto(f"{live_server.url}/exercises/{exercise}", wait_until="domcontentloaded")
    figures = lying_figures(phone)
    assert figures, f"no figure of {exercise} on its page"
    assert_tall_enough(figures, f"/exercises/{exercise}")


def test_plan_pages_draw_lying_figures_160px_tall(phone: Any, live_server: LiveServer) -> None:
    """Plans for every profile: each lying exercise they contain is drawn tall enough."""
    seen: set[str] = set()
    for answers in PLAN_ANSWERS:
        made = phone.request.post(
            f"{live_server.url}/api/plan?minutes=30", data=json.loads(answers.read_text())
        )
        if not made.ok or "location" not in made.headers:
            continue  # an answer set that ends in advice, not a plan
        plan = made.headers["location"].replace("/api/plans/", "/plan/")
        phone.goto(live_server.url + plan, wait_until="domcontentloaded")
        figures = lying_figures(phone)
        assert_tall_enough(figures, f"plan for {answers.name}")
        seen |= {f["exercise"] for f in figures}
    assert len(seen) >= 3, f"the plans showed too few lying exercises to judge: {seen}"
