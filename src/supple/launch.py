"""The ``supple`` command's entry point: ``--help``, ``-h`` and ``--version`` answered at once.

They are what a newcomer types first, and importing click to answer them took several
times as long as starting Python. So the top-level help is kept as click rendered it
(``quick_help.txt``, with a checksum of the source it came from) and printed without
importing click. Whenever that could differ from what click would print now (the
command-line source changed since, or the terminal is narrower than click's 80
columns), click answers as usual: a stale copy costs speed, never a wrong answer. A
test compares the copy with click's own rendering byte for byte, so it cannot drift.

Only ``os`` and ``sys`` are imported here (not even ``typing``, which pulls in ``re``
and more); everything else waits for a real command.
"""

# os.path and open rather than pathlib, which imports re, fnmatch and urllib on the way.
# ruff: noqa: PTH100, PTH118, PTH120, PTH123

from __future__ import annotations

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
HELP_FILE = os.path.join(HERE, "quick_help.txt")
CLI_SOURCE = os.path.join(HERE, "cli", "__init__.py")
HELP_OPTIONS = ("--help", "-h")
CLICK_MAX_WIDTH = 80
"""click wraps help at min(terminal columns, 80) - 2, so 80 columns or more look alike."""


def source_key() -> str:
    """A checksum of the command line's source, which the top-level help is made from."""
    import zlib

    with open(CLI_SOURCE, "rb") as source:
        return f"{zlib.crc32(source.read()):08x}"


def terminal_columns() -> int:
    """The width click will use, found the way ``shutil.get_terminal_size`` finds it."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns > 0:
        return columns
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns or 80  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        return 80


def quick_answer(args: list[str]) -> str | None:
    """What ``supple ARGS`` prints, when it can be answered without click; else None."""
    if len(args) != 1:
        return None
    if args[0] == "--version":
        from supple import __version__

        return f"supple, version {__version__}\n"
    if args[0] not in HELP_OPTIONS or terminal_columns() < CLICK_MAX_WIDTH:
        return None
    try:
        with open(HELP_FILE, encoding="utf-8") as stored:
            key, text = stored.read().split("\n", 1)
    except (OSError, ValueError):
        return None
    return text if key == source_key() else None


def main(argv: list[str] | None = None) -> object:
    """Console-script entry point (``supple``)."""
    answer = quick_answer(sys.argv[1:] if argv is None else argv)
    if answer is not None:
        sys.stdout.write(answer)
        sys.stdout.flush()
        return 0
    from supple.cli import main as click_main

    return click_main(argv)


def click_help() -> str:
    """``supple --help`` exactly as click prints it at 80 columns or more."""
    from supple.cli import cli

    context = cli.make_context("supple", [], terminal_width=CLICK_MAX_WIDTH - 2)
    return context.get_help() + "\n"


def write_quick_help() -> None:
    """Store click's help with the checksum of its source (run after changing the CLI)."""
    with open(HELP_FILE, "w", encoding="utf-8") as stored:
        stored.write(f"{source_key()}\n{click_help()}")


if __name__ == "__main__":
    write_quick_help()
