"""Request bodies: content type before size, size before reading, JSON read strictly; hosts.

The ASGI tests drive :class:`BodyLimitMiddleware` directly with a ``receive`` that
records every read, which shows a refusal happened before the body was touched. The
live-server tests send headers that announce a huge body and no body at all: a server
that waited to read it would never answer.
"""

from __future__ import annotations

import asyncio
import http.client
import json
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from starlette.exceptions import HTTPException
from starlette.types import Message, Receive, Scope, Send

from supple.web.app import create_app
from supple.web.limits import BodyLimitMiddleware, SafeJsonRoute
from web_fixtures import LOOPBACK_CLIENT, LiveServer, app_for_tests

FIXTURES = Path(__file__).parent / "fixtures" / "answers"
LIMIT = 1024 * 1024


@pytest.fixture
def client() -> Iterator[TestClient]:
    with TestClient(app_for_tests(), client=LOOPBACK_CLIENT) as test_client:
        yield test_client


def ok_answers() -> str:
    return (FIXTURES / "ok.json").read_text()


# The middleware on its own -----------------------------------------------------------


class Recorder:
    """An inner app that reads the whole body, and a client that counts what was read."""

    def __init__(self, chunks: list[bytes]) -> None:
        self.chunks = chunks
        self.reads = 0
        self.reached_app = False
        self.sent: list[Message] = []

    async def receive(self) -> Message:
        self.reads += 1
        index = self.reads - 1
        more = index + 1 < len(self.chunks)
        return {"type": "http.request", "body": self.chunks[index], "more_body": more}

    async def send(self, message: Message) -> None:
        self.sent.append(message)

    async def app(self, scope: Scope, receive: Receive, send: Send) -> None:
        self.reached_app = True
        while (await receive()).get("more_body"):
            pass
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    def status(self) -> int:
        return int(self.sent[0]["status"])


def call(recorder: Recorder, path: str, headers: dict[str, str], method: str = "POST") -> None:
    scope = {
        "type": "http",
        "method": method,
        "path": path,
        "headers": [(k.encode(), v.encode()) for k, v in headers.items()],
    }
    middleware = BodyLimitMiddleware(recorder.app, max_bytes=LIMIT)
    # A thread of its own: another test's browser may hold this thread's event loop.
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, middleware(scope, recorder.receive, recorder.send)).result()


def test_the_wrong_content_type_is_refused_before_any_byte_is_read() -> None:
    recorder = Recorder([b"x" * 1000])
    call(recorder, "/api/screen", {"content-type": "text/plain", "content-length": "500000000"})
    assert recorder.status() == 415 and recorder.reads == 0 and not recorder.reached_app
    page = Recorder([b"x"])
    call(page, "/start", {"content-type": "text/plain", "content-length": "1"})
    assert page.status() == 415 and page.reads == 0


def test_a_declared_length_over_the_limit_is_refused_unread() -> None:
    recorder = Recorder([b"{}"])
    call(
        recorder, "/api/screen", {"content-type": "application/json", "content-length": "200000000"}
    )
    assert recorder.status() == 413 and recorder.reads == 0 and not recorder.reached_app
    body = json.loads(recorder.sent[1]["body"])
    assert body["detail"] == "The request body is larger than 1 MB, the most accepted."
    assert body["problems"] == [body["detail"]]


def test_a_chunked_body_is_cut_off_at_the_limit() -> None:
    chunk = b" " * 65536
    recorder = Recorder([chunk] * 1000)  # 64 MB offered, no Content-Length
    # The app's own error handlers turn this into the 413 response.
    with pytest.raises(HTTPException) as stopped:
        call(recorder, "/api/screen", {"content-type": "application/json"})
    assert stopped.value.status_code == 413
    assert recorder.reads == LIMIT // len(chunk) + 1


def test_reads_within_the_limit_pass_through() -> None:
    recorder = Recorder([b"a=1"] * 3)
    call(recorder, "/start", {"content-type": "application/x-www-form-urlencoded"})
    assert recorder.status() == 200 and recorder.reads == 3


# Through the app ---------------------------------------------------------------------


