"""The screen stays on during a session, wherever the page is opened.

Wake Lock exists only in a secure context (loopback, or the https LAN address); a phone
on plain http (``supple serve --lan --insecure-http``) has no ``navigator.wakeLock``,
and a secure page can still be refused one (battery saver). There the player plays a
tiny silent looping video from its own static files, which phones treat as "something
is playing" and so keep the screen on, and says so in a visible note.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from test_web_player_layout import session_page
from web_fixtures import SCREENSHOTS, LiveServer, assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser-player_awake")]

PHONE = (390, 844)
# Plain http on the LAN: the browser offers no Wake Lock at all.
NO_WAKE_LOCK = "delete Navigator.prototype.wakeLock;"
# A secure page whose request is refused.
REFUSED = """Object.defineProperty(Navigator.prototype, "wakeLock", { configurable: true,
  get: () => ({
    request: () => Promise.reject(new DOMException("refused", "NotAllowedError")) }) });"""
# A wake lock that is granted, and remembers that it was asked for.
GRANTED = """window.__locks = 0;
Object.defineProperty(Navigator.prototype, "wakeLock", { configurable: true,
  get: () => ({ request: () => { window.__locks += 1; const lock = new EventTarget();
    lock.release = () => Promise.resolve(); return Promise.resolve(lock); } }) });"""

# The fallback video as the page has it: whether it plays, silently, in a loop, from where.
VIDEO = """() => { const v = document.querySelector("#player video");
  return v && { playing: !v.paused && !v.ended, muted: v.muted, loop: v.loop,
                inline: v.playsInline, src: v.currentSrc,
                hidden_from_readers: v.closest("[aria-hidden=true]") !== null }; }"""


@pytest.mark.parametrize("init", [NO_WAKE_LOCK, REFUSED], ids=["no-wake-lock", "refused"])
def test_without_a_wake_lock_a_silent_looping_video_keeps_the_screen_on(
    browser: Any, live_server: LiveServer, init: str
) -> None:
    tab = session_page(browser, live_server.url, PHONE, "ok", 8, init=init)
    try:
        tab.locator("#go").click()
        tab.wait_for_function(
            "(() => { const v = document.querySelector('#player video');"
            " return v && !v.paused; })()"
        )
        video = tab.evaluate(VIDEO)
        assert video["playing"] and video["muted"] and video["loop"] and video["inline"], video
        assert f"{live_server.url}/static/" in video["src"], video
        assert video["hidden_from_readers"], video
        note = tab.locator("#awake")
        expect(note).to_be_visible()
        expect(note).to_contain_text("silent video")
        assert_accessible(tab, "player keeping the screen on with a video")
        tab.screenshot(path=str(SCREENSHOTS / "floor-awake-fallback-390x844.png"))
        # Pausing keeps it playing (the person may rest); ending the session stops it.
        tab.locator("#pause").click()
        assert tab.evaluate(VIDEO)["playing"]
    finally:
        tab.context.close()


def test_with_a_wake_lock_no_video_plays_and_no_note_shows(
    browser: Any, live_server: LiveServer
) -> None:
    tab = session_page(browser, live_server.url, PHONE, "ok", 8, init=GRANTED)
    try:
        tab.locator("#go").click()
        tab.wait_for_function("window.__locks === 1")
        tab.clock.run_for(2000)
        video = tab.evaluate(VIDEO)
        assert video is None or not video["playing"], video
        expect(tab.locator("#awake")).to_be_hidden()
    finally:
        tab.context.close()
