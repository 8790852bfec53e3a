"""A phone on the local network, for real: pairing over HTTPS from another network host.

A network namespace made for this test is the phone's host: a veth pair joins it to
this machine (198.18.0.0/15 is the range set aside for such tests, and both ends are
ours). ``supple serve --lan`` runs here as a person would start it; a phone-sized
Chromium runs inside the namespace, so the server sees a non-loopback peer, and a
second Chromium on this machine is the computer (loopback). No packet goes anywhere
but loopback and the two veth ends. Needs root and iproute2 (as CI has); elsewhere
the test skips, and in CI it fails instead (``conftest.require``).
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import shutil
import socket
import ssl
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from playwright.sync_api import expect

from conftest import REPO, require
from ports import free_port
from supple.web.tls import CA_CERT_FILE
from test_web_offline import open_player_for_offline, play_steps, step_number
from web_fixtures import CHROMIUM, CHROMIUM_ARGS, SCREENSHOTS, assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.slow]

STARTUP_SECONDS = 60
PHONE = {"width": 390, "height": 844}


@dataclass
class Namespace:
    name: str
    host_address: str  # this machine's end of the veth pair
    phone_address: str  # the namespace's end


def _ip(*args: str) -> None:
    subprocess.run(["ip", *args], check=True, capture_output=True)


@pytest.fixture(scope="module")
def namespace() -> Iterator[Namespace]:
    require(os.geteuid() == 0 and shutil.which("ip") is not None, "root and iproute2 (ip netns)")
    tag = os.getpid() % 60000
    name, host_end, ns_end = f"supple-{tag}", f"sph{tag}", f"spn{tag}"
    third, fourth = divmod(tag % 16384, 64)
    base = f"198.{18 + third // 256}.{third % 256}"
    host_address, phone_address = f"{base}.{fourth * 4 + 1}", f"{base}.{fourth * 4 + 2}"
    _ip("netns", "add", name)
    try:
        _ip("link", "add", host_end, "type", "veth", "peer", "name", ns_end)
        _ip("link", "set", ns_end, "netns", name)
        _ip("addr", "add", f"{host_address}/30", "dev", host_end)
        _ip("link", "set", host_end, "up")
        _ip("-n", name, "addr", "add", f"{phone_address}/30", "dev", ns_end)
        _ip("-n", name, "link", "set", ns_end, "up")
        _ip("-n", name, "link", "set", "lo", "up")
        yield Namespace(name, host_address, phone_address)
    finally:
        subprocess.run(["ip", "link", "del", host_end], capture_output=True)
        subprocess.run(["ip", "netns", "del", name], capture_output=True)


@dataclass
class LanServer:
    local_url: str
    lan_url: str
    home: Path
    code: str
    fingerprint: str
    output: str


@pytest.fixture(scope="module")
def lan_server(
    namespace: Namespace, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LanServer]:
    home = tmp_path_factory.mktemp("lan-home")
    port, lan_port = free_port(), free_port()
    env = {**os.environ, "SUPPLE_HOME": str(home), "PYTHONUNBUFFERED": "1"}
    env.pop("SUPPLE_DATABASE_URL", None)
    command = [sys.executable, "-m", "supple", "serve", "--lan", "--port", str(port)]
    command += ["--lan-port", str(lan_port)]
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    lines: list[str] = []
    deadline = time.monotonic() + STARTUP_SECONDS
    try:
        assert process.stdout is not None
        while time.monotonic() < deadline:
            line = process.stdout.readline().decode()
            if not line:
                raise RuntimeError("supple serve --lan exited:\n" + "".join(lines))
            lines.append(line)
            if line.startswith("New codes and paired devices"):
                break
        output = "".join(lines)
        code = re.search(r"Pairing code: (\d{4}) (\d{4})", output)
        fingerprint = re.search(r"fingerprint \(SHA-256\): ([0-9A-F:]{95})", output)
        assert code and fingerprint, output
        local = f"http://127.0.0.1:{port}"
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{local}/healthz", timeout=1):
                    break
            except OSError:
                time.sleep(0.2)
        yield LanServer(
            local,
            f"https://{namespace.host_address}:{lan_port}",
            home,
            code.group(1) + code.group(2),
            fingerprint.group(1),
            output,
        )
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="module")
def phone_browser(
    browser: Any, namespace: Namespace, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Any]:
    """Chromium started inside the namespace: its traffic leaves from the phone's address."""
    wrapper = tmp_path_factory.mktemp("netns") / "chromium-in-netns"
    wrapper.write_text(f'#!/bin/sh\nexec ip netns exec {namespace.name} {CHROMIUM} "$@"\n')
    wrapper.chmod(0o755)
    phone = browser.browser_type.launch(
        executable_path=str(wrapper), headless=True, args=CHROMIUM_ARGS
    )
    try:
        yield phone
    finally:
        phone.close()


