"""The exercise page's 3D viewer in a real browser: it draws, turns, plays, pauses and
switches side, by pointer and by keyboard, with no axe violation; without WebGL, with
reduced motion and in print the SVG drawings are the figure.

Headless Chromium renders WebGL with SwiftShader (on the CPU), so these run anywhere
Chromium does. What the canvas shows is read back from its pixels, a coarse grid of
grey levels: blank means no drawing, a changed grid means the picture moved.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import expect

from web_fixtures import SCREENSHOTS, SIZES, LiveServer, assert_accessible, shoot

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser-viewer_browser")]

EXERCISE = "/exercises/supine-figure-four"
READY = "#viewer3d[data-ready=true]"
# The canvas drawn into a 32 x 24 grid: each cell's mean grey level and the share of
# its pixels that are painted at all (the canvas is transparent where nothing is drawn).
GRID_SCRIPT = """() => {
  const source = document.getElementById("viewer3d-canvas");
  const grid = document.createElement("canvas");
  grid.width = 32; grid.height = 24;
  const pen = grid.getContext("2d");
  pen.drawImage(source, 0, 0, 32, 24);
  const data = pen.getImageData(0, 0, 32, 24).data;
  const cells = [];
  for (let i = 0; i < data.length; i += 4) {
    cells.push([(data[i] + data[i + 1] + data[i + 2]) / 3, data[i + 3] / 255]);
  }
  return cells;
}"""
CHANGED = 1.0  # mean grey-level change across the grid that counts as a new picture


def grid(page: Any) -> list[list[float]]:
    cells: list[list[float]] = page.evaluate(GRID_SCRIPT)
    return cells


def painted(cells: list[list[float]]) -> float:
    """The share of the canvas with something drawn on it."""
    return sum(alpha for _, alpha in cells) / len(cells)


def dark(cells: list[list[float]]) -> float:
    """The share of cells mostly covered by the body's greys (darker than the floor)."""
    return sum(1 for grey, alpha in cells if alpha > 0.5 and grey < 160) / len(cells)


def difference(first: list[list[float]], second: list[list[float]]) -> float:
    return sum(abs(a[0] * a[1] - b[0] * b[1]) for a, b in zip(first, second, strict=True)) / len(
        first
    )


def wait_for(page: Any, holds: Callable[[], bool], what: str, seconds: float = 15) -> None:
    """Poll ``holds`` on the page's own timers until it is true (SwiftShader is slow on
    a busy machine, so a fixed wait would be either flaky or long)."""
    for _ in range(int(seconds * 10)):
        if holds():
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"never happened: {what}")


def ready(page: Any, live_server: LiveServer, path: str = EXERCISE) -> Any:
    page.goto(live_server.url + path)
    page.wait_for_selector(READY)
    viewer = page.locator("#viewer3d")
    viewer.scroll_into_view_if_needed()
    return viewer


def test_the_viewer_draws_the_body_and_passes_axe(page: Any, live_server: LiveServer) -> None:
    viewer = ready(page, live_server)
    expect(viewer).to_be_visible()
    cells = grid(page)
    assert painted(cells) > 0.3, "the canvas is nearly blank"
    assert dark(cells) > 0.03, "no body is drawn"
    canvas = page.get_by_role("img", name="3D model of Figure-four stretch on your back, left side")
    expect(canvas).to_be_visible()
    description = page.locator("#viewer3d-desc").inner_text()
    assert "moving between the starting position and the held stretch" in description
    # Piriformis lies under the gluteus maximus: its mark is drawn see-through and the
    # legend says it is deep, as the SVG's dashed outline does.
    assert page.locator("#viewer3d-legend li").all_inner_texts() == [
        "Piriformis (deep)",
        "Gluteus maximus",
    ]
    assert int(viewer.get_attribute("data-deep")) > 0
    expect(page.locator("#viewer3d-legend .swatch.deep")).to_have_count(1)
    assert viewer.get_attribute("data-arrows") == "0"
    for width, height in [(1280, 800), (390, 844)]:
        page.set_viewport_size({"width": width, "height": height})
        assert_accessible(page, f"3D viewer at {width}px")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"the page scrolls sideways by {overflow}px at {width}px"
    # The page's drawings are still there, above the viewer.
    assert page.locator(".figure-slot img").count() == 2
    page.get_by_role("button", name="Pause").click()
    shoot(page, "exercise-3d")
    for label, (width, height) in SIZES.items():  # the viewer alone, to look at closely
        page.set_viewport_size({"width": width, "height": height})
        viewer.scroll_into_view_if_needed()
        viewer.screenshot(path=str(SCREENSHOTS / f"viewer-3d-{label}-{width}x{height}.png"))


