"""Pairing a phone, and the Devices page where the computer lists and revokes them.

``/pair`` is the one page an unpaired device may open: it explains how to pair and
takes the code shown on the computer. The Devices page, the code it issues and
revoking answer only on the computer itself (a loopback peer), so a paired phone can
neither pair further devices nor unpair others.
"""

from __future__ import annotations

import re
from typing import Any, cast

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup

from supple.web.deps import CheckedForm, render, settings_of, store_of
from supple.web.devices import LanService, device_cookie, paired_note_cookie
from supple.web.limits import SafeJsonRoute
from supple.web.pairing import (
    CODE_LIFETIME_SECONDS,
    AttemptLimiter,
    PairingCodes,
    new_device_token,
    normalise_code,
    show_code,
    token_hash,
)

router = APIRouter(include_in_schema=False, route_class=SafeJsonRoute)
DEVICE_NAME_FIELD = re.compile(r"[^\x00-\x1f\x7f]{0,100}")


def lan_of(request: Request) -> LanService | None:
    return cast("LanService | None", request.app.state.lan)


def on_computer(request: Request) -> bool:
    return bool(getattr(request.state, "on_computer", False))


def require_computer(request: Request) -> None:
    if not on_computer(request):
        raise HTTPException(
            403, "The Devices page opens only on the computer Supple runs on, not on a phone."
        )


def pairing_page(
    request: Request, *, status: int = 200, problem: str | None = None, code: str = ""
) -> HTMLResponse:
    context = {
        "problem": problem,
        "code": code,
        "paired": request.state.device is not None,
        "on_computer": on_computer(request),
        "devices_url": f"http://127.0.0.1:{settings_of(request).port}/devices",
    }
    return render(request, "pair.html", context, status=status)


@router.get("/pair", response_class=HTMLResponse)
def pair_form(request: Request, code: str = "") -> HTMLResponse:
    # The QR code opens this page with the code filled in; only a real code is kept.
    return pairing_page(request, code=normalise_code(code[:20]) or "")


@router.post("/pair", response_model=None)
def pair(request: Request, form: CheckedForm) -> Response:
    if on_computer(request):
        return RedirectResponse("/devices", status_code=303)
    peer = request.client.host if request.client else ""
    limiter = cast(AttemptLimiter, request.app.state.pair_limiter)
    codes = cast(PairingCodes, request.app.state.pairing_codes)
    if not limiter.allowed(peer):
        problem = (
            "Too many wrong codes have been tried. Wait 10 minutes, then ask for a new "
            "code on the computer (Devices page) and try again."
        )
        return pairing_page(request, status=429, problem=problem)
    typed = form.get("code", "")
    if not isinstance(typed, str) or not codes.redeem(typed[:20]):
        limiter.failed(peer)
        problem = (
            "That code did not work: it may be mistyped, already used, or more than "
            "10 minutes old. Ask the computer for a new code and try again."
        )
        return pairing_page(request, status=403, problem=problem)
    raw_name = form.get("name", "")
    name = raw_name if isinstance(raw_name, str) and DEVICE_NAME_FIELD.fullmatch(raw_name) else ""
    token = new_device_token()
    store_of(request).add_device(name or "Phone", token_hash(token))
    response = RedirectResponse("/", status_code=303)
    secure = request.url.scheme == "https"
    response.headers.append("set-cookie", device_cookie(token, secure=secure))
    response.headers.append("set-cookie", paired_note_cookie(secure=secure))
    return response


@router.get("/pair/certificate", response_class=HTMLResponse)
def certificate_page(request: Request) -> HTMLResponse:
    """How to make the phone trust Supple's own certificate authority, so the app can
    be installed and work offline; open before pairing (the certificate is public)."""
    lan = lan_of(request)
    status = 200 if lan is not None and lan.authority_der else 404
    context = {
        "lan": lan,
        "paired": request.state.device is not None,
        "on_computer": on_computer(request),
    }
    return render(request, "pair_certificate.html", context, status=status)


@router.get("/pair/supple-ca.cer", response_model=None)
def certificate_download(request: Request) -> Response:
    lan = lan_of(request)
    if lan is None or not lan.authority_der:
        raise HTTPException(
            404, "Supple has no certificate to offer: start it with 'supple serve --lan'."
        )
    return Response(
        lan.authority_der,
        media_type="application/x-x509-ca-cert",
        headers={"content-disposition": 'attachment; filename="supple-ca.cer"'},
    )


@router.get("/devices", response_class=HTMLResponse)
def devices_page(request: Request) -> HTMLResponse:
    require_computer(request)
    return render(request, "devices.html", _devices_context(request))


@router.post("/devices/code", response_class=HTMLResponse)
def new_code(request: Request, form: CheckedForm) -> HTMLResponse:
    require_computer(request)
    lan = lan_of(request)
    if lan is None:
        return render(request, "devices.html", _devices_context(request), status=409)
    issued = cast(PairingCodes, request.app.state.pairing_codes).issue()
    link = pairing_link(lan, issued.code)
    context = {
        **_devices_context(request),
        "code": show_code(issued.code),
        "link": link,
        "qr": qr_svg(link),
        "minutes": CODE_LIFETIME_SECONDS // 60,
    }
    return render(request, "devices.html", context)


@router.post("/devices/{device_id}/revoke", response_model=None)
def revoke(request: Request, device_id: int, form: CheckedForm) -> Response:
    require_computer(request)
    if not store_of(request).revoke_device(device_id):
        raise HTTPException(404, f"There is no paired device number {device_id}.")
    return RedirectResponse("/devices", status_code=303)


def pairing_link(lan: LanService, code: str) -> str:
    return f"{lan.urls[0]}pair?code={code}"


def qr_svg(link: str) -> Markup:
    """The pairing link as an inline SVG QR code (segno writes the markup from the link
    alone, which Supple made, so it is safe to embed)."""
    import segno

    svg = segno.make(link, error="m").svg_inline(
        scale=5,
        light="#fff",
        title="QR code: scan it with the phone's camera to pair it",
        svgclass="qr",
    )
    return Markup(svg.replace("<svg ", '<svg role="img" aria-label="Pairing QR code" ', 1))


def _devices_context(request: Request) -> dict[str, Any]:
    return {"devices": store_of(request).devices(), "lan": lan_of(request)}
