"""The installable app: the web app manifest and the service worker script.

Both live at the root so the worker's scope is the whole app. The worker is the static
``sw.js`` with the current versioned addresses of the app shell in front of it: when a
static file changes, the script changes, the browser installs the new worker and it
drops the old caches. Neither holds anything personal.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from supple.web.icons import ICONS
from supple.web.limits import SafeJsonRoute

router = APIRouter(include_in_schema=False, route_class=SafeJsonRoute)
STATIC = Path(__file__).resolve().parents[1] / "static"
# The shell: what every page and the player need before any plan is known.
SHELL_FILES = (
    "supple.css",
    "player.css",
    "player.js",
    "app.js",
    "breaks.js",
    "icon.svg",
    "apple-touch-icon.png",
    # The silent video that keeps the screen on where there is no wake lock.
    "awake.webm",
)


def manifest(request: Request) -> dict[str, Any]:
    url = request.app.state.templates.env.globals["static_url"]
    return {
        "name": "Supple",
        "short_name": "Supple",
        "description": "Look after a sore lower back and buttock, safely.",
        "id": "/",
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "background_color": "#fbfaf7",
        "theme_color": "#0b5c8a",
        "icons": [
            {
                "src": url(name),
                "sizes": f"{width}x{width}",
                "type": "image/png",
                "purpose": purpose,
            }
            for name, _svg, width, purpose in ICONS
            if name.startswith("icon-")
        ],
    }


@router.get("/manifest.webmanifest")
def web_manifest(request: Request) -> Response:
    body = json.dumps(manifest(request), indent=1)
    return Response(body, media_type="application/manifest+json")


@router.get("/sw.js")
def service_worker(request: Request) -> Response:
    url = request.app.state.templates.env.globals["static_url"]
    shell = [url(name) for name in SHELL_FILES]
    version = hashlib.sha256("\n".join(shell).encode()).hexdigest()[:12]
    head = f"const VERSION = {json.dumps(version)};\nconst SHELL = {json.dumps(shell)};\n"
    body = head + (STATIC / "sw.js").read_text(encoding="utf-8")
    return Response(body, media_type="text/javascript", headers={"cache-control": "no-cache"})