def phone_context(phone_browser: Any) -> Any:
    # The certificate is self-signed: the person checks its fingerprint by eye, the test
    # compares it below, and the browser is told to go on.
    context = phone_browser.new_context(
        viewport=PHONE,
        is_mobile=True,
        has_touch=True,
        ignore_https_errors=True,
        service_workers="block",
    )
    context.set_default_timeout(20_000)
    return context


def check_pairing_form_fits_a_small_phone(tab: Any) -> None:
    """Fields an iPhone will not zoom into (16 px text), tall enough to tap, and nothing
    wider than the screen (a long address wraps)."""
    for field in ("#pair-code", "#pair-name"):
        size = tab.locator(field).evaluate(
            "e => [e.getBoundingClientRect().height, parseFloat(getComputedStyle(e).fontSize)]"
        )
        assert size[0] >= 48 and size[1] >= 16, (field, size)
    width = tab.viewport_size["width"]
    assert tab.evaluate("document.documentElement.scrollWidth") <= width


def record_a_session_from(tab: Any, lan: str) -> None:
    """Plan, start, record every step and finish a session through the phone's connection
    (the calls the player makes), then read it back."""
    answers = json.loads((REPO / "tests" / "fixtures" / "answers" / "ok.json").read_text())
    planned = tab.request.post(lan + "/api/plan?minutes=8", data=answers)
    assert planned.ok, planned.text()
    plan_id = int(planned.headers["location"].rsplit("/", 1)[1])
    started = tab.request.post(lan + "/api/sessions", data={"plan_id": plan_id, "pain_before": 3})
    assert started.status == 201, started.text()
    body = started.json()
    url, steps = f"{lan}/api/sessions/{body['session']['id']}", body["timeline"]["steps"]
    for index, step in enumerate(steps):
        event = {
            "index": index,
            "kind": step["kind"],
            "exercise": step["exercise"],
            "side": step["side"],
            "planned_seconds": step["seconds"],
            "actual_seconds": step["seconds"],
            "outcome": "done",
        }
        assert tab.request.post(f"{url}/steps", data=event).status == 201
    assert tab.request.post(f"{url}/finish", data={"pain_after": 2}).status == 200
    session = tab.request.get(url).json()
    assert session["session"]["status"] == "completed" and len(session["events"]) == len(steps)


def authority_spki_hash(home: Path) -> str:
    """Base64 SHA-256 of the authority's public key: what Chromium is told to trust."""
    authority = x509.load_pem_x509_certificate((home / CA_CERT_FILE).read_bytes())
    spki = authority.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return base64.b64encode(hashlib.sha256(spki).digest()).decode()


@pytest.fixture(scope="module")
def trusting_phone_browser(
    browser: Any,
    namespace: Namespace,
    lan_server: LanServer,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Any]:
    """A phone's Chromium that trusts Supple's authority and nothing else of Supple's:
    no certificate error is ignored, so the service worker must pass a real check."""
    wrapper = tmp_path_factory.mktemp("netns-trust") / "chromium-in-netns"
    wrapper.write_text(f'#!/bin/sh\nexec ip netns exec {namespace.name} {CHROMIUM} "$@"\n')
    wrapper.chmod(0o755)
    trust = f"--ignore-certificate-errors-spki-list={authority_spki_hash(lan_server.home)}"
    phone = browser.browser_type.launch(
        executable_path=str(wrapper), headless=True, args=[*CHROMIUM_ARGS, trust]
    )
    try:
        yield phone
    finally:
        phone.close()


def in_page_fetch(tab: Any, method: str, path: str, body: Any = None) -> dict[str, Any]:
    """A call made by the page itself, over the phone's own trusted connection."""
    script = """async ([method, path, body]) => {
        const options = {method, headers: {"content-type": "application/json"}};
        if (body !== null) options.body = JSON.stringify(body);
        const response = await fetch(path, options);
        return {status: response.status, location: response.headers.get("location"),
                body: await response.json()};
    }"""
    answer: dict[str, Any] = tab.evaluate(script, [method, path, body])
    assert answer["status"] < 300, answer
    return answer


def fresh_code(browser: Any, lan_server: LanServer) -> str:
    computer = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        desk = computer.new_page()
        desk.goto(lan_server.local_url + "/devices")
        desk.get_by_role("button", name="Show a pairing code").click()
        return desk.locator("#pairing-code").inner_text().replace(" ", "")
    finally:
        computer.close()


