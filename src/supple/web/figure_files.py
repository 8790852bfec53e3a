"""Exercise drawings as files a browser keeps: built once per process, named by content.

A drawing depends only on the catalog and the figure engine, never on the person, so
it is the one thing the web app lets a browser cache. Each SVG is drawn the first time
a page needs it and kept for the life of the process; its address carries a hash of
its bytes (``/figures/glute-bridge-left-animated.3f9a0c2e71b4.svg``), so the browser
may keep it for a year without asking again, and a changed drawing gets a new address.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

POSES = ("animated", "start", "end")
SIDES = ("left", "right")
IMMUTABLE = "public, max-age=31536000, immutable"
# An address without a hash (or with an old one) is checked again on every use.
REVALIDATE = "no-cache"

FigureDrawer = Callable[..., str]

# /figures/{exercise}-{side}.svg (the old, unversioned form) or
# /figures/{exercise}-{side}-{pose}.{hash}.svg; a drawn variant (the easier version a
# plan chose) adds its name's slug: /figures/{exercise}.{variant}-{side}-{pose}.{hash}.svg
FIGURE_NAME = re.compile(
    r"(?P<exercise>[a-z0-9]+(?:-[a-z0-9]+)*?)(?:\.(?P<variant>[a-z0-9]+(?:-[a-z0-9]+)*?))?"
    r"-(?P<side>left|right)"
    r"(?:-(?P<pose>animated|start|end)\.(?P<digest>[0-9a-f]{12}))?\.svg"
)


@dataclass(frozen=True)
class FigureFile:
    """One drawing's bytes and the hash that names it."""

    exercise: str
    side: str
    pose: str
    svg: bytes
    digest: str
    variant_slug: str = ""

    @property
    def url(self) -> str:
        name = f"{self.exercise}.{self.variant_slug}" if self.variant_slug else self.exercise
        return f"/figures/{name}-{self.side}-{self.pose}.{self.digest}.svg"

    @property
    def etag(self) -> str:
        return f'"{self.digest}"'


# Keyed by the drawer too, so an app given another drawer (a test's) never sees these.
_BUILT: dict[tuple[Any, ...], FigureFile | None] = {}
_BUILDING = threading.Lock()


def figure_file(
    drawer: FigureDrawer,
    exercise: str,
    side: str,
    pose: str = "animated",
    variant: tuple[str, str] | None = None,
) -> FigureFile | None:
    """The drawing, drawn on first use and remembered; None when it cannot be drawn.

    ``variant`` is a drawn variant's (name, slug): the drawer is then asked for it by
    name, and its address carries the slug. A drawing that fails is remembered as
    missing too: the page then shows its labelled placeholder instead of failing, and
    the engine is not asked again every request.
    """
    key = (drawer, exercise, side, pose, variant)
    if key in _BUILT:
        return _BUILT[key]
    with _BUILDING:  # two requests for a new drawing draw it once
        if key not in _BUILT:
            try:
                extra = {"variant": variant[0]} if variant else {}
                svg = drawer(exercise, side, pose, **extra).encode()
            except Exception:
                _BUILT[key] = None
            else:
                digest = hashlib.sha256(svg).hexdigest()[:12]
                slug = variant[1] if variant else ""
                _BUILT[key] = FigureFile(exercise, side, pose, svg, digest, slug)
        return _BUILT[key]
