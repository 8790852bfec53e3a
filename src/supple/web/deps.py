"""Request-scoped helpers shared by the routers: rendering, CSRF checks and app state.

Everything a route needs (settings, catalog, CSRF signer, templates) is created once in
``create_app`` and kept on ``app.state``; routes reach it through these functions so no
module holds global mutable state and tests can build as many apps as they like.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Annotated, Any, cast

from fastapi import Depends, HTTPException, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from starlette.datastructures import FormData

from supple.catalog import Catalog
from supple.settings import Settings
from supple.store import PlanRecord, SessionRecord, Store, open_store
from supple.web.security import CSRF_COOKIE, CSRF_FIELD, CSRF_HEADER, Csrf


def settings_of(request: Request) -> Settings:
    return cast(Settings, request.app.state.settings)


def catalog_of(request: Request) -> Catalog:
    return cast(Catalog, request.app.state.catalog)


def csrf_of(request: Request) -> Csrf:
    return cast(Csrf, request.app.state.csrf)


def csrf_token(request: Request) -> str:
    """The token to embed in this response's forms (signs the cookie's nonce)."""
    return csrf_of(request).token_for(request.state.csrf_nonce)


def render(
    request: Request, template: str, context: dict[str, Any] | None = None, status: int = 200
) -> HTMLResponse:
    templates = cast(Jinja2Templates, request.app.state.templates)
    full = {"csrf_token": csrf_token(request), "path": request.url.path, **(context or {})}
    return templates.TemplateResponse(request, template, full, status_code=status)


async def checked_form(request: Request) -> FormData:
    """The submitted form, after checking its CSRF token against the cookie.

    Used as a dependency by every form-handling route: a request without a matching
    token never reaches the handler.
    """
    form = await request.form()
    token = form.get(CSRF_FIELD)
    if not isinstance(token, str):
        token = request.headers.get(CSRF_HEADER)
    nonce = request.cookies.get(CSRF_COOKIE)
    if not csrf_of(request).valid(token, nonce):
        raise HTTPException(
            status_code=403,
            detail="This form could not be verified (it may be out of date). "
            "Go back, reload the page and send it again.",
        )
    repeatable: frozenset[str] = request.app.state.repeatable_fields
    counts = Counter(name for name, _ in form.multi_items())
    repeated = sorted(
        name for name, count in counts.items() if count > 1 and name not in repeatable
    )
    if repeated:
        # Never let the last copy silently win: a doubled field is a broken or forged form.
        raise HTTPException(
            422, f"{', '.join(repeated)}: sent more than once; send each field once"
        )
    return form


def store_of(request: Request) -> Store:
    """The app's store, opened (and migrated) on first use and shared by every request.

    Opening lazily keeps the catalog pages and the benchmarks' bare endpoints free of
    database work, and one shared engine pools connections across requests.
    """
    state = request.app.state
    with state.store_lock:
        if state.store is None:
            state.store = open_store(settings_of(request))
        return cast(Store, state.store)


def profile_of(request: Request) -> str:
    return settings_of(request).profile


def own_plan(request: Request, plan_id: int) -> PlanRecord:
    """The profile's plan, or 404: another profile's plan is as absent as a missing one."""
    record = store_of(request).get_plan(plan_id)
    if record is None or record.profile != profile_of(request):
        raise HTTPException(404, f"There is no plan number {plan_id}.")
    return record


def own_session(request: Request, session_id: int) -> SessionRecord:
    """The profile's session, or 404, for the same reason."""
    record = store_of(request).get_session(session_id)
    if record is None or record.profile != profile_of(request):
        raise HTTPException(404, f"There is no session number {session_id}.")
    return record


# A form's whole number: ASCII digits only (``str.isdigit`` also takes "²", which int()
# refuses), and short, so int() is cheap and the value fits any column.
FORM_NUMBER = re.compile(r"[0-9]{1,4}")
FORM_ID = re.compile(r"[0-9]{1,18}")


def form_int(form: FormData, name: str, low: int, high: int) -> int:
    """The form field ``name`` as a whole number from ``low`` to ``high``, else 422."""
    raw = form.get(name, "")
    if isinstance(raw, str) and FORM_NUMBER.fullmatch(raw) and low <= int(raw) <= high:
        return int(raw)
    raise HTTPException(422, f"{name}: a whole number from {low} to {high}")


def form_id(form: FormData, name: str) -> int | None:
    """The form field ``name`` as a record id, or None when it cannot be one."""
    raw = form.get(name, "")
    if isinstance(raw, str) and FORM_ID.fullmatch(raw):
        return int(raw)
    return None


# A form that passed the CSRF check; use as the type of a route's ``form`` parameter.
CheckedForm = Annotated[FormData, Depends(checked_form)]
