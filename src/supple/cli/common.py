"""Shared pieces for CLI commands: JSON output, input errors and the console."""

from __future__ import annotations

import json
import sys
from typing import Any, NoReturn

import click


def emit_json(data: Any) -> None:
    """Write machine-readable output to stdout, one document, stable key order."""
    click.echo(json.dumps(data, indent=2, ensure_ascii=False))


def fail(message: str, hint: str | None = None) -> NoReturn:
    """Report bad input on stderr and exit with code 2 (the usage-error convention)."""
    click.echo(f"Error: {message}", err=True)
    if hint:
        click.echo(hint, err=True)
    sys.exit(2)


def console() -> Any:
    """A rich console for human output; imported lazily to keep start-up fast."""
    from rich.console import Console

    return Console(highlight=False)
