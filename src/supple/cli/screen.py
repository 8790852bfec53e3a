"""``supple screen``: check answers for warning signs before any exercise is suggested."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from supple.cli.common import console, emit_json, fail
from supple.cli.files import read_json_input

if TYPE_CHECKING:
    from supple.answers import AnswersDocument
    from supple.screening import ScreenResult

# How each level looks in the terminal: most serious in bold red, ok in green.
LEVEL_STYLE = {
    "emergency": "bold white on red",
    "urgent": "bold red",
    "see_clinician": "bold yellow",
    "book_review": "bold cyan",
    "caution": "yellow",
    "ok": "green",
}


def read_answers(source: str) -> AnswersDocument:
    """Read and validate an answers document from a file, or stdin when ``source`` is '-'.

    Version-1 documents are upgraded (their new questions are unanswered). Any problem
    ends the command with exit code 2 and every problem on stderr, so nothing is
    screened or saved from half-valid answers.
    """
    from supple.answers import AnswersError
    from supple.answers import read_answers as read_document

    where = "stdin" if source == "-" else source
    raw: Any = read_json_input(source, "answers")
    try:
        return read_document(raw)
    except AnswersError as error:
        count = len(error.problems)
        plural = "problem" if count == 1 else "problems"
        fail(
            f"the answers from {where} have {count} {plural}:",
            "\n".join(f"  {problem}" for problem in error.problems),
        )


def cleared_heading(result: ScreenResult) -> str | None:
    """``Cleared by your clinician on 3 Nov for: cancer history``, when that is why a
    routine is offered."""
    from supple.screening import default_rules

    cleared = result.cleared
    if not cleared:
        return None
    rules = default_rules()
    by_date: dict[str, list[str]] = {}
    for check in cleared:
        day = f"{check.date.day} {check.date.strftime('%b %Y')}"
        by_date.setdefault(day, []).append(rules.label(check.rule))
    return "; ".join(
        f"Cleared by your clinician on {day} for: {', '.join(labels)}"
        for day, labels in by_date.items()
    )


def _not_yet_known(result: ScreenResult) -> bool:
    """An incomplete document whose answers so far need no clinician: its level's own
    words ("none of the warning signs") would claim more than is known."""
    return bool(result.unanswered) and result.level in ("book_review", "caution", "ok")


def render_screen(
    result: ScreenResult, next_step: str | None = None, *, asking: bool = False
) -> Any:
    """A rich panel with the level, what to do, and each rule that led there.

    ``next_step`` is the command to suggest when a routine may be built. ``asking`` is
    True while ``supple start`` is still asking: the questions not reached yet are not
    "still to answer" saved ones, so they are not counted.
    """
    from rich.console import Group
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    from supple.screening import CLEARABLE_LEVELS

    style = LEVEL_STYLE[result.level]
    heading = cleared_heading(result)
    parts: list[Any] = []
    if heading:
        parts.append(Text(heading, style="bold"))
        parts.append(
            Text(
                "A gentle routine is offered because of that clearance. Stop and get help "
                "if anything new or worse appears."
            )
        )
    elif not _not_yet_known(result):
        parts.append(Text(result.action, style="bold red" if result.level == "emergency" else ""))
    if asking and result.level == "emergency" and result.unanswered:
        parts.append(
            Text("\nStop here and get help now. The rest of the questions are not needed.")
        )
    elif result.unanswered and not asking:
        count = len(result.unanswered)
        parts.append(
            Text(
                f"\n{count} question{'s' if count != 1 else ''} still to answer (new or changed "
                "since these answers were saved). The level above is what the answered "
                "questions already show; no routine is offered until all are answered.",
                style="bold",
            )
        )
    shown = result.reasons
    if not result.routine_allowed:
        # Caution advice is about how to exercise; with no routine it would only confuse.
        shown = [r for r in result.reasons if r.level not in ("caution", "book_review")]
    if shown:
        parts.append(Text("\nBecause of your answers:", style="bold"))
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True)
        grid.add_column()
        for reason in shown:
            line = Text(reason.label, style=LEVEL_STYLE[reason.level])
            line.append(": ", style="")
            line.append(reason.advice, style="")
            grid.add_row("•", line)
        parts.append(grid)
    noted = [reason.label for reason in result.reasons if reason not in shown]
    if noted:
        parts.append(Text(f"\nAlso noted for later: {'; '.join(noted)}."))
    if result.routine_allowed:
        routine = "A gentle routine can be built." if result.gentle else "A routine can be built."
        parts.append(Text(f"\n{routine}" + (f" Next: {next_step}" if next_step else "")))
    else:
        parts.append(Text("\nNo exercise routine is offered for now.", style="bold"))
        if result.level in CLEARABLE_LEVELS and not result.unanswered:
            from supple.planning.explain import clearance_advice

            parts.append(Text(clearance_advice(result)))
    heading = "Questions still to answer" if _not_yet_known(result) else result.title
    title = Text(f" {heading} ({result.level.replace('_', ' ')}) ", style=style)
    return Panel(Group(*parts), title=title, border_style=style.split()[-1], expand=False)


@click.command()
@click.option(
    "--answers",
    "source",
    required=True,
    metavar="FILE|-",
    help="Answers as JSON: a file path, or '-' to read standard input.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the screen result as JSON.")
def screen(source: str, as_json: bool) -> None:
    """Check your answers for warning signs that need a doctor before exercise.

    Exit code 0 for every valid set of answers, emergencies included; 2 when the
    answers cannot be read.
    """
    from datetime import date

    from supple.screening import screen as run_screen

    result = run_screen(read_answers(source), today=date.today())
    if as_json:
        emit_json(result.to_dict())
    else:
        after = f"supple plan --answers {source}" if source != "-" else "supple plan --answers FILE"
        console().print(render_screen(result, next_step=after))
