"""The player's rough edges on a phone (issue 16), each measured in the browser.

- The timer's digits never touch the countdown ring: their box lies inside the ring's
  inner circle with at least 4 px to spare, for "15", "3:43" and "10:00", in normal and
  big-screen mode, at every size the player is built for.
- The Beeps and Voice tick boxes are at least 24 px, and each whole label (box and
  word) is a target of at least 44x44 px: a tap anywhere on it ticks the box.
- The safety line (when to stop, and the signs that mean an emergency) is on the one
  screen in every state, and nothing at all lies below the player: the site footer
  gives way during a session, as the site menu does.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from supple.player.pain_stop import SAFETY_LINE_EMERGENCY, SAFETY_LINE_STOP
from test_web_player_layout import SIZES, play_until, session_page
from web_fixtures import SCREENSHOTS, LiveServer, assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser-player_fit")]

RING_GAP_PX = 4
TARGET_PX = 44
BOX_PX = 24

# The count's text box against the ring's inner circle (the track's radius less half its
# stroke, in screen pixels): how far the farthest corner of the text stays inside it.
RING_ROOM = """() => {
  const count = document.getElementById("count");
  const text = count.firstChild;
  const range = document.createRange();
  range.selectNodeContents(text);
  const box = range.getBoundingClientRect();
  const svg = document.querySelector("#player .ring svg");
  const track = svg.querySelector("circle.track");
  const frame = svg.getBoundingClientRect();
  const scale = frame.width / svg.viewBox.baseVal.width;
  const inner = (track.r.baseVal.value - Number(track.getAttribute("stroke-width")) / 2) * scale;
  const cx = frame.left + frame.width / 2, cy = frame.top + frame.height / 2;
  const corners = [box.left, box.right].flatMap((x) => [box.top, box.bottom].map((y) => [x, y]));
  const far = Math.max(...corners.map(([x, y]) => Math.hypot(x - cx, y - cy)));
  return { text: count.textContent, room: inner - far, inner: inner,
           width: box.width, height: box.height };
}"""


def assert_digits_clear_of_the_ring(tab: Any, where: str) -> None:
    seen = tab.evaluate(RING_ROOM)
    assert seen["room"] >= RING_GAP_PX, f"the timer's digits touch the ring ({where}): {seen}"


# The widest count the player shows: a step of ten minutes or more reads "10:00". No
# routine has one yet, so the count is given that text (and its length) by hand.
WIDEST = """() => { const c = document.getElementById("count");
  c.textContent = "10:00"; c.dataset.length = "5"; }"""


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_the_timer_digits_keep_clear_of_the_ring(
    browser: Any, live_server: LiveServer, size: tuple[int, int]
) -> None:
    for big in (False, True):
        mode = "big screen" if big else "normal"
        tab = session_page(browser, live_server.url, size, "ok", 8)
        try:
            if big:
                tab.locator("#big-screen").click()
                expect(tab.locator("#big-screen")).to_have_attribute("aria-pressed", "true")
            expect(tab.locator("#count")).to_have_text("15")  # the first get-ready
            assert_digits_clear_of_the_ring(tab, f"'15', {mode}, {size}")
            tab.locator("#go").click()
            play_until(tab, "Warm-up")  # the brisk walk: minutes and seconds
            tab.locator("#pause").click()
            shown = tab.locator("#count").inner_text()
            assert ":" in shown, shown
            assert_digits_clear_of_the_ring(tab, f"'{shown}', {mode}, {size}")
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            name = f"floor-ring-{'big' if big else 'normal'}-{size[0]}x{size[1]}.png"
            tab.screenshot(path=str(SCREENSHOTS / name), animations="disabled")
            tab.evaluate(WIDEST)
            assert_digits_clear_of_the_ring(tab, f"'10:00', {mode}, {size}")
        finally:
            tab.context.close()


# Each tick box of the player, its label's box, and two points at the label's edges (the
# far end of the word, and the bottom edge under the box): whether each lands on the
# label, so a tap there ticks the box.
TICK_BOXES = """() => ["sound", "speech"].map((id) => {
  const box = document.getElementById(id);
  const label = box.closest("label");
  const b = box.getBoundingClientRect(), l = label.getBoundingClientRect();
  const edges = [[l.right - 2, l.top + l.height / 2], [b.left + b.width / 2, l.bottom - 2]];
  return { id: id, box: [b.width, b.height], label: [l.width, l.height], edges: edges,
           on_label: edges.every(([x, y]) => label.contains(document.elementFromPoint(x, y))) };
})"""


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_the_sound_tick_boxes_are_large_and_their_whole_label_ticks_them(
    browser: Any, live_server: LiveServer, size: tuple[int, int]
) -> None:
    tab = session_page(browser, live_server.url, size, "ok", 8)
    try:
        for big in (False, True):
            if big:
                tab.locator("#big-screen").click()
            for seen in tab.evaluate(TICK_BOXES):
                where = f"{seen['id']} at {size}, big screen {big}"
                assert min(seen["box"]) >= BOX_PX - 0.01, f"the box is small ({where}): {seen}"
                assert min(seen["label"]) >= TARGET_PX - 0.01, f"small target ({where}): {seen}"
                assert seen["on_label"], f"the label's edges are not its own ({where}): {seen}"
                box = tab.locator(f"#{seen['id']}")
                for x, y in seen["edges"]:
                    was = box.is_checked()
                    tab.mouse.click(x, y)
                    assert box.is_checked() is not was, f"a tap at {x}, {y} did nothing ({where})"
        assert_accessible(tab, f"tick boxes at {size}")
    finally:
        tab.context.close()


def test_the_safety_line_says_when_to_stop_and_when_to_call_for_help(
    browser: Any, live_server: LiveServer
) -> None:
    """Its words are the player module's (one place), the footer is gone from the
    session, and after a pain stop the note that says the same thing takes its place."""
    tab = session_page(browser, live_server.url, (360, 640), "ok", 8)
    try:
        line = tab.locator("#safety-line")
        expect(line).to_have_text(f"{SAFETY_LINE_STOP} {SAFETY_LINE_EMERGENCY}")
        assert "999" in SAFETY_LINE_EMERGENCY and "stop" in SAFETY_LINE_STOP
        expect(line).to_be_in_viewport(ratio=1)
        expect(tab.locator("footer.site")).to_be_hidden()
        tab.locator("#go").click()
        play_until(tab, "Get ready")
        tab.locator("#stop").click()
        tab.get_by_role("button", name="Yes, it is easing").click()
        tab.get_by_role("button", name="Skip to the next exercise").click()
        note = tab.locator("#stopped-note")
        expect(note).to_be_in_viewport(ratio=1)
        expect(note).to_contain_text("spreading pain means stop")
        expect(note).to_contain_text("call 999")
        expect(line).to_be_hidden()
    finally:
        tab.context.close()