def test_big_bodies_get_413_from_the_app(client: TestClient) -> None:
    padded = ok_answers() + " " * LIMIT
    response = client.post(
        "/api/screen", content=padded, headers={"content-type": "application/json"}
    )
    assert response.status_code == 413
    streamed = client.post(
        "/api/screen",
        content=iter([padded[:LIMIT].encode(), b" " * 100]),
        headers={"content-type": "application/json"},
    )
    assert streamed.status_code == 413
    assert "larger than 1 MB" in streamed.json()["detail"]


def test_a_smaller_limit_can_be_set(monkeypatch: pytest.MonkeyPatch) -> None:
    from supple.settings import get_settings

    monkeypatch.setenv("SUPPLE_MAX_REQUEST_BYTES", "2048")
    get_settings.cache_clear()
    with TestClient(app_for_tests(), client=LOOPBACK_CLIENT) as small:
        body = json.dumps({"note": "x" * 3000})
        response = small.post(
            "/api/screen", content=body, headers={"content-type": "application/json"}
        )
    assert response.status_code == 413 and "2 KB" in response.json()["detail"]


def test_text_plain_posts_are_415_on_pages_and_the_api(client: TestClient) -> None:
    for path in ("/api/screen", "/start", "/progress/checkin"):
        response = client.post(path, content=b"x", headers={"content-type": "text/plain"})
        assert response.status_code == 415, path


def problems_for(client: TestClient, path: str, body: str) -> list[str]:
    response = client.post(path, content=body, headers={"content-type": "application/json"})
    assert response.status_code == 422, response.text
    problems: list[str] = response.json()["problems"]
    return problems


def test_a_repeated_key_in_a_body_is_422_naming_it(client: TestClient) -> None:
    twice = ok_answers().replace(
        '"both_legs": false,', '"saddle_numbness": true, "both_legs": false,'
    )
    for path in ("/api/screen", "/api/plan"):
        [problem] = problems_for(client, path, twice)
        assert 'the key "saddle_numbness" appears twice in red_flags' in problem
    [problem] = problems_for(
        client, "/api/sessions", '{"plan_id": 1, "plan_id": 2, "pain_before": 3}'
    )
    assert 'the key "plan_id" appears twice' in problem


def test_deep_huge_and_nan_bodies_are_422(client: TestClient) -> None:
    deep = "[" * 5000 + "]" * 5000
    assert "nested more than 64 levels" in problems_for(client, "/api/screen", deep)[0]
    huge = ok_answers().replace('"intensity": 4', '"intensity": ' + "4" * 5000)
    assert "out of range" in problems_for(client, "/api/screen", huge)[0]
    nan = ok_answers().replace('"intensity": 4', '"intensity": NaN')
    assert "NaN" in problems_for(client, "/api/screen", nan)[0]
    assert problems_for(client, "/api/screen", "{")[0].startswith("body: not valid JSON (")


def test_every_route_reads_json_through_the_strict_reader() -> None:
    routes = [route for route in create_app().routes if isinstance(route, APIRoute)]
    assert routes and all(isinstance(route, SafeJsonRoute) for route in routes)


# Hosts -------------------------------------------------------------------------------


def test_the_test_client_host_is_refused_by_the_production_app() -> None:
    with TestClient(create_app(), client=LOOPBACK_CLIENT) as production:
        response = production.get("/api/plans")
    assert response.status_code == 400 and "Unknown host" in response.text
    with TestClient(
        create_app(), base_url="http://127.0.0.1:8000", client=LOOPBACK_CLIENT
    ) as local:
        assert local.get("/api/plans").status_code == 200


def raw_request(server: LiveServer, method: str, path: str, headers: dict[str, str]) -> Any:
    host, port = server.url.removeprefix("http://").rstrip("/").rsplit(":", 1)
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    try:
        connection.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        for name, value in headers.items():
            connection.putheader(name, value)
        connection.endheaders()  # the body announced is never sent
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def test_the_live_server_refuses_testserver_and_unread_bodies(live_server: LiveServer) -> None:
    local = live_server.url.removeprefix("http://").rstrip("/")
    status, body = raw_request(live_server, "GET", "/api/plans", {"Host": "testserver"})
    assert status == 400 and b"Unknown host" in body
    huge_text = {"Host": local, "Content-Type": "text/plain", "Content-Length": "500000000"}
    assert raw_request(live_server, "POST", "/api/screen", huge_text)[0] == 415
    huge_json = {"Host": local, "Content-Type": "application/json", "Content-Length": "200000000"}
    assert raw_request(live_server, "POST", "/api/screen", huge_json)[0] == 413
