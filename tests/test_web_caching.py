"""What a browser may keep: drawings and static files at versioned addresses, pages never.

A repeat view of a plan page is measured the way a browser would load it: the page
itself (personal, so ``no-store``: always fetched), then every drawing, stylesheet and
script it links, each fetched again only when the cached copy does not say
``immutable``, with ``If-None-Match`` when it has an ETag. Bytes are counted as sent
on the wire (compressed body plus headers).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from supple.figures import figure_svg
from web_fixtures import app_for_tests

ANSWERS = Path(__file__).parent / "fixtures" / "answers" / "ok.json"
LINKED = re.compile(r'(?:src|href)="(/(?:figures|static)/[^"]+)"')
REPEAT_VIEW_LIMIT = 15 * 1024


class Browser:
    """The parts of a browser's HTTP cache that decide what a repeat view transfers."""

    def __init__(self, client: TestClient) -> None:
        self.client = client
        self.kept: dict[str, Any] = {}

    def get(self, url: str) -> int:
        """Bytes transferred to show ``url`` (0 when a fresh cached copy is used)."""
        kept = self.kept.get(url)
        if kept is not None and "immutable" in kept.get("cache-control", ""):
            return 0
        headers = {"accept-encoding": "gzip"}
        if kept is not None and "etag" in kept:
            headers["if-none-match"] = kept["etag"]
        response = self.client.get(url, headers=headers)
        assert response.status_code in (200, 304), url
        if response.status_code == 200 and "no-store" not in response.headers["cache-control"]:
            self.kept[url] = response.headers
        body = int(response.headers.get("content-length", len(response.content)))
        head = sum(len(name) + len(value) + 4 for name, value in response.headers.items())
        return body + head

    def view(self, page: str) -> int:
        """Bytes for the page and everything it links that the cache cannot answer."""
        response = self.client.get(page)
        return self.get(page) + sum(self.get(url) for url in set(LINKED.findall(response.text)))


class CountingDrawer:
    """The real figure engine, counting how often each drawing is asked for."""

    def __init__(self, mark: str = "") -> None:
        self.calls: Counter[tuple[str, str, str]] = Counter()
        self.mark = mark

    def __call__(self, exercise: str, side: str = "left", pose: str = "animated") -> str:
        self.calls[(exercise, side, pose)] += 1
        return figure_svg(exercise, side, pose) + self.mark  # type: ignore[arg-type]


@pytest.fixture
def client() -> Iterator[TestClient]:
    with TestClient(app_for_tests()) as test_client:
        yield test_client


def saved_plan(client: TestClient) -> str:
    made = client.post("/api/plan", json=json.loads(ANSWERS.read_text()))
    return made.headers["location"].replace("/api/plans/", "/plan/")


def test_a_repeat_view_of_a_plan_page_transfers_under_15_kb(client: TestClient) -> None:
    page = saved_plan(client)
    browser = Browser(client)
    first = browser.view(page)
    repeat = browser.view(page)
    assert first > 5 * repeat, (first, repeat)  # the drawings came once, the first time
    assert repeat < REPEAT_VIEW_LIMIT, repeat


def test_pages_stay_private_and_compressed_while_drawings_are_kept(client: TestClient) -> None:
    page = saved_plan(client)
    response = client.get(page, headers={"accept-encoding": "gzip"})
    assert response.headers["cache-control"] == "no-store"  # it shows health data
    assert response.headers["content-encoding"] == "gzip"
    linked = set(LINKED.findall(response.text))
    assert any(url.startswith("/figures/") for url in linked)
    assert any(url.startswith("/static/supple.css?v=") for url in linked)
    for url in linked:
        kept = client.get(url, headers={"accept-encoding": "gzip"})
        assert kept.status_code == 200
        assert kept.headers["cache-control"] == "public, max-age=31536000, immutable", url
        assert "set-cookie" not in kept.headers  # a shared cache must never hold a cookie
        assert "content-security-policy" in kept.headers
    # The drawings keep their text alternatives on the page.
    assert re.search(
        r'<img src="/figures/[^"]+" alt="[^"]+: the position to aim for"', response.text
    )


def test_addresses_without_the_current_version_are_checked_again(client: TestClient) -> None:
    for url in ("/static/supple.css", "/static/supple.css?v=000000000000"):
        response = client.get(url)
        assert response.status_code == 200 and response.headers["cache-control"] == "no-cache"
        again = client.get(url, headers={"if-none-match": response.headers["etag"]})
        assert again.status_code == 304
    old = client.get("/figures/clamshell-right.svg")
    assert old.headers["cache-control"] == "no-cache" and "<svg" in old.text
    assert (
        client.get(
            "/figures/clamshell-right.svg", headers={"if-none-match": old.headers["etag"]}
        ).status_code
        == 304
    )
    stale = client.get("/figures/clamshell-right-animated.000000000000.svg")
    assert stale.status_code == 200 and stale.headers["cache-control"] == "no-cache"
    assert client.get("/figures/clamshell-middle-animated.000000000000.svg").status_code == 404
    assert client.get("/figures/no-such-move-left.svg").status_code == 404


def test_a_changed_drawing_gets_a_new_address(client: TestClient) -> None:
    page = saved_plan(client)
    state = client.app.state  # type: ignore[attr-defined]
    state.figure_svg = CountingDrawer("<!-- one -->")
    before = set(LINKED.findall(client.get(page).text))
    assert set(LINKED.findall(client.get(page).text)) == before  # same drawing, same address
    state.figure_svg = CountingDrawer("<!-- two -->")
    after = set(LINKED.findall(client.get(page).text))
    figures_before = {url for url in before if url.startswith("/figures/")}
    figures_after = {url for url in after if url.startswith("/figures/")}
    assert figures_before and figures_after and not figures_before & figures_after
    assert client.get(sorted(figures_after)[0]).text.endswith("<!-- two -->")
    # The old address is no longer current, so it is not kept for good.
    assert client.get(sorted(figures_before)[0]).headers["cache-control"] == "no-cache"


def test_each_drawing_is_drawn_once_per_process(client: TestClient) -> None:
    page = saved_plan(client)
    drawer = CountingDrawer()
    client.app.state.figure_svg = drawer  # type: ignore[attr-defined]
    for _ in range(3):
        urls = LINKED.findall(client.get(page).text)
        for url in urls:
            assert client.get(url).status_code == 200
    assert client.get("/exercises/clamshell").status_code == 200
    assert client.get("/figures/clamshell-left.svg").status_code == 200
    assert drawer.calls and set(drawer.calls.values()) == {1}, drawer.calls
    # Another app in the same process reuses them too.
    with TestClient(app_for_tests()) as other:
        other.app.state.figure_svg = drawer  # type: ignore[attr-defined]
        assert other.get("/exercises/clamshell").status_code == 200
    assert set(drawer.calls.values()) == {1}
