"""The stylesheet, scripts and icon at versioned addresses a browser may keep for a year.

Pages link ``/static/supple.css?v=<hash of the file>``; that address is answered with
``Cache-Control: public, max-age=31536000, immutable``, so a repeat view fetches
nothing. When a file changes its hash and so its address change, and the next page
links the new one. Any other address (no ``v``, or an old one) is served with
``no-cache``: the browser asks again each time and gets a 304 while it is unchanged.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from starlette.datastructures import MutableHeaders, QueryParams
from starlette.staticfiles import StaticFiles
from starlette.types import Message, Receive, Scope, Send

from supple.web.figure_files import IMMUTABLE, REVALIDATE


def file_versions(folder: Path) -> dict[str, str]:
    """Each file's name under ``folder`` and a short hash of its bytes."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()[:12]
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


class VersionedStaticFiles(StaticFiles):
    """StaticFiles whose cache header depends on whether the address names this version."""

    def __init__(self, directory: Path) -> None:
        super().__init__(directory=directory)
        self.versions = file_versions(directory)

    def url(self, name: str) -> str:
        """The address a page links for the file ``name``."""
        return f"/static/{name}?v={self.versions[name]}"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        name = self.get_path(scope)
        asked = QueryParams(scope.get("query_string", b"")).get("v")
        current = asked is not None and asked == self.versions.get(name)

        async def send_cached(message: Message) -> None:
            if message["type"] == "http.response.start" and message["status"] in (200, 304):
                MutableHeaders(scope=message)["cache-control"] = (
                    IMMUTABLE if current else REVALIDATE
                )
            await send(message)

        await super().__call__(scope, receive, send_cached)
