"""The page a phone opens before pairing to trust Supple's certificate authority, and
what the pairing pages show on the computer and after a wrong code."""

from __future__ import annotations

import ipaddress
from datetime import UTC, datetime
from pathlib import Path

import pytest
from cryptography import x509
from fastapi import FastAPI
from fastapi.testclient import TestClient

from supple.settings import get_settings
from supple.web.devices import LanService
from supple.web.tls import ensure_certificate
from test_web_devices import LAN_IP, PHONE, csrf, new_code, pair
from web_fixtures import LOOPBACK_CLIENT


@pytest.fixture
def lan(tmp_path: Path) -> LanService:
    made = ensure_certificate(
        tmp_path, ["desk.local"], [ipaddress.ip_address(LAN_IP)], datetime.now(UTC)
    )
    return LanService(
        urls=(f"https://{LAN_IP}:8443/",),
        host_names=frozenset({LAN_IP, "desk.local"}),
        fingerprint=made.fingerprint,
        authority_der=made.authority_der,
    )


def _app(lan: LanService | None) -> FastAPI:
    from supple.web.app import create_app

    return create_app(get_settings(), extra_hosts=("testserver",), lan=lan)


def _phone(app: FastAPI) -> TestClient:
    return TestClient(app, base_url=f"https://{LAN_IP}:8443", client=PHONE)


def test_an_unpaired_phone_can_download_the_authority_and_read_how(lan: LanService) -> None:
    stranger = _phone(_app(lan))
    page = stranger.get("/pair/certificate")
    assert page.status_code == 200
    assert lan.fingerprint and lan.fingerprint in page.text
    assert "Android" in page.text and "iPhone" in page.text
    assert 'href="/pair/supple-ca.cer"' in page.text
    download = stranger.get("/pair/supple-ca.cer")
    assert download.status_code == 200
    assert download.headers["content-type"] == "application/x-x509-ca-cert"
    assert "attachment" in download.headers["content-disposition"]
    authority = x509.load_der_x509_certificate(download.content)
    assert authority.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    # The pairing page leads there; nothing else opened up.
    assert 'href="/pair/certificate"' in stranger.get("/pair").text
    assert stranger.get("/plan").status_code == 401


def test_without_https_there_is_no_certificate_to_offer() -> None:
    plain = LanService(urls=(f"http://{LAN_IP}:8443/",), host_names=frozenset({LAN_IP}))
    stranger = _phone(_app(plain))
    assert stranger.get("/pair/certificate").status_code == 404
    assert stranger.get("/pair/supple-ca.cer").status_code == 404


def test_the_computer_menu_links_to_devices_only_on_the_computer(lan: LanService) -> None:
    app = _app(lan)
    with TestClient(app, client=LOOPBACK_CLIENT) as computer:
        assert 'href="/devices"' in computer.get("/learn").text
        assert 'href="/devices"' in computer.get("/").text
        device = _phone(app)
        assert pair(device, new_code(computer)) == 303
    # A paired phone never sees it: the Devices page does not open there.
    assert device.get("/learn").status_code == 200
    assert 'href="/devices"' not in device.get("/learn").text
    assert 'href="/devices"' not in device.get("/").text
    # Without --lan the menu still leads there (it explains how to start), the home page not.
    with TestClient(_app(None), client=LOOPBACK_CLIENT) as computer:
        assert 'href="/devices"' in computer.get("/learn").text


def test_a_wrong_code_is_shown_first_and_announced(lan: LanService) -> None:
    stranger = _phone(_app(lan))
    data = {"code": "00000000", "name": "x", "csrf_token": csrf(stranger, "/pair")}
    page = stranger.post("/pair", data=data).text
    problem, form = page.index('class="problems"'), page.index('id="pair-form"')
    intro = page.index("Supple keeps your records")
    assert problem < intro < form
    assert 'aria-live="assertive"' in page or 'role="alert"' in page
    assert 'aria-invalid="true"' in page and 'aria-describedby="pair-problem"' in page
