"""The LAN certificate: made once, private key 0600, names every LAN address and host."""

from __future__ import annotations

import ipaddress
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes

from supple.web.tls import CERT_FILE, KEY_FILE, VALID_DAYS, ensure_certificate, subject_names

NOW = datetime(2026, 12, 1, tzinfo=UTC)
ADDRESSES = [ipaddress.ip_address("192.168.1.5"), ipaddress.ip_address("fd00::2")]


def _load(home: Path) -> x509.Certificate:
    return x509.load_pem_x509_certificate((home / CERT_FILE).read_bytes())


def test_the_certificate_covers_the_lan_names_and_its_key_is_private(tmp_path: Path) -> None:
    made = ensure_certificate(tmp_path, ["Desk.local"], ADDRESSES, NOW)
    certificate = _load(tmp_path)
    dns, ips = subject_names(certificate)
    assert dns == {"desk.local"} and ips == set(ADDRESSES)
    assert stat.S_IMODE((tmp_path / KEY_FILE).stat().st_mode) == 0o600
    digest = certificate.fingerprint(hashes.SHA256()).hex().upper()
    assert made.fingerprint.replace(":", "") == digest and len(made.fingerprint) == 95
    usage = certificate.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    assert x509.oid.ExtendedKeyUsageOID.SERVER_AUTH in usage
    assert not certificate.extensions.get_extension_for_class(x509.BasicConstraints).value.ca


def test_the_same_certificate_is_kept_while_it_still_fits(tmp_path: Path) -> None:
    first = ensure_certificate(tmp_path, ["desk.local"], ADDRESSES, NOW)
    again = ensure_certificate(tmp_path, ["desk.local"], ADDRESSES[:1], NOW + timedelta(days=1))
    assert again.fingerprint == first.fingerprint


def test_a_new_address_or_near_expiry_makes_a_new_certificate(tmp_path: Path) -> None:
    first = ensure_certificate(tmp_path, ["desk.local"], ADDRESSES, NOW)
    moved = [ipaddress.ip_address("10.0.0.7")]
    second = ensure_certificate(tmp_path, ["desk.local"], moved, NOW)
    assert second.fingerprint != first.fingerprint
    assert subject_names(_load(tmp_path))[1] == set(moved)
    late = NOW + timedelta(days=VALID_DAYS - 10)
    assert (
        ensure_certificate(tmp_path, ["desk.local"], moved, late).fingerprint != second.fingerprint
    )


def test_a_damaged_certificate_is_replaced(tmp_path: Path) -> None:
    ensure_certificate(tmp_path, ["desk.local"], ADDRESSES, NOW)
    (tmp_path / CERT_FILE).write_text("not a certificate")
    ensure_certificate(tmp_path, ["desk.local"], ADDRESSES, NOW)
    assert subject_names(_load(tmp_path))[0] == {"desk.local"}
