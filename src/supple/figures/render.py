"""SVG text for a figure: shapes, a ground line, the side label and a muscle legend.

The SVG is self-contained (no scripts, fonts or links), carries a <title> and <desc>
for screen readers, and its viewBox is fitted to what is drawn, so it scales cleanly
wherever it is embedded.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from supple.figures.project import OUTLINE, Shape

MARGIN = 6.0
FONT = 8.5  # viewBox units; the pages show figures large enough that this is 12 px or more
LABEL_GAP = 11.0
LEGEND_ROW = 13.0
SWATCH = 9.0
SCALE = 3.0  # pixels per centimetre in the SVG's width and height
GROUND = "#7d8590"
FONT_FAMILY = "DejaVu Sans, Helvetica, Arial, sans-serif"

Bounds = tuple[float, float, float, float]

DASH = "2.6 1.6"
# No background box: the figure sits on whatever the page is. The body is a light shape
# inside a dark outline, which reads on a light page and a dark one alike; on a dark page
# the labels and the ground line turn light (attribute selectors beat presentation
# attributes), embedded inline or as an image.
DARK_CSS = (
    "@media (prefers-color-scheme: dark){"
    f'text{{fill:#e6edf3}}[stroke="{GROUND}"]{{stroke:#8b949e}}}}'
)


@dataclass(frozen=True)
class LegendItem:
    name: str
    colour: str
    deep: bool = False
    hidden: bool = False  # the body hides the whole mark in the held position

    @property
    def text(self) -> str:
        notes = (["deep"] if self.deep else []) + (
            ["not visible from this view"] if self.hidden else []
        )
        return f"{self.name} ({', '.join(notes)})" if notes else self.name


def bounds(shapes: Sequence[Shape]) -> Bounds:
    xs: list[float] = []
    ys: list[float] = []
    for shape in shapes:
        pad = shape.width / 2
        for x, y in shape.points:
            xs += [x - pad, x + pad]
            ys += [y - pad, y + pad]
    return min(xs), min(ys), max(xs), max(ys)


def union(a: Bounds, b: Bounds) -> Bounds:
    return min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3])


def fmt(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def attributes(shape: Shape) -> dict[str, str]:
    """The geometry attributes that change from frame to frame."""
    if shape.kind == "line":
        (x1, y1), (x2, y2) = shape.points
        return {"x1": fmt(x1), "y1": fmt(y1), "x2": fmt(x2), "y2": fmt(y2)}
    return {"points": " ".join(f"{fmt(x)},{fmt(y)}" for x, y in shape.points)}


def element(shape: Shape, geometry: dict[str, str] | None = None, inner: str = "") -> str:
    attrs = dict(geometry if geometry is not None else attributes(shape))
    if shape.kind == "line":
        attrs.update(
            {"stroke": shape.fill, "stroke-width": fmt(shape.width), "stroke-linecap": "round"}
        )
        tag = "line"
    elif shape.kind == "polyline":
        attrs.update({"fill": "none", "stroke": shape.stroke, "stroke-width": fmt(shape.width)})
        attrs.update({"stroke-linecap": "round", "stroke-linejoin": "round"})
        tag = "polyline"
    else:
        stroke = fmt(shape.width) if shape.width > 0 else "0.8"
        attrs.update({"fill": shape.fill, "stroke": shape.stroke, "stroke-width": stroke})
        attrs["stroke-linejoin"] = "round"
        tag = "polygon"
    if shape.opacity < 1:
        attrs["opacity"] = fmt(shape.opacity)
    if shape.fill_opacity < 1:
        attrs["fill-opacity"] = fmt(shape.fill_opacity)
    if shape.dash:
        attrs["stroke-dasharray"] = DASH
    text = " ".join(f'{k}="{v}"' for k, v in attrs.items())
    return f"<{tag} {text}>{inner}</{tag}>" if inner else f"<{tag} {text}/>"


def _item_width(item: LegendItem) -> float:
    """Swatch, gap and an estimate of the name's width in the sans-serif font."""
    return SWATCH + 3.0 + len(item.text) * FONT * 0.62


def _legend_rows(items: Sequence[LegendItem], width: float) -> list[list[tuple[LegendItem, float]]]:
    rows: list[list[tuple[LegendItem, float]]] = [[]]
    used = 0.0
    for item in items:
        size = _item_width(item) + 4.0
        if rows[-1] and used + size > width:
            rows.append([])
            used = 0.0
        rows[-1].append((item, used))
        used += size
    return [row for row in rows if row]


def document(
    body: str,
    drawn: Bounds,
    title: str,
    desc: str,
    label: str | None,
    legend: Sequence[LegendItem],
    style: str = "",
    ident: str = "supple-figure",
    ground_line: bool = True,
) -> str:
    """Wrap drawn content in a complete SVG document fitted to ``drawn``.

    ``ident`` prefixes the title and description ids, so several figures can sit in one
    HTML page without their accessible names colliding.
    """
    left, top, right, ground = drawn
    left -= MARGIN
    right += MARGIN
    widest = max((_item_width(item) for item in legend), default=0.0)
    width = max(right - left, 60.0, widest + 2 * MARGIN)
    left -= (width - (right - left)) / 2  # centre the figure when the legend is wider
    right = left + width
    head = top - MARGIN - (LABEL_GAP if label else 0.0)
    rows = _legend_rows(legend, width - 2 * MARGIN)
    bottom = ground + MARGIN + len(rows) * LEGEND_ROW
    height = bottom - head
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{fmt(left)} {fmt(head)} '
        f'{fmt(width)} {fmt(height)}" width="{fmt(width * SCALE)}" '
        f'height="{fmt(height * SCALE)}" role="img" aria-labelledby="{ident}-title {ident}-desc">',
        f'<title id="{ident}-title">{escape(title)}</title>',
        f'<desc id="{ident}-desc">{escape(desc)}</desc>',
    ]
    parts.append(f"<style>{DARK_CSS}{style}</style>")
    if ground_line:
        parts.append(
            f'<line x1="{fmt(left + 2)}" y1="{fmt(ground)}" x2="{fmt(right - 2)}" '
            f'y2="{fmt(ground)}" stroke="{GROUND}" stroke-width="1"/>'
        )
    parts.append(body)
    text_style = f'font-family="{FONT_FAMILY}" font-size="{fmt(FONT)}" fill="{OUTLINE}"'
    if label:
        parts.append(
            f'<text x="{fmt(left + MARGIN)}" y="{fmt(head + MARGIN + FONT)}" {text_style} '
            f'font-weight="bold">{escape(label)}</text>'
        )
    for r, row in enumerate(rows):
        y = ground + MARGIN + r * LEGEND_ROW
        for item, offset in row:
            x = left + MARGIN + offset
            look = (
                f'fill="{item.colour}" fill-opacity="0.35" stroke="{item.colour}" '
                f'stroke-width="1.3" stroke-dasharray="{DASH}"'
                if item.deep
                else f'fill="{item.colour}"'
            )
            parts.append(
                f'<rect x="{fmt(x + 0.7)}" y="{fmt(y - 0.3)}" width="{fmt(SWATCH - 1.4)}" '
                f'height="{fmt(SWATCH - 1.4)}" rx="1.5" {look}/>'
            )
            parts.append(
                f'<text x="{fmt(x + SWATCH + 3)}" y="{fmt(y + 7)}" {text_style}>'
                f"{escape(item.text)}</text>"
            )
    parts.append("</svg>")
    return "\n".join(parts)


def static_body(shapes: Sequence[Shape]) -> str:
    return "\n".join(element(shape) for shape in shapes)
