"""``supple serve --lan``: what it refuses, and what it prints for the person pairing."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from supple.cli import cli
from supple.cli.serve import announce_lan
from supple.web.devices import LanService
from supple.web.lan import interface_addresses
from web_fixtures import app_for_tests


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--insecure-http"], "--insecure-http only changes --lan"),
        (["--lan", "--port", "8100", "--lan-port", "8100"], "same as --port"),
        (["--host", "192.168.1.5"], "loopback address only"),
    ],
)
def test_serve_refuses_unsafe_or_impossible_combinations(args: list[str], message: str) -> None:
    result = CliRunner().invoke(cli, ["serve", *args])
    assert result.exit_code == 2 and message in result.output
    assert "Traceback" not in result.output


def test_insecure_http_prints_a_warning_and_no_fingerprint(
    capsys: pytest.CaptureFixture[str],
) -> None:
    service = LanService(urls=("http://198.18.0.1:8443/",), mdns_url="http://desk.local:8443/")
    announce_lan(app_for_tests(), service, "http://127.0.0.1:8000/")
    out, err = capsys.readouterr()
    assert "Warning: --insecure-http" in err and "fingerprint" not in out
    assert re.search(r"Pairing code: \d{4} \d{4}", out)


def test_https_prints_the_fingerprint_a_qr_code_and_a_live_code(
    capsys: pytest.CaptureFixture[str],
) -> None:
    app = app_for_tests()
    service = LanService(urls=("https://198.18.0.1:8443/",), fingerprint="AB:CD")
    announce_lan(app, service, "http://127.0.0.1:8000/")
    out, err = capsys.readouterr()
    assert "certificate authority fingerprint (SHA-256): AB:CD" in out and not err
    # Both the base address and the pairing page, the certificate page, and a last word.
    assert "https://198.18.0.1:8443/ " in out and "open on it: https://198.18.0.1:8443/pair" in out
    assert "https://198.18.0.1:8443/pair/certificate" in out
    assert out.rstrip().endswith("Ready.")
    assert "▀" in out or "█" in out  # the QR code, drawn with block characters
    code = re.search(r"Pairing code: (\d{4}) (\d{4})", out)
    assert code and app.state.pairing_codes.redeem(code.group(1) + code.group(2))


def test_the_real_interfaces_include_loopback() -> None:
    assert "127.0.0.1" in interface_addresses()