def test_a_phone_trusting_the_authority_installs_the_worker_and_plays_offline(
    lan_server: LanServer, trusting_phone_browser: Any, browser: Any
) -> None:
    """Installed from /pair/certificate, Supple's authority is all a phone needs: the
    service worker controls the player, a reload with the Wi-Fi gone still opens the
    session, and the steps made offline reach the computer once each."""
    lan = lan_server.lan_url
    phone = trusting_phone_browser.new_context(
        viewport={"width": 360, "height": 640}, is_mobile=True, has_touch=True
    )
    phone.set_default_timeout(20_000)
    errors: list[str] = []
    try:
        tab = phone.new_page()
        tab.on("pageerror", lambda error: errors.append(str(error)))
        page = tab.goto(lan + "/pair/certificate")
        assert page.status == 200 and lan_server.fingerprint in tab.content()
        # Fetched by the phone's own browser (Playwright's request client would not use
        # the phone's trust), as bytes.
        der = tab.evaluate(
            "fetch('/pair/supple-ca.cer').then(r => r.arrayBuffer())"
            ".then(b => Array.from(new Uint8Array(b)))"
        )
        authority = x509.load_der_x509_certificate(bytes(der))
        assert authority == x509.load_pem_x509_certificate(
            (lan_server.home / CA_CERT_FILE).read_bytes()
        )
        assert_accessible(tab, "certificate page on a phone")
        for width, height in ((360, 640), (390, 844)):
            tab.set_viewport_size({"width": width, "height": height})
            assert tab.evaluate("document.documentElement.scrollWidth") <= width
            shot = SCREENSHOTS / f"pair-certificate-{width}x{height}.png"
            tab.screenshot(path=str(shot), full_page=True)
        tab.set_viewport_size({"width": 360, "height": 640})

        tab.goto(f"{lan}/pair?code={fresh_code(browser, lan_server)}")
        tab.get_by_role("button", name="Pair this device").click()
        tab.wait_for_url(lan + "/")
        answers = json.loads((REPO / "tests" / "fixtures" / "answers" / "ok.json").read_text())
        planned = in_page_fetch(tab, "POST", "/api/plan?minutes=8", answers)
        plan_id = int(planned["location"].rsplit("/", 1)[1])
        started = in_page_fetch(
            tab, "POST", "/api/sessions", {"plan_id": plan_id, "pain_before": 3}
        )["body"]
        session_id = started["session"]["id"]
        steps = len(started["timeline"]["steps"])
        open_player_for_offline(tab, f"{lan}/session/{session_id}")
        tab.locator("#go").click()
        play_steps(tab, 2)

        phone.set_offline(True)
        play_steps(tab, 2)
        tab.reload()
        expect(tab.locator("#go")).to_be_enabled()
        assert re.fullmatch(r"Resume at exercise \d+", tab.locator("#go").inner_text())
        tab.locator("#go").click()
        play_steps(tab, 2)

        phone.set_offline(False)
        tab.clock.run_for(3000)  # the outbox tries again every two seconds
        expect(tab.locator("#status")).to_have_text("Back online: every step is saved.")
        ended = step_number(tab) - 1
        events = in_page_fetch(tab, "GET", f"/api/sessions/{session_id}")["body"]["events"]
        assert [event["index"] for event in events] == list(range(ended))
        assert ended < steps and not errors, errors
    finally:
        phone.close()


def test_the_served_certificate_is_the_printed_one_and_names_the_lan(
    lan_server: LanServer, namespace: Namespace
) -> None:
    host, port = lan_server.lan_url.removeprefix("https://").rsplit(":", 1)
    pem = ssl.get_server_certificate((host, int(port)), timeout=10)
    certificate = x509.load_pem_x509_certificate(pem.encode())
    authority = x509.load_pem_x509_certificate((lan_server.home / CA_CERT_FILE).read_bytes())
    certificate.verify_directly_issued_by(authority)
    digest = authority.fingerprint(hashes.SHA256()).hex().upper()
    assert lan_server.fingerprint.replace(":", "") == digest
    sans = certificate.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    ips = {str(ip) for ip in sans.get_values_for_type(x509.IPAddress)}
    names = set(sans.get_values_for_type(x509.DNSName))
    assert namespace.host_address in ips
    assert f"{socket.gethostname().split('.')[0].lower()}.local" in names
    key = lan_server.home / "lan-key.pem"
    assert key.stat().st_mode & 0o777 == 0o600


