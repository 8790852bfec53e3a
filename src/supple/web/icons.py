"""The installable app's PNG icons, drawn from the SVG icons beside the stylesheet.

Phones want PNG icons in the web app manifest. They are rendered here with resvg (a
dependency the figures already use) and kept in ``static/`` so the server serves plain
files; ``python -m supple.web.icons`` writes them again after an SVG changes, and a
test checks that the kept files are exactly what this module draws.
"""

from __future__ import annotations

from pathlib import Path

import resvg_py

STATIC = Path(__file__).parent / "static"
# (file written, SVG drawn, width in px, manifest "purpose")
ICONS: tuple[tuple[str, str, int, str], ...] = (
    ("icon-192.png", "icon.svg", 192, "any"),
    ("icon-512.png", "icon.svg", 512, "any"),
    ("icon-maskable-512.png", "icon-maskable.svg", 512, "maskable"),
    ("apple-touch-icon.png", "icon-maskable.svg", 180, "any"),
)


def icon_png(svg_name: str, width: int) -> bytes:
    """The SVG icon ``svg_name`` as a square PNG ``width`` pixels wide."""
    svg = (STATIC / svg_name).read_text(encoding="utf-8")
    return bytes(resvg_py.svg_to_bytes(svg_string=svg, width=width))


def write_icons(folder: Path = STATIC) -> list[Path]:
    """Render every icon into ``folder``; the paths written."""
    written = []
    for name, svg_name, width, _purpose in ICONS:
        path = folder / name
        path.write_bytes(icon_png(svg_name, width))
        written.append(path)
    return written


if __name__ == "__main__":
    for path in write_icons():
        print(path)
