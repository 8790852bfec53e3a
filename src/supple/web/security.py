"""Browser-facing protections: response headers, a Host allow-list and CSRF tokens.

Supple holds health records on the person's own machine, and a web page they visit
elsewhere must never be able to read or change them. Three layers stop that:

* The Host allow-list refuses requests addressed to any other name, which defeats DNS
  rebinding (a hostile site re-pointing its own name at 127.0.0.1).
* Forms carry a signed double-submit token: a random nonce lives in a SameSite=Strict,
  HttpOnly cookie and the form holds the same nonce signed with the app's secret. A
  cross-site page can neither read the cookie nor forge the signature.
* The JSON API accepts only ``application/json`` bodies: a cross-site page cannot send
  that content type without a CORS preflight, which this server never approves.

All of it is a plain ASGI middleware so it adds almost nothing to each request.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterable
from http.cookies import SimpleCookie
from pathlib import Path

from itsdangerous import BadSignature, URLSafeTimedSerializer
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSRF_COOKIE = "supple_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
# A form left open for a day is still accepted; older tokens are refused.
CSRF_MAX_AGE_SECONDS = 24 * 3600
SECRET_FILE = "secret_key"

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "media-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

SECURITY_HEADERS: tuple[tuple[str, str], ...] = (
    ("content-security-policy", CONTENT_SECURITY_POLICY),
    ("x-content-type-options", "nosniff"),
    ("x-frame-options", "DENY"),
    # Within Supple only: another site never learns which page linked to it, and an
    # error page can lead back to the form it came from (``app._back``).
    ("referrer-policy", "same-origin"),
    ("cross-origin-opener-policy", "same-origin"),
    ("cross-origin-resource-policy", "same-origin"),
    (
        "permissions-policy",
        "camera=(), microphone=(), geolocation=(), payment=(), usb=(), screen-wake-lock=(self)",
    ),
)

# Addresses whose answers hold nothing personal (the stylesheet, scripts, drawings):
# they set their own Cache-Control and get no cookie, so a browser may keep them.
PUBLIC_PREFIXES: tuple[str, ...] = ("/static/", "/figures/")

LOOPBACK_HOSTS: tuple[str, ...] = ("127.0.0.1", "localhost", "[::1]", "::1")


def load_secret(configured: str | None, home: Path) -> str:
    """The signing key: the configured one, else one generated once and kept in ``home``.

    Keeping it in a file means a token issued before a restart is still valid after it.
    """
    if configured:
        return configured
    path = home / SECRET_FILE
    if path.exists():
        stored = path.read_text(encoding="utf-8").strip()
        if stored:
            return stored
    home.mkdir(parents=True, exist_ok=True, mode=0o700)  # health data lives here too
    key = secrets.token_urlsafe(48)
    path.touch(mode=0o600, exist_ok=True)
    path.write_text(key, encoding="utf-8")
    return key


class Csrf:
    """Issues and checks the signed double-submit tokens."""

    def __init__(self, secret: str) -> None:
        self._serializer = URLSafeTimedSerializer(secret, salt="supple-csrf")

    @staticmethod
    def new_nonce() -> str:
        return secrets.token_urlsafe(24)

    def token_for(self, nonce: str) -> str:
        return self._serializer.dumps(nonce)

    def valid(self, token: str | None, nonce: str | None) -> bool:
        """True when ``token`` is our signature of the cookie's ``nonce`` and still fresh."""
        if not token or not nonce:
            return False
        try:
            signed = self._serializer.loads(token, max_age=CSRF_MAX_AGE_SECONDS)
        except BadSignature:
            return False
        return isinstance(signed, str) and secrets.compare_digest(signed, nonce)


def _cookie(scope: Scope, name: str) -> str | None:
    for key, value in scope.get("headers", ()):
        if key == b"cookie":
            jar: SimpleCookie = SimpleCookie()
            try:
                jar.load(value.decode("latin-1"))
            except Exception:  # a malformed cookie header is treated as absent
                return None
            if name in jar:
                return jar[name].value
    return None


# A Host header: a bracketed IPv6 address or a name without colons, then an optional
# port of digits only; a bare IPv6 address (several colons) has no port.
_HOST_HEADER = re.compile(
    r"(\[[0-9a-f:.]*\]|[^:\[\]/@]+)(?::([0-9]{1,5}))?"  # name or [v6], optional port
    r"|[0-9a-f.]*:[0-9a-f.]*:[0-9a-f:.]*"  # a bare IPv6 address
)


def _host(scope: Scope) -> str:
    """The name the request was addressed to, or "" when the Host header is malformed
    (a port that is not a whole number from 1 to 65535, a path or user part)."""
    for key, value in scope.get("headers", ()):
        if key == b"host":
            host: str = bytes(value).decode("latin-1").lower()
            matched = _HOST_HEADER.fullmatch(host)
            if matched is None:
                return ""
            if matched.group(1) is None:
                return host
            port = matched.group(2)
            if port is not None and not 1 <= int(port) <= 65535:
                return ""
            return matched.group(1)
    return ""


class SecurityMiddleware:
    """Adds the security headers, enforces the Host allow-list and sets the CSRF cookie."""

    def __init__(self, app: ASGIApp, *, allowed_hosts: Iterable[str]) -> None:
        self.app = app
        self.allowed_hosts = frozenset(host.lower() for host in allowed_hosts)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if _host(scope) not in self.allowed_hosts:
            await _plain(send, 400, b"Unknown host: Supple answers only on its own address.\n")
            return
        nonce = _cookie(scope, CSRF_COOKIE)
        fresh = nonce is None
        if nonce is None:
            nonce = Csrf.new_nonce()
        scope.setdefault("state", {})["csrf_nonce"] = nonce
        public = scope["path"].startswith(PUBLIC_PREFIXES)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS:
                    headers.append(name, value)
                if not public:
                    # Every other page may show health data: never kept by the browser.
                    headers["cache-control"] = "no-store"
                    if fresh:
                        headers.append(
                            "set-cookie",
                            f"{CSRF_COOKIE}={nonce}; Path=/; HttpOnly; SameSite=Strict",
                        )
            await send(message)

        await self.app(scope, receive, send_with_headers)


async def _plain(send: Send, status: int, body: bytes) -> None:
    headers = [(b"content-type", b"text/plain; charset=utf-8")]
    headers += [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