def test_arrow_keys_and_the_turn_buttons_turn_the_model(page: Any, live_server: LiveServer) -> None:
    viewer = ready(page, live_server)
    page.get_by_role("button", name="Pause").click()
    before, start = grid(page), float(viewer.get_attribute("data-azimuth"))
    canvas = page.locator("#viewer3d-canvas")
    canvas.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert float(viewer.get_attribute("data-azimuth")) == (start + 30) % 360
    assert difference(before, grid(page)) > CHANGED, "the picture did not turn"
    scrolled = page.evaluate("window.scrollY")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("window.scrollY") == scrolled  # the key turns, it does not scroll
    assert float(viewer.get_attribute("data-elevation")) > 0
    page.get_by_role("button", name="Turn left").click()
    assert float(viewer.get_attribute("data-azimuth")) == (start + 15) % 360


def test_dragging_turns_the_model(page: Any, live_server: LiveServer) -> None:
    viewer = ready(page, live_server)
    page.get_by_role("button", name="Pause").click()
    before, start = grid(page), float(viewer.get_attribute("data-azimuth"))
    box = page.locator("#viewer3d-canvas").bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 120, y, steps=6)
    page.mouse.up()
    assert float(viewer.get_attribute("data-azimuth")) == pytest.approx((start + 60) % 360)
    assert difference(before, grid(page)) > CHANGED


def test_play_moves_the_model_and_pause_holds_it(page: Any, live_server: LiveServer) -> None:
    viewer = ready(page, live_server)
    assert viewer.get_attribute("data-state") == "playing"
    assert viewer.get_attribute("data-start") == "hidden"
    first = grid(page)
    wait_for(page, lambda: difference(first, grid(page)) > CHANGED, "the model moving")
    pause = page.get_by_role("button", name="Pause")
    pause.focus()
    page.keyboard.press("Enter")  # the controls work from the keyboard
    expect(page.get_by_role("button", name="Play")).to_be_focused()
    assert viewer.get_attribute("data-state") == "paused"
    held, loop = grid(page), viewer.get_attribute("data-loop")
    page.wait_for_timeout(1500)
    assert viewer.get_attribute("data-loop") == loop
    assert difference(held, grid(page)) < 0.01
    page.keyboard.press("Space")
    assert viewer.get_attribute("data-state") == "playing"
    wait_for(page, lambda: viewer.get_attribute("data-loop") != loop, "the loop going on")
    assert page.locator("#viewer3d-status").inner_text() == "Playing"


def test_the_model_rests_while_scrolled_out_of_sight(page: Any, live_server: LiveServer) -> None:
    viewer = ready(page, live_server)
    loop = viewer.get_attribute("data-loop")
    wait_for(page, lambda: viewer.get_attribute("data-loop") != loop, "the model moving")
    page.locator("footer.site").scroll_into_view_if_needed()
    page.wait_for_timeout(300)  # a frame already asked for may still be drawn
    away = viewer.get_attribute("data-loop")
    page.wait_for_timeout(1000)
    assert viewer.get_attribute("data-loop") == away, "it kept drawing out of sight"
    assert viewer.get_attribute("data-state") == "playing"  # still playing, only resting
    viewer.scroll_into_view_if_needed()
    wait_for(page, lambda: viewer.get_attribute("data-loop") != away, "the model moving again")


def test_the_side_buttons_show_the_other_side(page: Any, live_server: LiveServer) -> None:
    viewer = ready(page, live_server)
    page.get_by_role("button", name="Pause").click()
    left_button = page.get_by_role("button", name="Left side")
    right_button = page.get_by_role("button", name="Right side")
    assert left_button.get_attribute("aria-pressed") == "true"
    before = grid(page)
    right_button.focus()
    page.keyboard.press("Space")
    expect(viewer).to_have_attribute("data-side", "right")
    assert right_button.get_attribute("aria-pressed") == "true"
    assert left_button.get_attribute("aria-pressed") == "false"
    expect(page.get_by_role("img", name=re.compile("^3D model of .*, right side$"))).to_be_visible()
    assert "right side" in page.locator("#viewer3d-desc").inner_text()
    expect(page.locator("#viewer3d-status")).to_have_text("Showing the right side")
    assert difference(before, grid(page)) > CHANGED, "the picture did not change side"
    assert viewer.get_attribute("data-state") == "paused"  # switching side keeps the pause
    assert_accessible(page, "3D viewer on the right side")


def test_tab_reaches_the_model_and_every_control(page: Any, live_server: LiveServer) -> None:
    ready(page, live_server)
    active = "document.activeElement.id || document.activeElement.textContent"
    for _ in range(40):  # from the top of the page, on through the links above the viewer
        page.keyboard.press("Tab")
        if page.evaluate(active) == "viewer3d-canvas":
            break
    else:
        raise AssertionError("Tab never reaches the 3D model")
    reached = []
    for _ in range(5):
        page.keyboard.press("Tab")
        reached.append(page.evaluate(active))
    assert reached == [
        "viewer3d-left",
        "viewer3d-play",
        "viewer3d-right",
        "Left side",
        "Right side",
    ]


