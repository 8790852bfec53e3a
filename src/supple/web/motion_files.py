"""The 3D viewer's motion data as files a browser keeps: built once, named by content.

Like the SVG drawings (``figure_files``), the motion of an exercise depends only on the
catalog and the figure engine, so its JSON is worked out the first time a page needs
it, kept for the life of the process and served at an address carrying a hash of its
bytes (``/figures/motion/clamshell-left.3f9a0c2e71b4.json``), which a browser may keep
for a year.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

MotionBuilder = Callable[[str, str], dict[str, Any]]

# /figures/motion/{exercise}-{side}.json or /figures/motion/{exercise}-{side}.{hash}.json
MOTION_NAME = re.compile(
    r"(?P<exercise>[a-z0-9]+(?:-[a-z0-9]+)*?)-(?P<side>left|right)"
    r"(?:\.(?P<digest>[0-9a-f]{12}))?\.json"
)


@dataclass(frozen=True)
class MotionFile:
    exercise: str
    side: str
    body: bytes
    digest: str

    @property
    def url(self) -> str:
        return f"/figures/motion/{self.exercise}-{self.side}.{self.digest}.json"

    @property
    def etag(self) -> str:
        return f'"{self.digest}"'


@cache
def engine_builder() -> MotionBuilder | None:
    """The figure engine's ``solid_motion``, or None when it cannot be imported: the
    exercise page then simply has no 3D viewer, and keeps its drawings. One function for
    the process, so the files it builds are found again."""
    try:
        from supple.figures.solid import solid_motion
    except Exception:
        return None

    def build(exercise: str, side: str) -> dict[str, Any]:
        if side not in ("left", "right"):
            raise ValueError(f"no side called {side!r}")
        return solid_motion(exercise, "right" if side == "right" else "left")

    return build


_BUILT: dict[tuple[Any, ...], MotionFile | None] = {}
_BUILDING = threading.Lock()


def motion_file(exercise: str, side: str, build: MotionBuilder | None = None) -> MotionFile | None:
    """The motion JSON, built on first use and remembered; None when it cannot be built
    (remembered too, so a failing exercise is not worked out again on every request)."""
    builder = build if build is not None else engine_builder()
    key = (builder, exercise, side)
    if key in _BUILT:
        return _BUILT[key]
    with _BUILDING:
        if key not in _BUILT:
            try:
                if builder is None:
                    raise LookupError("no figure engine")
                data = builder(exercise, side)
            except Exception:
                _BUILT[key] = None
            else:
                body = json.dumps(data, separators=(",", ":")).encode()
                digest = hashlib.sha256(body).hexdigest()[:12]
                _BUILT[key] = MotionFile(exercise, side, body, digest)
        return _BUILT[key]
