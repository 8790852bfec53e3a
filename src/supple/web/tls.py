"""The HTTPS certificates Supple serves on the local network, made on first use.

A browser only installs an app and runs its service worker (what keeps a session going
when the Wi-Fi drops) on a page whose certificate it trusts; clicking through a warning
is not enough. No public authority certifies a computer on a home network, so Supple
makes its own small certificate authority the first time ``supple serve --lan`` runs:

* the authority (ECDSA P-256, key file mode 0600 in SUPPLE_HOME, valid for 10 years) is
  name-constrained: it can vouch only for the computer's ``HOSTNAME.local`` and for
  private-network addresses (plus any other address the computer had when it was made),
  so a phone that trusts it trusts nothing on the internet because of it;
* the server certificate (the "leaf") is issued by it, names every LAN address and
  ``HOSTNAME.local``, and is re-issued whenever those change or it nears expiry, while
  the authority is kept, so the phone's trust (installed once, from ``/pair/certificate``,
  after comparing the fingerprint the terminal prints) survives a new address.

The authority is made again only when it is missing, damaged, near its end, or its
constraints no longer cover the computer's names and addresses.
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from supple.web.lan import IPAddress

CA_CERT_FILE = "lan-ca-cert.pem"
CA_KEY_FILE = "lan-ca-key.pem"
CERT_FILE = "lan-cert.pem"  # the leaf, followed by the authority (the chain a server sends)
KEY_FILE = "lan-key.pem"
CA_VALID_DAYS = 3650
VALID_DAYS = 825  # the longest an iPhone accepts for a server certificate
RENEW_BEFORE_DAYS = 30
# Addresses a home or office network uses; the authority may vouch for these only.
PRIVATE_NETWORKS = tuple(
    ipaddress.ip_network(text)
    for text in (
        "10.0.0.0/8",
        "172.16.0.0/12",
        "192.168.0.0/16",
        "100.64.0.0/10",
        "198.18.0.0/15",
        "fc00::/7",
    )
)
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@dataclass(frozen=True, slots=True)
class ServerCertificate:
    cert_path: Path  # leaf then authority, PEM: what the HTTPS server sends
    key_path: Path
    fingerprint: str  # of the authority: what the person compares on the phone
    leaf_fingerprint: str
    authority_der: bytes  # what /pair/certificate offers for download


def fingerprint(certificate: x509.Certificate) -> str:
    """SHA-256 of the certificate, as browsers show it (colon-separated hex pairs)."""
    digest = certificate.fingerprint(hashes.SHA256()).hex().upper()
    return ":".join(digest[i : i + 2] for i in range(0, len(digest), 2))


def subject_names(certificate: x509.Certificate) -> tuple[set[str], set[IPAddress]]:
    """The DNS names and IP addresses a certificate covers."""
    try:
        sans = certificate.extensions.get_extension_for_class(x509.SubjectAlternativeName)
    except x509.ExtensionNotFound:
        return set(), set()
    dns = {name.lower() for name in sans.value.get_values_for_type(x509.DNSName)}
    ips = set(sans.value.get_values_for_type(x509.IPAddress))
    return dns, ips  # type: ignore[return-value]


def permitted_networks(addresses: Iterable[IPAddress]) -> list[Network]:
    """The private networks, and a single-address network for any address outside them."""
    networks: list[Network] = list(PRIVATE_NETWORKS)
    for address in addresses:
        if not any(address in network for network in networks):
            networks.append(ipaddress.ip_network(address))
    return networks


def _key_usage(*, signs_certificates: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=True,
        content_commitment=False,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=signs_certificates,
        crl_sign=signs_certificates,
        encipher_only=False,
        decipher_only=False,
    )


def _pem_key(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


def make_authority(
    names: Iterable[str], addresses: Iterable[IPAddress], now: datetime
) -> tuple[bytes, bytes]:
    """A new name-constrained certificate authority and its private key, both PEM."""
    key = ec.generate_private_key(ec.SECP256R1())
    dns = sorted({name.lower() for name in names})
    label = dns[0] if dns else "this computer"
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Supple"),
            x509.NameAttribute(NameOID.COMMON_NAME, f"Supple on {label}"),
        ]
    )
    permitted: list[x509.GeneralName] = [x509.DNSName(name) for name in dns]
    permitted += [x509.IPAddress(network) for network in permitted_networks(addresses)]
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=CA_VALID_DAYS))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_key_usage(signs_certificates=True), critical=True)
        .add_extension(x509.NameConstraints(permitted, None), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return certificate.public_bytes(serialization.Encoding.PEM), _pem_key(key)


def issue_leaf(
    authority: x509.Certificate,
    authority_key: ec.EllipticCurvePrivateKey,
    names: Iterable[str],
    addresses: Iterable[IPAddress],
    now: datetime,
) -> tuple[bytes, bytes]:
    """A server certificate from ``authority`` for ``names`` and ``addresses``, and its key."""
    key = ec.generate_private_key(ec.SECP256R1())
    dns = sorted({name.lower() for name in names})
    alternatives: list[x509.GeneralName] = [x509.DNSName(name) for name in dns]
    alternatives += [x509.IPAddress(ip) for ip in dict.fromkeys(addresses)]
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, dns[0] if dns else "supple")])
    end = min(now + timedelta(days=VALID_DAYS), authority.not_valid_after_utc)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(authority.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(end)
        .add_extension(x509.SubjectAlternativeName(alternatives), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_key_usage(signs_certificates=False), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(authority_key.public_key()),
            critical=False,
        )
        .sign(authority_key, hashes.SHA256())
    )
    return certificate.public_bytes(serialization.Encoding.PEM), _pem_key(key)


def _covers(authority: x509.Certificate, names: set[str], addresses: set[IPAddress]) -> bool:
    try:
        constraints = authority.extensions.get_extension_for_class(x509.NameConstraints).value
    except x509.ExtensionNotFound:
        return False
    permitted = constraints.permitted_subtrees or []
    dns = {n.value.lower() for n in permitted if isinstance(n, x509.DNSName)}
    networks = [
        n.value
        for n in permitted
        if isinstance(n, x509.IPAddress)
        and isinstance(n.value, ipaddress.IPv4Network | ipaddress.IPv6Network)
    ]
    return names <= dns and all(any(a in net for net in networks) for a in addresses)


def _load_authority(
    home: Path, names: set[str], addresses: set[IPAddress], now: datetime
) -> tuple[x509.Certificate, ec.EllipticCurvePrivateKey] | None:
    try:
        certificate = x509.load_pem_x509_certificate((home / CA_CERT_FILE).read_bytes())
        key = serialization.load_pem_private_key((home / CA_KEY_FILE).read_bytes(), None)
    except (OSError, ValueError):
        return None
    if not isinstance(key, ec.EllipticCurvePrivateKey) or key.public_key() != (
        certificate.public_key()
    ):
        return None
    if certificate.not_valid_after_utc - now < timedelta(days=VALID_DAYS + RENEW_BEFORE_DAYS):
        return None
    return (certificate, key) if _covers(certificate, names, addresses) else None


def _leaf_still_good(
    home: Path,
    authority: x509.Certificate,
    names: set[str],
    addresses: set[IPAddress],
    now: datetime,
) -> x509.Certificate | None:
    try:
        chain = x509.load_pem_x509_certificates((home / CERT_FILE).read_bytes())
        serialization.load_pem_private_key((home / KEY_FILE).read_bytes(), None)
        chain[0].verify_directly_issued_by(authority)
    except (OSError, ValueError, TypeError, IndexError, InvalidSignature):
        return None  # missing, damaged, or issued by an earlier authority
    dns, ips = subject_names(chain[0])
    if not names <= dns or not addresses <= ips:
        return None
    if chain[0].not_valid_after_utc - now < timedelta(days=RENEW_BEFORE_DAYS):
        return None
    return chain[0]


def _write_private(path: Path, data: bytes, mode: int) -> None:
    """Write ``data`` to ``path`` through a new file created with ``mode`` (never wider)."""
    temporary = path.with_name(path.name + ".new")
    temporary.unlink(missing_ok=True)
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    temporary.replace(path)


def ensure_certificate(
    home: Path, names: Iterable[str], addresses: Iterable[IPAddress], now: datetime
) -> ServerCertificate:
    """The authority and server certificate in ``home``, made or re-issued as needed
    (keys 0600): the authority is kept while it can vouch for ``names`` and
    ``addresses``; the leaf is re-issued whenever it no longer names them."""
    wanted_names = {name.lower() for name in names}
    wanted_ips = {ipaddress.ip_address(str(a)) for a in addresses}
    home.mkdir(parents=True, exist_ok=True, mode=0o700)
    loaded = _load_authority(home, wanted_names, wanted_ips, now)
    if loaded is None:
        ca_pem, ca_key_pem = make_authority(wanted_names, sorted(wanted_ips, key=str), now)
        _write_private(home / CA_KEY_FILE, ca_key_pem, 0o600)
        _write_private(home / CA_CERT_FILE, ca_pem, 0o644)
        key = serialization.load_pem_private_key(ca_key_pem, None)
        assert isinstance(key, ec.EllipticCurvePrivateKey)
        loaded = (x509.load_pem_x509_certificate(ca_pem), key)
    authority, authority_key = loaded
    leaf = _leaf_still_good(home, authority, wanted_names, wanted_ips, now)
    if leaf is None:
        ordered = sorted(wanted_ips, key=lambda a: (a.version, str(a)))
        leaf_pem, leaf_key_pem = issue_leaf(authority, authority_key, wanted_names, ordered, now)
        chain = leaf_pem + authority.public_bytes(serialization.Encoding.PEM)
        _write_private(home / KEY_FILE, leaf_key_pem, 0o600)
        _write_private(home / CERT_FILE, chain, 0o644)
        leaf = x509.load_pem_x509_certificate(leaf_pem)
    for private in (CA_KEY_FILE, KEY_FILE):
        (home / private).chmod(0o600)
    return ServerCertificate(
        home / CERT_FILE,
        home / KEY_FILE,
        fingerprint(authority),
        fingerprint(leaf),
        authority.public_bytes(serialization.Encoding.DER),
    )
