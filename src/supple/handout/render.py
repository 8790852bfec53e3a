"""Laying the handout out: HTML from a Jinja2 template, PDF from that HTML via WeasyPrint.

The HTML is the single layout: the browser's "print" and the PDF download use the same
stylesheet, so what a person sees on screen is what comes out of the printer.
"""

from __future__ import annotations

from functools import cache
from typing import Literal, get_args

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from supple.handout.model import HARDER_WAITS, Handout

Paper = Literal["a4", "letter"]
PAPERS: tuple[Paper, ...] = get_args(Paper)
PAGE_SIZES: dict[Paper, str] = {"a4": "A4", "letter": "letter"}


class PaperError(ValueError):
    def __init__(self, value: str) -> None:
        self.value = value
        super().__init__(f"paper {value!r} is not valid; use one of: {', '.join(PAPERS)}.")


def parse_paper(value: str) -> Paper:
    cleaned = value.strip().lower()
    for paper in PAPERS:
        if cleaned == paper:
            return paper
    raise PaperError(value)


@cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("supple.handout", "templates"),
        autoescape=select_autoescape(["html", "css"], default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_html(handout: Handout, paper: Paper = "a4") -> str:
    template = _environment().get_template("handout.html")
    return template.render(h=handout, page_size=PAGE_SIZES[paper], harder_waits=HARDER_WAITS)


def render_pdf(html: str) -> bytes:
    """WeasyPrint is imported here: it is slow to import and only PDF output needs it."""
    from weasyprint import HTML

    pdf: bytes = HTML(string=html).write_pdf()
    return pdf


__all__ = [
    "PAGE_SIZES",
    "PAPERS",
    "Paper",
    "PaperError",
    "parse_paper",
    "render_html",
    "render_pdf",
]
