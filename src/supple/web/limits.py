"""Request bodies: the right content type first, then never more than the size limit.

Both checks run before the application reads a byte of the body. A state-changing
request with the wrong content type is answered 415 at once (the JSON API takes
only ``application/json``, the pages only HTML form encodings), so a cross-site
``text/plain`` POST of any size costs nothing. A declared ``Content-Length`` over
``SUPPLE_MAX_REQUEST_BYTES`` is answered 413 unread; a chunked body is counted as it
arrives and the request ends with 413 the moment it passes the limit, so memory
never holds more than the limit.

The JSON in a body is parsed by :class:`SafeJsonRoute`, which uses
:func:`supple.jsonio.parse_json`: repeated keys, deep nesting, huge numbers and
``NaN`` are refused with 422, the same way as any other invalid JSON.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request, Response
from fastapi.routing import APIRoute
from starlette.exceptions import HTTPException
from starlette.routing import Match, Router
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from supple.jsonio import JsonInputError, parse_json, size_text
from supple.web.errors import error_body

STATE_CHANGING = frozenset({"POST", "PUT", "PATCH", "DELETE"})
JSON_TYPES = frozenset({"application/json"})
FORM_TYPES = frozenset({"application/x-www-form-urlencoded", "multipart/form-data"})


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", ()):
        if key == name:
            return bytes(value).decode("latin-1")
    return None


def _is_api(scope: Scope) -> bool:
    path: str = scope["path"]
    return path.startswith("/api/")


def wrong_type_message(scope: Scope) -> str | None:
    """Why this request's content type is refused, or None when it is acceptable."""
    if scope["method"] not in STATE_CHANGING:
        return None
    kind = (_header(scope, b"content-type") or "").split(";")[0].strip().lower()
    if _is_api(scope):
        if kind in JSON_TYPES:
            return None
        return "Send the request body as JSON (Content-Type: application/json)."
    if kind in FORM_TYPES:
        return None
    return "Send this form as a web form (application/x-www-form-urlencoded)."


HTTP_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")


def methods_at(router: Router, scope: Scope) -> list[str]:
    """The methods some route of ``router`` takes at the path of ``scope``.

    Asked of the router itself, method by method, because FastAPI nests included
    routers and Starlette's 405 names only the first route whose path matched.
    """
    return [
        method
        for method in HTTP_METHODS
        if any(
            route.matches({**scope, "method": method})[0] is Match.FULL for route in router.routes
        )
    ]


class BodyLimitMiddleware:
    """Checks content type and size before the app reads the body (pure ASGI).

    A request that no route takes (a ``PUT`` where only ``GET`` is served) is passed
    on unchecked: the router answers it 404 or 405 without reading the body, which
    tells the client the truth, where a 415 would send it to fix its content type.
    """

    def __init__(self, app: ASGIApp, *, max_bytes: int, router: Router | None = None) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.router = router

    def routed(self, scope: Scope) -> bool:
        """Whether a route takes this method at this path (always, without a router)."""
        return self.router is None or scope["method"] in methods_at(self.router, scope)

    def too_large(self) -> str:
        return f"The request body is larger than {size_text(self.max_bytes)}, the most accepted."

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        refusal = wrong_type_message(scope)
        if refusal and self.routed(scope):
            await _error(scope, send, 415, refusal)
            return
        declared = _header(scope, b"content-length")
        if declared is not None:
            if not declared.strip().isascii() or not declared.strip().isdecimal():
                await _error(scope, send, 400, "The Content-Length header is not a number.")
                return
            if int(declared) > self.max_bytes:
                await _error(scope, send, 413, self.too_large())
                return
        received = 0

        async def counted_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    # Raised inside the app's body read, so its error handlers answer 413.
                    raise HTTPException(413, self.too_large())
            return message

        await self.app(scope, counted_receive, send)


async def _error(scope: Scope, send: Send, status: int, message: str) -> None:
    """Answer without the app: JSON for the API, plain text for pages."""
    if _is_api(scope):
        body = json.dumps(error_body(status, message)).encode()
        kind = b"application/json"
    else:
        body = f"{message}\n".encode()
        kind = b"text/plain; charset=utf-8"
    headers = [(b"content-type", kind), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class SafeJsonRequest(Request):
    """A request whose ``json()`` is :func:`supple.jsonio.parse_json`."""

    async def json(self) -> Any:
        if not hasattr(self, "_json"):
            body = await self.body()
            try:
                self._json = parse_json(body)
            except JsonInputError as error:
                # FastAPI turns a JSONDecodeError into its usual 422 naming the problem.
                raise json.JSONDecodeError(error.reason, "", error.position) from None
        return self._json


class SafeJsonRoute(APIRoute):
    """An API route whose JSON body is parsed by the strict reader."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def strict_handler(request: Request) -> Response:
            return await handler(SafeJsonRequest(request.scope, request.receive))

        return strict_handler
