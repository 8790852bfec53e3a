"""PNG output: real PNG files of the expected size, and a contact sheet of every figure."""

from __future__ import annotations

import struct

from supple.catalog import default_catalog
from supple.figures import figure_svg
from supple.figures.png import PNG_SIGNATURE, contact_sheet_svg, svg_to_png


def _size(png: bytes) -> tuple[int, int]:
    width, height = struct.unpack(">II", png[16:24])
    return width, height


def test_every_figure_renders_to_png() -> None:
    catalog = default_catalog()
    for exercise_id in catalog.exercises:
        png = svg_to_png(figure_svg(exercise_id, "right", "end"), width=300)
        assert png.startswith(PNG_SIGNATURE)
        width, height = _size(png)
        assert width == 300 and 50 < height < 1500


def test_contact_sheet_shows_every_exercise_with_its_name() -> None:
    catalog = default_catalog()
    seen: list[str] = []
    ids = sorted(catalog.exercises)
    svg = contact_sheet_svg(catalog, ids, progress=seen.append)
    assert seen == ids
    for exercise_id in ids:
        assert catalog.exercises[exercise_id].name.replace("'", "&#x27;") in svg or (
            catalog.exercises[exercise_id].name in svg
        )
    png = svg_to_png(svg)
    assert png.startswith(PNG_SIGNATURE)
    assert _size(png)[0] == 1800
