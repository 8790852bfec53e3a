"""``supple screen``: check answers for warning signs before any exercise is suggested."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from supple.cli.common import console, emit_json, fail
from supple.cli.files import read_json_input

if TYPE_CHECKING:
    from supple.answers import Answers
    from supple.screening import ScreenResult

# How each level looks in the terminal: most serious in bold red, ok in green.
LEVEL_STYLE = {
    "emergency": "bold white on red",
    "urgent": "bold red",
    "see_clinician": "bold yellow",
    "caution": "yellow",
    "ok": "green",
}


def read_answers(source: str) -> Answers:
    """Read and validate an answers document from a file, or stdin when ``source`` is '-'.

    Any problem ends the command with exit code 2 and every problem on stderr, so
    nothing is screened or saved from half-valid answers.
    """
    from supple.answers import AnswersError, parse_answers

    where = "stdin" if source == "-" else source
    raw: Any = read_json_input(source, "answers")
    try:
        return parse_answers(raw)
    except AnswersError as error:
        count = len(error.problems)
        plural = "problem" if count == 1 else "problems"
        fail(
            f"the answers from {where} have {count} {plural}:",
            "\n".join(f"  {problem}" for problem in error.problems),
        )


def render_screen(result: ScreenResult, next_step: str | None = None) -> Any:
    """A rich panel with the level, what to do, and each answer that led there.

    ``next_step`` is the command to suggest when a routine may be built.
    """
    from rich.console import Group
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    from supple.screening import default_rules

    rules = default_rules()
    style = LEVEL_STYLE[result.level]
    parts: list[Any] = [
        Text(result.action, style="bold red" if result.level == "emergency" else "")
    ]
    shown = result.reasons
    if not result.routine_allowed:
        # Caution advice is about how to exercise; with no routine it would only confuse.
        shown = [reason for reason in result.reasons if reason.level != "caution"]
    if shown:
        parts.append(Text("\nBecause of your answers:", style="bold"))
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True)
        grid.add_column()
        for reason in shown:
            line = Text(rules.label(reason.answer), style=LEVEL_STYLE[reason.level])
            line.append(": ", style="")
            line.append(reason.advice, style="")
            grid.add_row("•", line)
        parts.append(grid)
    noted = [rules.label(reason.answer) for reason in result.reasons if reason not in shown]
    if noted:
        parts.append(Text(f"\nAlso noted for later: {'; '.join(noted)}."))
    if result.routine_allowed:
        routine = "A gentle routine can be built." if result.gentle else "A routine can be built."
        parts.append(Text(f"\n{routine}" + (f" Next: {next_step}" if next_step else "")))
    else:
        parts.append(Text("\nNo exercise routine is offered for now.", style="bold"))
        if result.level in ("urgent", "see_clinician"):
            parts.append(
                Text(
                    "If a clinician has already checked you and said exercise is fine, "
                    'answer "cleared_by_clinician": true to get a gentle routine.'
                )
            )
    title = Text(f" {result.title} ({result.level.replace('_', ' ')}) ", style=style)
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
    from supple.screening import screen as run_screen

    result = run_screen(read_answers(source))
    if as_json:
        emit_json(result.to_dict())
    else:
        after = f"supple plan --answers {source}" if source != "-" else "supple plan --answers FILE"
        console().print(render_screen(result, next_step=after))
