"""The LAN certificates: Supple's own name-constrained authority, and the server
certificate it issues, re-issued when the addresses change while the authority stays."""

from __future__ import annotations

import ipaddress
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes

from supple.web.tls import (
    CA_CERT_FILE,
    CA_KEY_FILE,
    CERT_FILE,
    KEY_FILE,
    VALID_DAYS,
    ensure_certificate,
    permitted_networks,
    subject_names,
)

NOW = datetime(2026, 12, 1, tzinfo=UTC)
ADDRESSES = [ipaddress.ip_address("192.168.1.5"), ipaddress.ip_address("fd00::2")]


def _leaf(home: Path) -> x509.Certificate:
    return x509.load_pem_x509_certificates((home / CERT_FILE).read_bytes())[0]


def _authority(home: Path) -> x509.Certificate:
    return x509.load_pem_x509_certificate((home / CA_CERT_FILE).read_bytes())


def _digest(certificate: x509.Certificate) -> str:
    return certificate.fingerprint(hashes.SHA256()).hex().upper()


def test_the_leaf_is_issued_by_the_authority_and_names_the_lan(tmp_path: Path) -> None:
    made = ensure_certificate(tmp_path, ["Desk.local"], ADDRESSES, NOW)
    leaf, authority = _leaf(tmp_path), _authority(tmp_path)
    leaf.verify_directly_issued_by(authority)
    assert subject_names(leaf) == ({"desk.local"}, set(ADDRESSES))
    assert made.fingerprint.replace(":", "") == _digest(authority) and len(made.fingerprint) == 95
    assert made.leaf_fingerprint.replace(":", "") == _digest(leaf)
    assert x509.load_der_x509_certificate(made.authority_der) == authority
    usage = leaf.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    assert x509.oid.ExtendedKeyUsageOID.SERVER_AUTH in usage
    assert not leaf.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    assert (leaf.not_valid_after_utc - leaf.not_valid_before_utc).days <= VALID_DAYS
    # The server sends the chain: the leaf, then the authority.
    chain = x509.load_pem_x509_certificates((tmp_path / CERT_FILE).read_bytes())
    assert chain == [leaf, authority]


def test_the_authority_is_a_long_lived_name_constrained_ca(tmp_path: Path) -> None:
    ensure_certificate(tmp_path, ["desk.local"], ADDRESSES, NOW)
    authority = _authority(tmp_path)
    basic = authority.extensions.get_extension_for_class(x509.BasicConstraints)
    assert basic.critical and basic.value.ca and basic.value.path_length == 0
    assert authority.not_valid_after_utc - NOW > timedelta(days=9 * 365)
    constraints = authority.extensions.get_extension_for_class(x509.NameConstraints)
    assert constraints.critical
    permitted = constraints.value.permitted_subtrees or []
    assert {n.value for n in permitted if isinstance(n, x509.DNSName)} == {"desk.local"}
    networks = [n.value for n in permitted if isinstance(n, x509.IPAddress)]
    assert all(any(a in net for net in networks) for a in ADDRESSES)
    assert not any(ipaddress.ip_address("8.8.8.8") in net for net in networks)


def test_keys_are_private_and_certificates_readable(tmp_path: Path) -> None:
    ensure_certificate(tmp_path, ["desk.local"], ADDRESSES, NOW)
    modes = {
        name: stat.S_IMODE((tmp_path / name).stat().st_mode)
        for name in (CA_KEY_FILE, KEY_FILE, CA_CERT_FILE, CERT_FILE)
    }
    assert modes == {CA_KEY_FILE: 0o600, KEY_FILE: 0o600, CA_CERT_FILE: 0o644, CERT_FILE: 0o644}


def test_the_same_certificates_are_kept_while_they_still_fit(tmp_path: Path) -> None:
    first = ensure_certificate(tmp_path, ["desk.local"], ADDRESSES, NOW)
    again = ensure_certificate(tmp_path, ["desk.local"], ADDRESSES[:1], NOW + timedelta(days=1))
    assert (again.fingerprint, again.leaf_fingerprint) == (
        first.fingerprint,
        first.leaf_fingerprint,
    )


def test_a_new_address_reissues_the_leaf_and_keeps_the_authority(tmp_path: Path) -> None:
    first = ensure_certificate(tmp_path, ["desk.local"], ADDRESSES, NOW)
    moved = [ipaddress.ip_address("10.0.0.7")]
    second = ensure_certificate(tmp_path, ["desk.local"], moved, NOW)
    assert second.leaf_fingerprint != first.leaf_fingerprint
    assert second.fingerprint == first.fingerprint
    assert subject_names(_leaf(tmp_path))[1] == set(moved)
    _leaf(tmp_path).verify_directly_issued_by(_authority(tmp_path))
    late = NOW + timedelta(days=VALID_DAYS - 10)
    renewed = ensure_certificate(tmp_path, ["desk.local"], moved, late)
    assert renewed.leaf_fingerprint != second.leaf_fingerprint
    assert renewed.fingerprint == first.fingerprint


def test_a_name_the_authority_cannot_vouch_for_makes_a_new_one(tmp_path: Path) -> None:
    first = ensure_certificate(tmp_path, ["desk.local"], ADDRESSES, NOW)
    renamed = ensure_certificate(tmp_path, ["study.local"], ADDRESSES, NOW)
    assert renamed.fingerprint != first.fingerprint
    _leaf(tmp_path).verify_directly_issued_by(_authority(tmp_path))


@pytest.mark.parametrize("damaged", [CERT_FILE, KEY_FILE, CA_CERT_FILE, CA_KEY_FILE])
def test_a_damaged_file_is_replaced_and_the_chain_verifies(tmp_path: Path, damaged: str) -> None:
    ensure_certificate(tmp_path, ["desk.local"], ADDRESSES, NOW)
    (tmp_path / damaged).write_text("not a certificate")
    ensure_certificate(tmp_path, ["desk.local"], ADDRESSES, NOW)
    _leaf(tmp_path).verify_directly_issued_by(_authority(tmp_path))
    assert subject_names(_leaf(tmp_path))[0] == {"desk.local"}


def test_a_public_address_is_permitted_only_by_itself() -> None:
    public = ipaddress.ip_address("203.0.113.9")
    networks = permitted_networks([public, ADDRESSES[0]])
    assert ipaddress.ip_network("203.0.113.9/32") in networks
    assert not any(ipaddress.ip_address("203.0.113.10") in net for net in networks)
