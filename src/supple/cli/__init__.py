"""The ``supple`` command line.

Subcommands live in their own modules and are imported only when invoked, so
``supple --help`` never pays for pydantic, SQLAlchemy or the web stack.
"""

from __future__ import annotations

import importlib
from typing import Any

import click

from supple import __version__

# name -> (module, attribute, one-line help). The help is repeated here so that
# listing commands never imports them.
COMMANDS: dict[str, tuple[str, str, str]] = {
    "exercises": ("supple.cli.catalog", "exercises", "List the exercises in the catalog."),
    "exercise": ("supple.cli.catalog", "exercise", "Show one exercise's full card."),
    "catalog": ("supple.cli.catalog", "catalog", "Check the catalog's data files (catalog check)."),
    "learn": ("supple.cli.learn", "learn", "Short lessons with a check; muscles and causes too."),
    "serve": (
        "supple.cli.serve",
        "serve",
        "Start the web app (this computer; --lan: paired phones too).",
    ),
    "screen": ("supple.cli.screen", "screen", "Check your answers for warning signs first."),
    "start": ("supple.cli.start", "start", "Answer the questions step by step (start here)."),
    "plan": ("supple.cli.plan", "plan", "Build your routine from your answers (screen first)."),
    "timeline": ("supple.cli.timeline", "timeline", "Show a plan's routine step by step."),
    "handout": ("supple.cli.handout", "handout", "Print your routine as a PDF or HTML sheet."),
    "calendar": ("supple.cli.calendar", "calendar", "Calendar reminders for your routine (.ics)."),
    "breaks": ("supple.cli.breaks", "breaks", "Movement breaks while you sit, with reminders."),
    "export": ("supple.cli.data", "export", "Save everything you have recorded (JSON or CSV)."),
    "import": ("supple.cli.data", "import_", "Restore a JSON export made by 'supple export'."),
    "upgrade": ("supple.cli.data", "upgrade", "Bring saved records up to date (keeps a copy)."),
    "session": ("supple.cli.session", "session", "Do a guided, timed session from your plan."),
    "history": ("supple.cli.history", "history", "List your sessions: pain, steps, pain stops."),
    "progress": ("supple.cli.progress", "progress", "Weekly practice, pain trend and next steps."),
    "flare": ("supple.cli.flare", "flare", "A bad day: a short gentle routine and what helps."),
    "walk": ("supple.cli.walk", "walk", "The walking goal: set it, log walks, see today's."),
    "checkin": ("supple.cli.history", "checkin", "The weekly three-question check-in (PEG-3)."),
    "goals": ("supple.cli.goals", "goals", "Up to three activities the pain makes hard, 0-10."),
    "review": ("supple.cli.goals", "review", "The 4-week review: goals, check-in and pain."),
    "figure": ("supple.cli.figure", "figure", "Draw one exercise as SVG or PNG (either side)."),
    "figures": ("supple.cli.figure", "figures", "Draw every exercise on one contact sheet (PNG)."),
}


class LazyGroup(click.Group):
    """A click group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        entry = COMMANDS.get(cmd_name)
        if entry is None:
            return None
        module, attribute, _ = entry
        command: click.Command = getattr(importlib.import_module(module), attribute)
        return command

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command; a bad ``SUPPLE_*`` setting or a database that cannot be used
        (damaged, unreachable, read-only) is bad input like any other: one line, exit 2."""
        try:
            return super().invoke(ctx)
        except click.exceptions.ClickException:
            raise
        except Exception as error:
            from supple.settings import SettingsError

            if isinstance(error, SettingsError):
                click.echo(f"Error: {error}", err=True)
                click.echo(
                    "See docs/settings.md for every setting and its allowed values.", err=True
                )
                ctx.exit(2)
            from supple.store.failures import explain_failure

            problem = explain_failure(error)
            if problem is None:
                raise
            click.echo(f"Error: {problem}", err=True)
            ctx.exit(2)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMANDS[name][2]) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        name = args[0] if args else ""
        if name and not name.startswith("-") and name not in COMMANDS:
            from supple.catalog.loader import closest

            hint = closest(name, COMMANDS)
            suffix = f" Did you mean: {', '.join(hint)}?" if hint else ""
            ctx.fail(f"No such command '{name}'.{suffix}")
        return super().resolve_command(ctx, args)


@click.group(
    cls=LazyGroup,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(__version__, prog_name="supple")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Supple: safe self-care for pain at the top of the buttock, the glutes and the lower back.

    With no command, starts the web app at http://127.0.0.1:8000/ (same as `supple serve`).

    It never diagnoses. If you have numbness around the genitals or back passage, new
    bladder or bowel trouble, or weakness in both legs, call emergency services now.
    """
    if ctx.invoked_subcommand is None:
        ctx.invoke(cli.get_command(ctx, DEFAULT_COMMAND) or cli)


DEFAULT_COMMAND = "serve"


def main(argv: list[str] | None = None) -> Any:
    """Console-script entry point."""
    return cli.main(args=argv, prog_name="supple")
