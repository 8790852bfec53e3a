"""The device gate: only this computer and paired devices reach the app.

A request whose peer is loopback is the person at the computer and passes. Any other
request must carry the cookie of a paired device (looked up by its token's hash);
without one it may open only the pairing page and the two static files that page
needs, and everything else answers with that page (status 401), or a JSON sentence
for the API. Nothing else is served: no records, no plans, no figures.

The gate runs inside SecurityMiddleware (so the Host check comes first and the CSRF
nonce exists for the pairing form) and before everything else.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from anyio import to_thread
from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from supple.web.pairing import is_loopback_peer, token_hash
from supple.web.security import _cookie

DEVICE_COOKIE = "supple_device"
# Set with the device cookie when a phone pairs; the next home page shows "this device
# is now paired" once and clears it, so a reload does not show it again.
PAIRED_NOTE_COOKIE = "supple_paired_note"
PAIRED_NOTE_MAX_AGE = 600
# Browsers keep a cookie at most about 400 days; the device is paired until revoked.
DEVICE_COOKIE_MAX_AGE = 400 * 24 * 3600
# What an unpaired device may open: the pairing page and what it is drawn with.
# The certificate page comes first: a phone must trust Supple's authority before the
# app can be installed, and it needs no pairing to see a public certificate.
OPEN_TO_UNPAIRED = frozenset(
    {"/pair", "/pair/certificate", "/pair/supple-ca.cer", "/static/supple.css", "/static/icon.svg"}
)


@dataclass(frozen=True)
class LanService:
    """How ``supple serve --lan`` is reachable from other devices (None when it is not)."""

    urls: tuple[str, ...]
    host_names: frozenset[str] = field(default_factory=frozenset)
    # Of Supple's certificate authority; None when serving plain HTTP (--insecure-http).
    fingerprint: str | None = None
    mdns_url: str | None = None
    authority_der: bytes | None = None  # the authority's certificate, offered to phones

    @property
    def secure(self) -> bool:
        return self.fingerprint is not None


def device_cookie(token: str, *, secure: bool) -> str:
    """The Set-Cookie value for a newly paired device: HttpOnly, SameSite=Strict, and
    Secure whenever the pairing came over HTTPS."""
    parts = [
        f"{DEVICE_COOKIE}={token}",
        "Path=/",
        f"Max-Age={DEVICE_COOKIE_MAX_AGE}",
        "HttpOnly",
        "SameSite=Strict",
    ]
    if secure:
        parts.append("Secure")
    return "; ".join(parts)


def paired_note_cookie(*, secure: bool) -> str:
    """The Set-Cookie value that asks the next home page for the one-time note."""
    parts = [
        f"{PAIRED_NOTE_COOKIE}=1",
        "Path=/",
        f"Max-Age={PAIRED_NOTE_MAX_AGE}",
        "HttpOnly",
        "SameSite=Strict",
    ]
    if secure:
        parts.append("Secure")
    return "; ".join(parts)


def _find_device(scope: Scope, token: str) -> Any:
    from supple.web.deps import store_of

    return store_of(Request(scope)).device_by_token_hash(token_hash(token))


class DeviceGate:
    """Lets through loopback and paired devices; shows everyone else how to pair."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):  # lifespan: start-up and shut-down
            await self.app(scope, receive, send)
            return
        client = scope.get("client")
        state = scope.setdefault("state", {})
        state["device"] = None
        state["on_computer"] = is_loopback_peer(client[0] if client else None)
        if state["on_computer"]:
            await self.app(scope, receive, send)
            return
        if scope["type"] == "websocket":  # the app has none; from elsewhere, never
            await send({"type": "websocket.close", "code": 1008})
            return
        token = _cookie(scope, DEVICE_COOKIE)
        if token:
            try:
                state["device"] = await to_thread.run_sync(_find_device, scope, token)
            except Exception:  # no database, no way to check: refuse, never guess
                await _send(send, 503, "text/plain", b"Supple cannot check this device now.\n")
                return
        if state["device"] is not None or scope["path"] in OPEN_TO_UNPAIRED:
            await self.app(scope, receive, send)
            return
        await self._refuse(scope, receive, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["path"].startswith("/api/"):
            body = {"detail": "This device is not paired with Supple. Open /pair to pair it."}
            await _send(send, 401, "application/json", json.dumps(body).encode())
            return
        from supple.web.routes.pages_devices import pairing_page

        response = pairing_page(Request(scope, receive), status=401)
        await response(scope, receive, send)


async def _send(send: Send, status: int, kind: str, body: bytes) -> None:
    headers = [(b"content-type", kind.encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
