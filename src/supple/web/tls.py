"""The HTTPS certificate Supple serves on the local network, made on first use.

There is no certificate authority for a computer on a home network, so Supple makes a
self-signed one: an ECDSA P-256 key (file mode 0600 in SUPPLE_HOME) and a certificate
naming every LAN address and ``HOSTNAME.local``. A phone shows a warning the first
time; the person compares the SHA-256 fingerprint the terminal printed with the one
the phone shows, and from then on the connection is encrypted and the phone's cookie
(marked Secure) never travels in clear. The certificate is made again only when it no
longer names the computer's current addresses or is close to expiring, so the
fingerprint stays the same from one start to the next.
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from supple.web.lan import IPAddress

CERT_FILE = "lan-cert.pem"
KEY_FILE = "lan-key.pem"
VALID_DAYS = 825
RENEW_BEFORE_DAYS = 30


@dataclass(frozen=True, slots=True)
class ServerCertificate:
    cert_path: Path
    key_path: Path
    fingerprint: str


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


def make_certificate(
    names: Iterable[str], addresses: Iterable[IPAddress], now: datetime
) -> tuple[bytes, bytes]:
    """A new self-signed certificate and its private key, both PEM."""
    key = ec.generate_private_key(ec.SECP256R1())
    dns = sorted({name.lower() for name in names})
    ips = list(dict.fromkeys(addresses))
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, dns[0] if dns else "supple")])
    alternatives: list[x509.GeneralName] = [x509.DNSName(name) for name in dns]
    alternatives += [x509.IPAddress(ip) for ip in ips]
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=VALID_DAYS))
        .add_extension(x509.SubjectAlternativeName(alternatives), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return certificate.public_bytes(serialization.Encoding.PEM), key_pem


def _still_good(
    path: Path, names: set[str], addresses: set[IPAddress], now: datetime
) -> x509.Certificate | None:
    try:
        certificate = x509.load_pem_x509_certificate(path.read_bytes())
    except (OSError, ValueError):
        return None
    dns, ips = subject_names(certificate)
    if not names <= dns or not addresses <= ips:
        return None
    if certificate.not_valid_after_utc - now < timedelta(days=RENEW_BEFORE_DAYS):
        return None
    return certificate


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
    """The certificate in ``home`` if it still covers ``names`` and ``addresses``,
    else a new one written there (key 0600)."""
    wanted_names = {name.lower() for name in names}
    wanted_ips = {ipaddress.ip_address(str(a)) for a in addresses}
    cert_path, key_path = home / CERT_FILE, home / KEY_FILE
    current = _still_good(cert_path, wanted_names, wanted_ips, now) if key_path.exists() else None
    if current is None:
        home.mkdir(parents=True, exist_ok=True, mode=0o700)
        cert_pem, key_pem = make_certificate(wanted_names, sorted(wanted_ips, key=str), now)
        _write_private(key_path, key_pem, 0o600)
        _write_private(cert_path, cert_pem, 0o644)
        current = x509.load_pem_x509_certificate(cert_pem)
    key_path.chmod(0o600)
    return ServerCertificate(cert_path, key_path, fingerprint(current))
