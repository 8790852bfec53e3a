"""Printable handouts: a plan as a sheet a person can pin up, in HTML or PDF.

``handout_pdf(document)`` and ``handout_html(document)`` are what the CLI and the web
app call; ``build_handout`` is the pure builder underneath them.
"""

from supple.handout.export import handout_html, handout_pdf, prepare_handout
from supple.handout.model import Handout, build_handout, routine_name
from supple.handout.render import PAPERS, Paper, PaperError, parse_paper
from supple.handout.source import PlanDocumentError, routine_of

__all__ = [
    "PAPERS",
    "Handout",
    "Paper",
    "PaperError",
    "PlanDocumentError",
    "build_handout",
    "handout_html",
    "handout_pdf",
    "parse_paper",
    "prepare_handout",
    "routine_name",
    "routine_of",
]
