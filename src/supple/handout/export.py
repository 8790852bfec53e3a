"""The handout shell: gather the catalog, rules, figures and today's date, then render.

The CLI and the web app both call ``handout_pdf`` / ``handout_html`` with a plan
document; every value that depends on the machine (the date) is filled in here, never
in the builder.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from supple.calendar.schedule import DEFAULT_DAYS, DEFAULT_WEEKS, parse_schedule
from supple.catalog import default_catalog
from supple.handout.model import FigureDrawer, Handout, Phase, Side, build_handout
from supple.handout.render import Paper, parse_paper, render_html, render_pdf
from supple.handout.source import routine_of
from supple.planning.stored import stored_escalation
from supple.screening.rules import default_rules


def figure_drawer() -> FigureDrawer:
    """The figure engine's drawing of the start or the held (end) position; paper
    cannot animate.

    An exercise whose pose file does not exist yet is printed without a picture rather
    than not at all: the words on the sheet are complete on their own.
    """
    from supple.figures import figure_svg
    from supple.figures.library import drawn_variants, pose_ids

    drawn = frozenset(pose_ids())

    def draw(exercise_id: str, side: Side, phase: Phase, variant: str | None) -> str | None:
        if exercise_id not in drawn:
            return None
        if variant is not None and variant in drawn_variants(exercise_id):
            return figure_svg(exercise_id, side, phase, variant=variant)
        return figure_svg(exercise_id, side, phase)

    return draw


def prepare_handout(
    document: object,
    *,
    made_on: date | None = None,
    days: str = DEFAULT_DAYS,
    weeks: int = DEFAULT_WEEKS,
) -> Handout:
    """Check the plan and build the handout's content (raises PlanDocumentError, ScheduleError)."""
    catalog = default_catalog()
    routine = routine_of(document, catalog)
    escalation = stored_escalation(document) if isinstance(document, Mapping) else None
    return build_handout(
        routine,
        catalog,
        default_rules(),
        made_on=made_on or date.today(),
        schedule=parse_schedule(days, weeks),
        figure=figure_drawer(),
        escalation=escalation,
    )


def handout_html(
    document: object,
    *,
    paper: str = "a4",
    made_on: date | None = None,
    days: str = DEFAULT_DAYS,
    weeks: int = DEFAULT_WEEKS,
) -> str:
    """The handout as one self-contained HTML page (figures inlined), print-styled.

    Raises PlanDocumentError, ScheduleError or PaperError, each naming the bad value.
    """
    chosen: Paper = parse_paper(paper)
    handout = prepare_handout(document, made_on=made_on, days=days, weeks=weeks)
    return render_html(handout, chosen)


def handout_pdf(
    document: object,
    *,
    paper: str = "a4",
    made_on: date | None = None,
    days: str = DEFAULT_DAYS,
    weeks: int = DEFAULT_WEEKS,
) -> bytes:
    """The handout as PDF bytes, for `supple handout -o FILE.pdf` and the web download."""
    return render_pdf(handout_html(document, paper=paper, made_on=made_on, days=days, weeks=weeks))


__all__ = ["figure_drawer", "handout_html", "handout_pdf", "prepare_handout"]