def test_reduced_motion_shows_the_held_position_paused_in_dark_mode_too(
    browser: Any, live_server: LiveServer
) -> None:
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, reduced_motion="reduce", color_scheme="dark"
    )
    try:
        tab = context.new_page()
        viewer = ready(tab, live_server)
        assert viewer.get_attribute("data-state") == "paused"
        assert tab.get_by_role("button", name="Play").is_visible()
        motion = tab.request.get(
            live_server.url + "/figures/motion/supine-figure-four-left.json"
        ).json()
        assert float(viewer.get_attribute("data-loop")) == pytest.approx(
            motion["times"][motion["still"]], abs=1e-4
        )
        assert dark(grid(tab)) > 0.03, "no body is drawn"
        assert viewer.get_attribute("data-start") == "shown"  # the start, faintly behind
        tab.get_by_role("button", name="Play").click()
        assert viewer.get_attribute("data-start") == "hidden"  # moving, it needs no ghost
        tab.get_by_role("button", name="Pause").click()
        assert_accessible(tab, "3D viewer in dark mode")
        for label, (width, height) in SIZES.items():
            tab.set_viewport_size({"width": width, "height": height})
            viewer.scroll_into_view_if_needed()
            viewer.screenshot(
                path=str(SCREENSHOTS / f"viewer-3d-dark-{label}-{width}x{height}.png")
            )
    finally:
        context.close()


def test_without_webgl_the_drawings_are_the_figure(browser: Any, live_server: LiveServer) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    # A browser without WebGL: every canvas refuses a WebGL context.
    context.add_init_script(
        """
        const plain = HTMLCanvasElement.prototype.getContext;
        HTMLCanvasElement.prototype.getContext = function (kind, ...rest) {
          return /webgl/.test(kind) ? null : plain.call(this, kind, ...rest);
        };
        """
    )
    errors: list[str] = []
    try:
        tab = context.new_page()
        tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        tab.on("pageerror", lambda e: errors.append(str(e)))
        tab.goto(live_server.url + EXERCISE)
        tab.wait_for_load_state("networkidle")
        assert tab.locator("#viewer3d").is_hidden()
        assert tab.locator("#viewer3d").get_attribute("data-ready") is None
        drawings = tab.locator(".figure-slot img")
        assert drawings.count() == 2 and drawings.first.is_visible()
        assert not any(
            "three" in url
            for url in tab.evaluate("performance.getEntriesByType('resource').map(e => e.name)")
        ), "three.js is fetched although it cannot draw"
        assert not errors
    finally:
        context.close()


def test_in_print_the_drawings_show_and_the_viewer_does_not(
    page: Any, live_server: LiveServer
) -> None:
    viewer = ready(page, live_server)
    page.emulate_media(media="print")
    assert viewer.is_hidden()
    assert page.locator(".figure-slot img").first.is_visible()


def test_arm_circles_show_their_direction_arrows_in_3d(page: Any, live_server: LiveServer) -> None:
    """The rings and arrowheads the SVG draws round each hand's circle are in the model
    too, in the cue blue, and the page stays axe-clean with them."""
    viewer = ready(page, live_server, "/exercises/arm-circles")
    assert viewer.get_attribute("data-arrows") == "2"
    page.get_by_role("button", name="Pause").click()
    blue = page.evaluate(BLUE_SCRIPT)
    assert blue > 20, f"only {blue} pixels of the arrows' blue are drawn"
    for width, height in [(1280, 800), (390, 844)]:
        page.set_viewport_size({"width": width, "height": height})
        viewer.scroll_into_view_if_needed()
        assert_accessible(page, f"3D arm circles at {width}px")
        viewer.screenshot(path=str(SCREENSHOTS / f"viewer-3d-arm-circles-{width}x{height}.png"))


# Pixels of the canvas close to the movement cues' blue (#2f6fb3), which no body grey,
# floor or Okabe-Ito muscle colour comes near.
BLUE_SCRIPT = """() => {
  const source = document.getElementById("viewer3d-canvas");
  const copy = document.createElement("canvas");
  copy.width = source.width; copy.height = source.height;
  const pen = copy.getContext("2d");
  pen.drawImage(source, 0, 0);
  const data = pen.getImageData(0, 0, copy.width, copy.height).data;
  let count = 0;
  for (let i = 0; i < data.length; i += 4) {
    const [r, g, b, a] = [data[i], data[i + 1], data[i + 2], data[i + 3]];
    const near = Math.abs(r - 47) < 30 && Math.abs(g - 111) < 30 && Math.abs(b - 179) < 30;
    if (a > 200 && near) count += 1;
  }
  return count;
}"""
