"""The device gate through the app: pairing, what an unpaired device gets, revoking.

Two TestClients share one app: ``computer`` comes from a loopback peer, ``phone``
from a LAN address over HTTPS (TestClient never opens a socket, so these addresses
carry no traffic). The live, over-the-network version is in test_web_lan_browser.py.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from conftest import REPO
from supple.settings import get_settings
from supple.store import open_store
from supple.web.devices import DEVICE_COOKIE, PAIRED_NOTE_COOKIE, LanService
from supple.web.lan import computer_name
from supple.web.pairing import (
    ATTEMPTS_OVERALL,
    ATTEMPTS_PER_ADDRESS,
    CODE_LIFETIME_SECONDS,
    PairingCodes,
    token_hash,
)
from web_fixtures import LOOPBACK_CLIENT, app_for_tests

LAN_IP = "198.18.7.1"
PHONE = ("198.18.7.2", 40000)
LAN = LanService(
    urls=(f"https://{LAN_IP}:8443/",),
    host_names=frozenset({LAN_IP, "desk.local"}),
    fingerprint="AB:CD",
)
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
CODE = re.compile(r'id="pairing-code">(\d{4}) (\d{4})<')
PAIRED_NOTE = re.compile(
    r'<div class="notice ok paired-note" id="paired-note" role="status"[^>]*>(.*?)</div>', re.S
)
ANSWERS = json.loads((REPO / "tests" / "fixtures" / "answers" / "ok.json").read_text())


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def app() -> FastAPI:
    from supple.web.app import create_app

    return create_app(get_settings(), extra_hosts=("testserver",), lan=LAN)


@pytest.fixture
def computer(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, client=LOOPBACK_CLIENT) as client:
        yield client


def phone(app: FastAPI, peer: tuple[str, int] = PHONE) -> TestClient:
    return TestClient(app, base_url=f"https://{LAN_IP}:8443", client=peer)


def csrf(client: TestClient, path: str) -> str:
    match = TOKEN.search(client.get(path).text)
    assert match, f"no form on {path}"
    return match.group(1)


def new_code(computer: TestClient) -> str:
    response = computer.post("/devices/code", data={"csrf_token": csrf(computer, "/devices")})
    assert response.status_code == 200
    match = CODE.search(response.text)
    assert match, response.text
    return match.group(1) + match.group(2)


def pair(client: TestClient, code: str, name: str = "Sam's phone") -> int:
    data = {"code": code, "name": name, "csrf_token": csrf(client, "/pair")}
    return client.post("/pair", data=data, follow_redirects=False).status_code


def test_an_unpaired_device_gets_only_the_pairing_page(app: FastAPI) -> None:
    stranger = phone(app)
    for path in ("/", "/plan", "/progress", "/exercises", "/export.json", "/static/player.js"):
        response = stranger.get(path)
        assert response.status_code == 401, path
        assert "Pair this device" in response.text and 'action="/pair"' in response.text
    api = stranger.get("/api/plans")
    assert api.status_code == 401 and "not paired" in api.json()["detail"]
    assert stranger.post("/api/sessions", json={}).status_code == 401
    assert stranger.get("/pair").status_code == 200
    assert stranger.get("/static/supple.css").status_code == 200


def test_pairing_sets_a_strict_secure_cookie_and_keeps_only_its_hash(
    app: FastAPI, computer: TestClient
) -> None:
    device = phone(app)
    code = new_code(computer)
    data = {"code": code, "name": "Sam's phone", "csrf_token": csrf(device, "/pair")}
    response = device.post("/pair", data=data, follow_redirects=False)
    assert response.status_code == 303
    cookie = next(
        v for k, v in response.headers.multi_items() if k == "set-cookie" and DEVICE_COOKIE in v
    )
    attributes = {part.strip().split("=")[0].lower() for part in cookie.split(";")}
    assert {"httponly", "secure", "path", "max-age"} <= attributes
    assert "samesite=strict" in cookie.lower()
    token = cookie.split(";")[0].split("=", 1)[1]
    assert device.get("/").status_code == 200
    assert device.get("/api/plans").status_code == 200
    with open_store(get_settings()) as store:
        (paired,) = store.devices()
        assert paired.name == "Sam's phone"
        assert store.device_by_token_hash(token_hash(token)) is not None
    database = (get_settings().home / "supple.db").read_bytes()
    assert token.encode() not in database
    listing = computer.get("/devices").text
    assert "Sam&#39;s phone" in listing and "AB:CD" in listing


def test_after_pairing_the_home_page_says_so_once_with_what_to_do_next(
    app: FastAPI, computer: TestClient
) -> None:
    device = phone(app)
    assert device.post("/api/plan?minutes=8", json=ANSWERS).status_code == 401
    code = new_code(computer)
    data = {"code": code, "name": "Sam's phone", "csrf_token": csrf(device, "/pair")}
    landed = device.post("/pair", data=data)  # the redirect to the home page, followed
    assert landed.url.path == "/"
    note = PAIRED_NOTE.search(landed.text)
    assert note, landed.text
    words = re.sub(r"<[^>]+>", "", note.group(1))
    assert f"This device is now paired with {computer_name()}." in words
    assert "answer the questions" in words  # no plan yet: the questions come first
    assert PAIRED_NOTE.search(device.get("/").text) is None, "shown again on reload"
    # With a plan, the next step is today's session: the next device paired is told so.
    assert device.post("/api/plan?minutes=8", json=ANSWERS).is_success
    tablet = phone(app, ("198.18.7.3", 40002))
    again = {"code": new_code(computer), "name": "Tablet", "csrf_token": csrf(tablet, "/pair")}
    note = PAIRED_NOTE.search(tablet.post("/pair", data=again).text)
    assert note and "start today's session" in note.group(1), note
    # Only a paired device gets it: the cookie alone, from a stranger, shows nothing.
    stranger = phone(app, ("198.18.7.9", 40001))
    stranger.cookies.set(PAIRED_NOTE_COOKIE, "1")
    assert PAIRED_NOTE.search(stranger.get("/").text) is None
    # And the computer itself is never told it was paired.
    computer.cookies.set(PAIRED_NOTE_COOKIE, "1")
    assert PAIRED_NOTE.search(computer.get("/").text) is None


def test_a_code_works_once(app: FastAPI, computer: TestClient) -> None:
    code = new_code(computer)
    assert pair(phone(app), code) == 303
    second = phone(app, ("198.18.7.3", 40000))
    assert pair(second, code) == 403
    assert second.get("/").status_code == 401


def test_an_expired_code_is_refused(app: FastAPI, computer: TestClient) -> None:
    clock = FakeClock()
    app.state.pairing_codes = PairingCodes(clock)
    code = new_code(computer)
    clock.now += CODE_LIFETIME_SECONDS
    device = phone(app)
    assert pair(device, code) == 403
    assert device.get("/").status_code == 401


def test_a_forged_cookie_is_refused(app: FastAPI, computer: TestClient) -> None:
    assert pair(phone(app), new_code(computer)) == 303
    forger = phone(app, ("198.18.7.9", 40000))
    forger.cookies.set(DEVICE_COOKIE, "A" * 43, domain=LAN_IP)
    assert forger.get("/").status_code == 401
    assert forger.get("/api/plans").status_code == 401


def test_a_revoked_device_is_refused_at_once(app: FastAPI, computer: TestClient) -> None:
    device = phone(app)
    assert pair(device, new_code(computer)) == 303
    assert device.get("/progress").status_code == 200
    with open_store(get_settings()) as store:
        (paired,) = store.devices()
    revoke = computer.post(
        f"/devices/{paired.id}/revoke",
        data={"csrf_token": csrf(computer, "/devices")},
        follow_redirects=False,
    )
    assert revoke.status_code == 303
    assert device.get("/progress").status_code == 401
    assert "No device is paired" in computer.get("/devices").text


def test_the_devices_page_opens_only_on_the_computer(app: FastAPI, computer: TestClient) -> None:
    device = phone(app)
    assert pair(device, new_code(computer)) == 303
    assert device.get("/devices").status_code == 403
    token = csrf(device, "/start")
    assert device.post("/devices/code", data={"csrf_token": token}).status_code == 403
    assert device.post("/devices/1/revoke", data={"csrf_token": token}).status_code == 403


def test_brute_force_of_the_code_is_rate_limited(app: FastAPI, computer: TestClient) -> None:
    code = new_code(computer)
    wrong = f"{(int(code) + 1) % 10**8:08d}"
    attacker = phone(app, ("198.18.7.66", 40000))
    for _ in range(ATTEMPTS_PER_ADDRESS):
        assert pair(attacker, wrong) == 403
    # Now even the right code is not tried from that address.
    assert pair(attacker, code) == 429
    # Other addresses share an overall limit.
    for n in range(ATTEMPTS_OVERALL - ATTEMPTS_PER_ADDRESS):
        assert pair(phone(app, (f"198.18.8.{n + 1}", 40000)), wrong) == 403
    assert pair(phone(app), code) == 429


def test_the_lan_names_pass_the_host_check_and_others_do_not(app: FastAPI) -> None:
    for host in (LAN_IP, "desk.local"):
        assert phone(app).get("/pair", headers={"host": host}).status_code == 200
    assert phone(app).get("/pair", headers={"host": "evil.example"}).status_code == 400


def test_without_lan_the_devices_page_says_how_to_start_it() -> None:
    with TestClient(app_for_tests(), client=LOOPBACK_CLIENT) as computer:
        page = computer.get("/devices")
        assert page.status_code == 200 and "supple serve --lan" in page.text
        response = computer.post("/devices/code", data={"csrf_token": csrf(computer, "/start")})
        assert response.status_code == 409


def test_a_websocket_from_another_machine_is_closed_before_the_app(app: FastAPI) -> None:
    from starlette.websockets import WebSocketDisconnect

    with pytest.raises(WebSocketDisconnect) as closed, phone(app).websocket_connect("/anything"):
        pass
    assert closed.value.code == 1008
