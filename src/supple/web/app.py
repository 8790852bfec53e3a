"""The app factory: builds the FastAPI application with its routers, templates and guards."""

from __future__ import annotations

import threading
import time
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.gzip import GZipMiddleware

from supple import __version__
from supple.catalog import default_catalog
from supple.player.pain_stop import LEG_PAIN_EMERGENCY
from supple.settings import Settings, get_settings
from supple.web.deps import render
from supple.web.devices import DeviceGate, LanService
from supple.web.errors import FieldProblem, error_body
from supple.web.format import reason_parts
from supple.web.handouts import HandoutCache
from supple.web.limits import BodyLimitMiddleware, SafeJsonRoute, methods_at
from supple.web.pairing import AttemptLimiter, PairingCodes
from supple.web.questions import repeatable_fields
from supple.web.routes.pages_start import SEEN_URGENT
from supple.web.security import LOOPBACK_HOSTS, Csrf, SecurityMiddleware, load_secret
from supple.web.static_files import VersionedStaticFiles

HERE = Path(__file__).parent
# Bodies smaller than this are sent as they are: compressing them saves too little.
GZIP_MINIMUM_BYTES = 1024


def problem_text(error: dict[str, Any]) -> str:
    """One readable line per validation problem, naming the field by its dotted path."""
    if error.get("type") == "json_invalid":
        reason = (error.get("ctx") or {}).get("error", "")
        return f"body: not valid JSON ({reason})" if reason else "body: not valid JSON"
    loc = [str(part) for part in error.get("loc", ()) if part != "body"]
    where = ".".join(loc) or "body"
    return f"{where}: {error.get('msg', 'invalid value')}"


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/healthz"


def _back(request: Request) -> str | None:
    """The page of this app the person came from (a form page), for the error page's
    way back; None for anything else (another site, no referrer, the same address)."""
    referer = urlsplit(request.headers.get("referer", ""))
    if referer.netloc != request.url.netloc or not referer.path.startswith("/"):
        return None
    back = referer.path + (f"?{referer.query}" if referer.query else "")
    return None if referer.path == request.url.path else back


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    errors = [dict(error) for error in exc.errors()]
    problems = [problem_text(error) for error in errors]
    located = [
        FieldProblem(
            loc=[part if isinstance(part, int) else str(part) for part in e.get("loc", ())],
            msg=str(e.get("msg", "invalid value")),
            type=str(e.get("type", "invalid")),
        )
        for e in errors
    ]
    if _wants_json(request):
        body = error_body(422, "; ".join(problems), problems, located)
        return JSONResponse(body, status_code=422)
    context = {"status": 422, "problems": problems, "back": _back(request)}
    return render(request, "error.html", context, status=422)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    headers = dict(exc.headers or {})
    if exc.status_code == 405:
        # Starlette's names only the first route whose path matched (Allow: POST where
        # GET is served too); list every method taken at this path.
        headers["Allow"] = ", ".join(methods_at(request.app.router, request.scope))
    if _wants_json(request):
        problems = getattr(exc, "problems", None) or ()
        body = error_body(exc.status_code, str(exc.detail), problems)
        return JSONResponse(body, status_code=exc.status_code, headers=headers)
    # Starlette's own 404 says only "Not Found"; ours name what was not found.
    message = "There is no page at this address." if exc.detail == "Not Found" else exc.detail
    context = {"status": exc.status_code, "problems": [message], "back": _back(request)}
    response = render(request, "error.html", context, exc.status_code)
    response.headers.update(headers)
    return response


async def _store_error(request: Request, exc: Exception) -> Response:
    """A database that cannot be used is a page saying how to fix it, never a traceback."""
    from supple.store.failures import explain_failure

    problem = explain_failure(exc, request.app.state.settings.resolved_database_url)
    message = str(problem) if problem else "The records could not be read or saved."
    if _wants_json(request):
        return JSONResponse(error_body(503, message), status_code=503)
    return render(request, "error.html", {"status": 503, "problems": [message]}, 503)


def create_app(
    settings: Settings | None = None,
    *,
    extra_hosts: Iterable[str] = (),
    lan: LanService | None = None,
) -> FastAPI:
    """A fresh application for ``settings`` (the process settings when not given).

    Requests are answered only when their Host names this computer's loopback
    address, or one of ``lan``'s names when ``supple serve --lan`` passes it; and
    only from this computer or a paired device (``DeviceGate``). ``extra_hosts``
    adds names to that list and is for tests alone (the test client sends
    ``testserver``). ``supple serve`` never passes it.
    """
    from supple.web.routes import (
        api_core,
        api_records,
        pages_app,
        pages_breaks,
        pages_catalog,
        pages_devices,
        pages_downloads,
        pages_learn,
        pages_plan,
        pages_progress,
        pages_review,
        pages_self_care,
        pages_session,
        pages_start,
        pain_stops,
    )

    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        app.state.handouts.close()
        if app.state.store is not None:
            app.state.store.close()

    app = FastAPI(
        lifespan=lifespan,
        title="Supple",
        version=__version__,
        description="Local API for screening, plans, guided sessions and progress.",
        docs_url=None,
        redoc_url=None,
    )
    app.router.route_class = SafeJsonRoute
    app.state.settings = settings
    app.state.store = None
    app.state.store_lock = threading.Lock()
    app.state.catalog = default_catalog()
    app.state.handouts = HandoutCache()
    app.state.figure_svg = pages_catalog.find_figure_drawer()
    app.state.lan = lan
    app.state.pairing_codes = PairingCodes(time.monotonic)
    app.state.pair_limiter = AttemptLimiter(time.monotonic)
    # Fields a form may send more than once (checkbox groups); any other repeat is a 422.
    app.state.repeatable_fields = repeatable_fields() | {SEEN_URGENT}
    app.state.csrf = Csrf(load_secret(settings.secret_key, settings.home))
    # Autoescaping is on for every template: catalog text and answers are never markup.
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True)
    templates = Jinja2Templates(env=env)
    templates.env.globals["version"] = __version__
    static = VersionedStaticFiles(HERE / "static")
    templates.env.globals["static_url"] = static.url
    templates.env.globals["reason_parts"] = reason_parts
    templates.env.globals["leg_pain_emergency"] = LEG_PAIN_EMERGENCY
    app.state.templates = templates

    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    from sqlalchemy.exc import DBAPIError

    from supple.store import StoreError

    for failure in (StoreError, DBAPIError):
        app.add_exception_handler(failure, _store_error)
    lan_hosts = lan.host_names if lan is not None else frozenset()
    hosts = {*LOOPBACK_HOSTS, settings.host.lower(), *lan_hosts, *extra_hosts}
    # Added last runs first: the Host check, then the device gate, then content type
    # and size, then the app. Compression is innermost: it sees only requests the
    # checks let through, never reads the request body, and the security headers are
    # added to what it sends.
    app.add_middleware(GZipMiddleware, minimum_size=GZIP_MINIMUM_BYTES, compresslevel=6)
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_request_bytes, router=app.router)
    app.add_middleware(DeviceGate)
    app.add_middleware(SecurityMiddleware, allowed_hosts=hosts)

    @app.get("/healthz", include_in_schema=False)
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    app.mount("/static", static, name="static")
    for module in (
        pages_app,
        pages_catalog,
        pages_breaks,
        pages_learn,
        pages_start,
        pages_plan,
        pages_downloads,
        pages_session,
        pages_progress,
        pages_self_care,
        pages_review,
        pages_devices,
        pain_stops,
        api_core,
        api_records,
    ):
        app.include_router(module.router)
    return app
