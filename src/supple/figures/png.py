"""Raster output (a shell around the pure figure code): PNG files and the contact sheet.

resvg draws the SVG exactly as written (animation shows its first frame), with the
system's fonts for the labels.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from xml.sax.saxutils import escape

import resvg_py

from supple.catalog import Catalog
from supple.figures.draw import figure_svg
from supple.figures.render import FONT_FAMILY

CELL_W, CELL_H, CAPTION = 300.0, 250.0, 22.0
SHEET_SCALE = 1.05
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def svg_to_png(svg: str, width: int | None = None) -> bytes:
    png: bytes = bytes(resvg_py.svg_to_bytes(svg_string=svg, width=width))
    return png


def _nested(svg: str, x: float, y: float, w: float, h: float) -> str:
    """Re-home a figure's SVG inside a larger one at one common scale (capped at
    ``SHEET_SCALE`` px per cm), so standing and lying figures look the same size."""
    opening = re.match(r"<svg[^>]*>", svg)
    box = re.search(r'viewBox="([^"]+)"', svg)
    if opening is None or box is None:
        raise ValueError("not a figure SVG")
    _, _, vw, vh = (float(v) for v in box.group(1).split())
    scale = min(SHEET_SCALE, w / vw, h / vh)
    dw, dh = vw * scale, vh * scale
    inner = svg[opening.end() : svg.rindex("</svg>")]
    return (
        f'<svg x="{x + (w - dw) / 2:.1f}" y="{y + (h - dh) / 2:.1f}" width="{dw:.1f}" '
        f'height="{dh:.1f}" viewBox="{box.group(1)}">{inner}</svg>'
    )


def contact_sheet_svg(
    catalog: Catalog,
    ids: Sequence[str],
    columns: int = 3,
    progress: Callable[[str], None] | None = None,
    phases: Sequence[str] = ("start", "end"),
) -> str:
    """Every exercise's positions (start and end, or start, mid-move and end for the
    review sheet) side by side, captioned, in a grid."""
    cells: list[str] = []
    cell_w = len(phases) * CELL_W
    for index, exercise_id in enumerate(ids):
        if progress is not None:
            progress(exercise_id)
        col, row = index % columns, index // columns
        x, y = col * cell_w, row * (CELL_H + CAPTION)
        name = catalog.exercises[exercise_id].name
        cells.append(
            f'<rect x="{x + 2}" y="{y + 2}" width="{cell_w - 4}" height="{CELL_H + CAPTION - 4}" '
            'fill="#ffffff" stroke="#c9ced6"/>'
        )
        cells.append(
            f'<text x="{x + 10}" y="{y + 17}" font-family="{FONT_FAMILY}" font-size="13" '
            f'font-weight="bold" fill="#1f242b">{escape(name)} ({escape(exercise_id)})</text>'
        )
        for k, phase in enumerate(phases):
            svg = figure_svg(exercise_id, "left", phase, catalog)  # type: ignore[arg-type]
            cells.append(_nested(svg, x + k * CELL_W + 4, y + CAPTION, CELL_W - 8, CELL_H - 4))
    rows = (len(ids) + columns - 1) // columns
    width, height = columns * cell_w, rows * (CELL_H + CAPTION)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}">'
        f'<rect width="{width}" height="{height}" fill="#eef1f4"/>' + "".join(cells) + "</svg>"
    )
