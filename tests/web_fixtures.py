"""Fixtures for the browser tests: a real server on a free loopback port and headless Chromium.

The server runs in its own process (uvicorn, the same code path as ``supple serve``)
with a throwaway SUPPLE_HOME, so it has its own settings, database and secret and
nothing a test does can touch the person's real data. Chromium is Debian's
``/usr/bin/chromium`` driven by Playwright for Python; it is started with networking
extras switched off so a test never reaches the internet. Without Chromium the
browser tests skip locally and fail in CI (see ``require`` in conftest).

Helpers: ``shoot`` saves a page at phone (390x844) and desktop (1280x800) sizes into
tests/artifacts/screenshots/, and ``assert_accessible`` runs axe-core (bundled inside
axe-playwright-python, injected from the installed file, never fetched) and fails
with the full report when it finds any violation.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from ports import free_port

if TYPE_CHECKING:
    from fastapi import FastAPI

    from supple.settings import Settings

__all__ = [
    "CHROMIUM",
    "LOOPBACK_CLIENT",
    "SCREENSHOTS",
    "SIZES",
    "LiveServer",
    "assert_accessible",
    "browser",
    "draw_figures_first",
    "live_server",
    "page",
    "shoot",
]

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).parent / "artifacts" / "screenshots"
SIZES = {"phone": (390, 844), "desktop": (1280, 800)}
# A bound, not a measurement: on a loaded two-core machine a server that imports the
# whole app (and draws nothing yet) has been seen to need more than 30 s to answer.
STARTUP_SECONDS = 90
# The Host name Starlette's TestClient sends. Only tests add it to the allowed hosts.
TEST_CLIENT_HOST = "testserver"
# The peer address TestClients pass: the app treats only a loopback peer as the computer
# itself (Starlette's default, "testclient", is refused like any unpaired device).
LOOPBACK_CLIENT = ("127.0.0.1", 50000)


class _TestClientIsThisComputer:
    """Starlette's TestClient names its peer "testclient"; a test that does not say
    otherwise is the person at this computer, so that name becomes a loopback address.
    A test that passes ``client=`` (a phone on the LAN, say) is left as it is."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] in ("http", "websocket") and (scope.get("client") or ("",))[0] == (
            "testclient"
        ):
            scope = {**scope, "client": LOOPBACK_CLIENT}
        await self.app(scope, receive, send)


def app_for_tests(settings: Settings | None = None) -> FastAPI:
    """``create_app`` that also answers the TestClient's Host and takes its default peer
    for this computer, so tests go through the real checks."""
    from supple.web.app import create_app

    app = create_app(settings, extra_hosts=(TEST_CLIENT_HOST,))
    app.add_middleware(_TestClientIsThisComputer)
    return app


@dataclass
class LiveServer:
    url: str
    home: Path
    process: subprocess.Popen[bytes]


def start_server(home: Path) -> LiveServer:
    """Start ``create_app`` under uvicorn in a child process and wait until it answers."""
    port = free_port()
    env = {**os.environ, "SUPPLE_HOME": str(home)}
    env.pop("SUPPLE_DATABASE_URL", None)
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        "supple.web.app:create_app",
        "--factory",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--log-level",
        "warning",
        # A throwaway server: stop within a second rather than wait on open connections.
        "--timeout-graceful-shutdown",
        "1",
    ]
    # Its output goes to a file: an unread pipe fills up and then blocks the server.
    log = home.with_name(home.name + "-server.log")
    with log.open("wb") as output:
        process = subprocess.Popen(command, env=env, stdout=output, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the web app exited at start-up:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=1) as response:
                if response.status == 200:
                    return LiveServer(url, home, process)
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("the web app did not answer /healthz in time")


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """One server per test module, with its own empty SUPPLE_HOME."""
    server = start_server(tmp_path_factory.mktemp("web-home"))
    try:
        yield server
    finally:
        server.process.terminate()
        try:
            server.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.process.kill()
            server.process.wait()


# A fresh server draws each exercise's figure the first time a page names it (its
# address carries a hash of the drawing), so the first plan or session page of a module
# draws the routine's figures: seconds of CPU on a loaded two-core machine, which used
# to run out a navigation's 15 s. Fetching the page once beforehand, with room for
# that drawing, leaves the navigation the test checks only the page itself to load.
FIRST_DRAWING_MS = 120_000


def draw_figures_first(tab: Any, url: str) -> None:
    """GET ``url`` (a plan or session page) outside any navigation, so the server has
    drawn its figures before the browser goes there."""
    answered = tab.request.get(url, timeout=FIRST_DRAWING_MS)
    assert answered.ok, f"{url}: {answered.status}"


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from conftest import require

    require(CHROMIUM.exists(), f"Chromium ({CHROMIUM})")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh browser context (no cookies, no storage) at phone size."""
    width, height = SIZES["phone"]
    context = browser.new_context(
        viewport={"width": width, "height": height}, service_workers="block"
    )
    context.set_default_timeout(15_000)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.on(
        "console",
        lambda message: errors.append(message.text) if message.type == "error" else None,
    )
    try:
        yield tab
    finally:
        context.close()
    # A script error or a CSP refusal shows up here; either is a bug. A form shown again
    # with something to fix answers 422 on purpose, which Chromium logs too.
    errors = [e for e in errors if "status of 422" not in e]
    assert not errors, f"the browser reported errors: {errors}"


def shoot(page: Any, name: str, *, settle: bool = True) -> list[Path]:
    """Save ``page`` at both sizes (full page) and return to the phone size.

    ``settle`` waits for the network to go quiet first; offline (the outbox keeps
    trying to send) it never does, and the page is shot as it stands."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    # A full-page shot never scrolls, so lazy images below the fold would stay blank.
    page.evaluate("for (const i of document.querySelectorAll('img')) i.loading = 'eager'")
    if settle:
        page.wait_for_load_state("networkidle")
    saved = []
    for label, (width, height) in [*SIZES.items()][::-1]:
        page.set_viewport_size({"width": width, "height": height})
        path = SCREENSHOTS / f"{name}-{label}-{width}x{height}.png"
        page.screenshot(path=str(path), full_page=True, animations="disabled")
        saved.append(path)
    return saved


def assert_accessible(page: Any, where: str) -> None:
    """axe-core finds no violation at all on the page as it is now."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    assert results.violations_count == 0, f"axe on {where}:\n{results.generate_report()}"
