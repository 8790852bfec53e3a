"""The player on the floor: one screen at phone and desktop sizes, portrait and landscape.

At 360x640, 390x844, 844x390 and 1280x800, in every state of the player (ready,
running, paused, after a pain stop, finished) every control and the timer lie inside
the viewport with nothing to scroll (nothing lies below the player: its safety line
stands in for the site footer), each control is at least 48 px each way, axe finds
nothing, and a screenshot is saved in tests/artifacts/screenshots/ to look at.
The pain stop itself covers the whole player: its question in large type, its
choices on screen, 48 px, and on top of everything else.
Rep exercises count their reps and cue each part (up, hold, down) on screen, by voice
and by beep.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from playwright.sync_api import expect

from conftest import REPO
from supple.catalog import default_catalog
from test_web_home import ONE_LINE_NUMBERS, assert_scales_fit
from web_fixtures import SCREENSHOTS, LiveServer, assert_accessible, draw_figures_first

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser-player_layout")]

ANSWERS = REPO / "tests" / "fixtures" / "answers"
SIZES = [(360, 640), (390, 844), (844, 390), (1280, 800)]
TAP = 48
# A drawing of someone lying down is wide and low: at least this tall on screen, or the
# limbs are too small to copy from the floor. At 360x640 the width is the limit (a
# drawing 160 px tall would be 260 px wide, with the timer beside it): 140 there.
LYING_FIGURE_PX = 160
LYING_FIGURE_PX_AT = {(360, 640): 140}
LYING = {"supine", "prone", "side-lying"}
SESSION_LIMIT_MS = 20 * 60 * 1000

# Everything a person taps or reads the time from, as the page lays it out now.
PLACES = """() => {
  const shown = (e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== "hidden";
  const items = [...document.querySelectorAll(
    "#player button, #player .toggles label, #player .ring, #player #reps, #stopped-note, " +
    "#player #status, #player #awake, #player #safety-line, #player #figure, #player #say, " +
    "#player #next")];
  return items.filter(shown).map((e) => {
    const r = e.getBoundingClientRect();
    // A line of text cut short inside its own box is as hidden as one off-screen.
    const clipped = e.scrollHeight > e.clientHeight + 1 || e.scrollWidth > e.clientWidth + 1;
    return { name: e.id || e.className || e.textContent.trim().slice(0, 20),
             text: e.innerText.slice(0, 80),
             tap: e.matches("button, label"), left: r.left, top: r.top, clipped: clipped,
             right: r.right, bottom: r.bottom, width: r.width, height: r.height };
  });
}"""


def session_page(
    browser: Any, url: str, size: tuple[int, int], answers: str, minutes: int, init: str = ""
) -> Any:
    """A fresh context at ``size`` with a started session of a new plan, clock installed
    (``init``: a script to run in the page before its own)."""
    width, height = size
    context = browser.new_context(viewport={"width": width, "height": height})
    context.set_default_timeout(15_000)
    tab = context.new_page()
    if init:
        tab.add_init_script(init)
    body = json.loads((ANSWERS / f"{answers}.json").read_text())
    made = tab.request.post(f"{url}/api/plan?minutes={minutes}", data=body)
    assert made.ok, made.text()
    plan_id = int(made.headers["location"].rsplit("/", 1)[1])
    started = tab.request.post(f"{url}/api/sessions", data={"plan_id": plan_id, "pain_before": 3})
    session_url = f"{url}/session/{started.json()['session']['id']}"
    draw_figures_first(tab, session_url)
    tab.clock.install()
    tab.goto(session_url)
    expect(tab.locator("#go")).to_be_enabled()
    return tab


def assert_one_screen(tab: Any, state: str, size: tuple[int, int]) -> None:
    """Every control and the timer inside the viewport, big enough to tap, no scrolling."""
    width, height = size
    where = f"{state} at {width}x{height}"
    places = tab.evaluate(PLACES)
    assert any(p["name"] == "stop" for p in places), where
    # When to stop and when to call for help: the safety line, or after a pain stop the
    # note that says both.
    names = {p["name"] for p in places}
    assert names & {"safety-line", "stopped-note"}, f"no safety line on screen ({where})"
    for place in places:
        inside = (
            place["left"] >= -0.5
            and place["top"] >= -0.5
            and place["right"] <= width + 0.5
            and place["bottom"] <= height + 0.5
        )
        assert inside, f"{place['name']} is outside the viewport ({where}): {place}"
        # The "next" line ends in an ellipsis by design when it is long.
        cut = place["clipped"] and place["name"] != "next"
        assert not cut, f"{place['name']} is cut short ({where}): {place}"
        if place["tap"]:
            small = place["width"] < TAP - 0.5 or place["height"] < TAP - 0.5
            assert not small, f"{place['name']} is smaller than {TAP}px ({where}): {place}"
    # Nothing drawn over anything else: after a pain stop the drawing once lay over the
    # stop note's advice at 360x640 (u16b).
    for index, one in enumerate(places):
        for other in places[index + 1 :]:
            across = min(one["right"], other["right"]) - max(one["left"], other["left"])
            down = min(one["bottom"], other["bottom"]) - max(one["top"], other["top"])
            overlap = across > 1 and down > 1
            assert not overlap, f"{one['name']} lies over {other['name']} ({where})"
    ring = next(p for p in places if p["name"] == "ring")
    assert ring["width"] >= 80, f"the timer is tiny ({where}): {ring}"
    scrolled = tab.evaluate("[window.scrollX, window.scrollY]")
    assert scrolled == [0, 0], f"the page scrolled to show a control ({where})"
    sideways = tab.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert sideways <= 0, f"sideways scrolling by {sideways}px ({where})"
    # Nothing below the player either (the site footer gives way during a session).
    below = tab.evaluate("document.documentElement.scrollHeight - window.innerHeight")
    assert below <= 0, f"the page is {below}px taller than the screen ({where})"
    assert_accessible(tab, where)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tab.wait_for_load_state("networkidle")
    shot = SCREENSHOTS / f"floor-{state}-{width}x{height}.png"
    tab.screenshot(path=str(shot), animations="disabled")


# The pain-stop panel's question, its buttons and checkbox, and what lies on top at
# the middle of each of them (a button covered by something else cannot be tapped).
PAIN_PANEL = """() => {
  const panel = document.getElementById("pain-stop");
  const box = (e) => {
    const r = e.getBoundingClientRect();
    return { left: r.left, top: r.top, right: r.right, bottom: r.bottom,
             width: r.width, height: r.height };
  };
  const question = document.getElementById("pain-stop-question");
  const taps = [...panel.querySelectorAll("button, label")]
    .filter((e) => e.getClientRects().length > 0);
  return {
    panel: box(panel),
    question: { ...box(question), size: parseFloat(getComputedStyle(question).fontSize) },
    taps: taps.map((e) => {
      const r = e.getBoundingClientRect();
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      const name = e.id || e.textContent.trim().slice(0, 30);
      return { name: name, ...box(e), on_top: e.contains(hit) };
    }),
    others_inert: [...document.getElementById("player").children]
      .filter((e) => e !== panel).every((e) => e.inert),
  };
}"""


def assert_pain_panel(tab: Any, state: str, size: tuple[int, int]) -> None:
    """The pain stop covers the player: large question, every choice on screen and tappable."""
    width, height = size
    where = f"{state} at {width}x{height}"
    seen = tab.evaluate(PAIN_PANEL)
    panel = seen["panel"]
    assert panel["left"] <= 0.5 and panel["top"] <= 0.5, f"the panel does not cover ({where})"
    assert panel["right"] >= width - 0.5 and panel["bottom"] >= height - 0.5, where
    assert seen["others_inert"], f"the player under the panel can still be used ({where})"
    assert seen["question"]["size"] >= 28, f"the question is not in large type ({where})"
    assert seen["question"]["top"] >= -0.5, f"the question is off-screen ({where})"
    assert len(seen["taps"]) >= 2, where
    for tap in seen["taps"]:
        inside = tap["left"] >= -0.5 and tap["top"] >= -0.5
        inside = inside and tap["right"] <= width + 0.5 and tap["bottom"] <= height + 0.5
        assert inside, f"{tap['name']} is outside the viewport ({where}): {tap}"
        small = tap["width"] < TAP - 0.5 or tap["height"] < TAP - 0.5
        assert not small, f"{tap['name']} is smaller than {TAP}px ({where}): {tap}"
        assert tap["on_top"], f"{tap['name']} is covered ({where}): {tap}"
    assert tab.evaluate("[window.scrollX, window.scrollY]") == [0, 0], where
    panel_scroll = tab.evaluate(
        "(() => { const p = document.getElementById('pain-stop');"
        " return p.scrollHeight - p.clientHeight; })()"
    )
    assert panel_scroll <= 0, f"the panel scrolls by {panel_scroll}px ({where})"
    assert_accessible(tab, where)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(
        path=str(SCREENSHOTS / f"floor-{state}-{width}x{height}.png"), animations="disabled"
    )


def play_until(tab: Any, pattern: str | int) -> None:
    """Run the clock until the position line matches ``pattern``, or (an int) the
    player is on that timeline step (``data-step``; the line counts exercises)."""
    for _ in range(SESSION_LIMIT_MS // 1000):
        where = tab.locator("#position-text")
        if isinstance(pattern, int):
            if where.get_attribute("data-step") == str(pattern):
                return
        elif re.search(pattern, where.inner_text()):
            return
        tab.clock.run_for(1000)
    raise AssertionError(f"never reached {pattern!r}")


def wait_for_figure(tab: Any) -> None:
    """Until the player's figure has loaded. Polled with ``evaluate``: Playwright's
    ``wait_for_function`` evaluates a string predicate with eval once it has to poll,
    which the player's Content-Security-Policy refuses (seen at 844x390 under load)."""
    for _ in range(300):
        if tab.evaluate("document.getElementById('figure').complete"):
            return
        tab.wait_for_timeout(50)
    raise AssertionError("the player's figure never loaded")


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_every_player_state_fits_one_screen(
    browser: Any, live_server: LiveServer, size: tuple[int, int]
) -> None:
    tab = session_page(browser, live_server.url, size, "ok", 8)
    try:
        # The site menu gives way to the player.
        assert tab.locator("header.site nav").count() == 0
        assert_one_screen(tab, "ready", size)
        tab.locator("#go").click()
        tab.clock.run_for(2000)
        assert_one_screen(tab, "running", size)
        tab.locator("#pause").click()
        expect(tab.locator("#pause")).to_have_text("Resume")
        assert_one_screen(tab, "paused", size)
        # The tallest pain stop: during a get-ready, so it also asks whether the pain
        # came from the exercise about to start.
        tab.locator("#pause").click()
        play_until(tab, "Get ready")
        tab.locator("#stop").click()
        expect(tab.locator("#pain-count-field")).to_be_visible()
        assert_pain_panel(tab, "pain-stop", size)
        tab.get_by_role("button", name="Yes, it is easing").click()
        tab.locator("#pain-count").check()
        assert_pain_panel(tab, "pain-stop-choices", size)
        tab.get_by_role("button", name="Skip to the next exercise").click()
        expect(tab.locator("#stopped-note")).to_be_visible()
        expect(tab.locator("#pain-stop")).to_be_hidden()
        tab.locator("#pause").click()
        expect(tab.locator("#pause")).to_have_text("Resume")
        assert_one_screen(tab, "after-pain-stop", size)
        tab.locator("#pause").click()
        tab.locator("#big-screen").click()
        expect(tab.locator("#big-screen")).to_have_attribute("aria-pressed", "true")
        assert_one_screen(tab, "big-screen", size)
        tab.locator("#big-screen").click()

        tab.clock.run_for(SESSION_LIMIT_MS)
        expect(tab.locator("#finish")).to_be_visible()
        finish_heading = tab.locator("#finish-title").bounding_box()
        assert finish_heading and finish_heading["y"] + finish_heading["height"] <= size[1]
        # The 0-10 scale after the session: one line of 11 equal buttons, inside its box.
        assert assert_scales_fit(tab, f"finished at {size[0]}x{size[1]}", size[0]) == 1
        assert tab.evaluate(ONE_LINE_NUMBERS), "a number wraps inside its button"
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        tab.screenshot(path=str(SCREENSHOTS / f"floor-finished-{size[0]}x{size[1]}.png"))
        assert_accessible(tab, f"finished at {size[0]}x{size[1]}")
    finally:
        tab.context.close()


# How tall the drawing itself is on screen: the picture is fitted inside the <img> box
# (object-fit: contain), so the smaller of the box's height and its width over the
# drawing's own proportions.
DRAWN = """() => {
  const f = document.getElementById("figure");
  const r = f.getBoundingClientRect();
  if (f.hidden || !f.naturalWidth) return null;
  return Math.min(r.height, (r.width * f.naturalHeight) / f.naturalWidth);
}"""


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_a_lying_figure_is_large_on_every_screen(
    browser: Any, live_server: LiveServer, size: tuple[int, int]
) -> None:
    """A person lying on the floor glances sideways at the phone: the drawing of a lying
    exercise is at least 160 px tall, in portrait and in landscape, while the rest of
    the player still fits one screen."""
    # Eight minutes of this routine: pelvic tilt and knee to chest, both lying on the back.
    tab = session_page(browser, live_server.url, size, "preferences", 8)
    try:
        session = tab.evaluate(
            "fetch(location.pathname.replace('/session/', '/api/sessions/')).then(r => r.json())"
        )
        catalog = default_catalog()
        lying = [
            (number, step)
            for number, step in enumerate(session["timeline"]["steps"], start=1)
            if step["exercise"]
            and step["kind"] in ("reps", "hold")
            and catalog.exercise(step["exercise"]).position_of(step["variant"]) in LYING
        ]
        assert lying, "the routine has no lying exercise to measure"
        number, step = lying[0]
        tab.wait_for_load_state("networkidle")
        tab.locator("#go").click()
        play_until(tab, number - 1)
        wait_for_figure(tab)
        for state in ("lying-get-ready", "lying-running", "lying-paused"):
            if state == "lying-running":
                play_until(tab, number)
            if state == "lying-paused":
                tab.locator("#pause").click()
                expect(tab.locator("#status")).to_have_text("Paused")
            wait_for_figure(tab)
            drawn = tab.evaluate(DRAWN)
            where = f"{step['exercise']}, {state} at {size[0]}x{size[1]}"
            assert drawn is not None, f"no drawing ({where})"
            least = LYING_FIGURE_PX_AT.get(size, LYING_FIGURE_PX)
            assert drawn >= least, f"the drawing is {drawn:.0f}px tall ({where})"
            assert_one_screen(tab, state, size)
    finally:
        tab.context.close()


# Records what the page would say and the pitch of every beep it would play.
LISTEN = """
window.__said = [];
window.__beeps = [];
if (window.speechSynthesis) {
  Object.defineProperty(window.speechSynthesis, "speaking", { get: () => false });
  window.speechSynthesis.speak = (u) => window.__said.push(u.text);
  window.speechSynthesis.cancel = () => {};
}
const make = AudioContext.prototype.createOscillator;
AudioContext.prototype.createOscillator = function () {
  const osc = make.call(this);
  window.__beeps.push(osc);
  return osc;
};
"""


def test_reps_are_counted_with_a_tempo_on_screen_by_voice_and_by_beep(
    browser: Any, live_server: LiveServer
) -> None:
    # 15 minutes: this routine has a rep exercise that pauses at the top (its hold).
    tab = session_page(browser, live_server.url, (390, 844), "preferences", 15, init=LISTEN)
    try:
        session = tab.evaluate(
            "fetch(location.pathname.replace('/session/', '/api/sessions/')).then(r => r.json())"
        )
        steps = session["timeline"]["steps"]
        number, reps = next(
            (n, s)
            for n, s in enumerate(steps, start=1)
            if s["kind"] == "reps" and s["tempo"] and s["tempo"]["hold"] > 0
        )
        tempo = reps["tempo"]
        tab.locator("#speech").check()
        tab.locator("#go").click()
        play_until(tab, number)
        # The clock stops within the first second of the block: rep 1, going up.
        expect(tab.locator("#rep-count")).to_have_text(f"Rep 1 of {reps['reps']}")
        tab.evaluate("window.__said = []; window.__beeps = [];")
        seen = []
        for _ in range(int((tempo["up"] + tempo["hold"] + tempo["down"]) * 10) + 5):
            count, phase = tab.locator("#rep-count"), tab.locator("#tempo")
            seen.append((count.inner_text(), phase.inner_text()))
            tab.clock.run_for(100)
        phases = [phase for _, phase in seen]
        order = [p for i, p in enumerate(phases) if i == 0 or phases[i - 1] != p]
        assert order[:4] == ["Up", "Hold", "Down", "Up"] or order[:3] == ["Hold", "Down", "Up"]
        assert seen[-1][0] == f"Rep 2 of {reps['reps']}"
        said = tab.evaluate("window.__said")
        assert {"Hold", "Down", "Up"} <= set(said), said
        pitches = tab.evaluate("window.__beeps.map(o => o.frequency.value)")
        assert {740, 600, 440} <= {round(p) for p in pitches}, pitches
        assert_accessible(tab, "reps")
        tab.screenshot(path=str(SCREENSHOTS / "floor-reps-390x844.png"))
    finally:
        tab.context.close()