def test_a_phone_pairs_over_the_lan_uses_the_app_and_is_revoked(
    lan_server: LanServer, phone_browser: Any, browser: Any
) -> None:
    lan = lan_server.lan_url
    phone = phone_context(phone_browser)
    tab = phone.new_page()
    # Unpaired: every address shows how to pair, and the API answers nothing.
    response = tab.goto(lan + "/progress")
    assert response.status == 401
    assert tab.locator("h1").inner_text() == "Pair this device"
    assert_accessible(tab, "pairing page on a phone")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SCREENSHOTS / "pair-phone-390x844.png"), full_page=True)
    assert tab.request.get(lan + "/api/plans").status == 401

    # The link in the QR code fills the code in; one tap pairs.
    tab.goto(f"{lan}/pair?code={lan_server.code}")
    tab.get_by_label("Name for this device").fill("Floor phone")
    tab.get_by_role("button", name="Pair this device").click()
    tab.wait_for_url(lan + "/")
    cookie = next(c for c in phone.cookies() if c["name"] == "supple_device")
    assert cookie["secure"] and cookie["httpOnly"] and cookie["sameSite"] == "Strict"

    # Paired: the phone uses the app and what it saves is on the computer.
    tab.goto(lan + "/progress")
    for name, value in (("pain", "4"), ("enjoyment", "3"), ("activity", "2")):
        tab.locator(f'input[name="{name}"][value="{value}"]').check()
    tab.get_by_role("button", name="Save this week's check-in").click()
    tab.wait_for_url(re.compile(r".*/progress#checkin$"))
    record_a_session_from(tab, lan)

    # The code is spent: a second phone cannot reuse it.
    other = phone_context(phone_browser)
    second = other.new_page()
    second.set_viewport_size({"width": 360, "height": 640})
    second.goto(f"{lan}/pair?code={lan_server.code}")
    check_pairing_form_fits_a_small_phone(second)
    second.get_by_role("button", name="Pair this device").click()
    assert "did not work" in second.locator(".problems").inner_text()
    # The refusal is the first thing on the screen, focused, and announced.
    box = second.locator("#pair-problem").bounding_box()
    assert box and box["y"] >= 0 and box["y"] + box["height"] <= 640, box
    assert second.evaluate("document.activeElement.id") == "pair-problem"
    assert second.locator("#pair-code").get_attribute("aria-invalid") == "true"
    assert_accessible(second, "pairing page with a wrong code")
    for width, height in ((360, 640), (390, 844)):
        second.set_viewport_size({"width": width, "height": height})
        check_pairing_form_fits_a_small_phone(second)
        second.screenshot(path=str(SCREENSHOTS / f"pair-wrong-code-{width}x{height}.png"))
    # A made-up cookie is no better.
    other.add_cookies([{"name": "supple_device", "value": "x" * 43, "url": lan}])
    assert second.goto(lan + "/progress").status == 401

    # On the computer: the Devices page lists the phone, with its last use; revoke it.
    computer = browser.new_context(viewport={"width": 1280, "height": 800})
    desk = computer.new_page()
    desk.goto(lan_server.local_url + "/devices")
    row = desk.locator("tr", has_text="Floor phone")
    assert "never" not in row.inner_text()
    assert_accessible(desk, "devices page")
    desk.get_by_role("button", name="Show a pairing code").click()
    assert re.fullmatch(r"\d{4} \d{4}", desk.locator("#pairing-code").inner_text())
    assert desk.locator("svg.qr").count() == 1
    assert_accessible(desk, "devices page with a pairing code")
    desk.screenshot(path=str(SCREENSHOTS / "devices-code-1280x800.png"), full_page=True)
    desk.get_by_role("button", name="Revoke Floor phone").click()
    expect(desk.locator("tr", has_text="Floor phone")).to_have_count(0)
    assert tab.goto(lan + "/progress").status == 401
    assert tab.locator("h1").inner_text() == "Pair this device"

    # Guessing codes from the phone's address stops after five wrong ones; the reused
    # code above was the first of them (both phones share the namespace's address).
    statuses = []
    for guess in range(6):
        tab.goto(lan + "/pair")
        tab.locator("#pair-code").fill(f"{guess:08d}")
        with tab.expect_response(lambda r: r.request.method == "POST") as posted:
            tab.get_by_role("button", name="Pair this device").click()
        statuses.append(posted.value.status)
    assert statuses == [403] * 4 + [429] * 2
    assert "Too many wrong codes" in tab.locator(".problems").inner_text()
    for context in (phone, other, computer):
        context.close()
