"""Asking one question (or a group of yes/no questions) in the terminal, from questions.toml.

Every answer is checked as it is typed and asked again if it does not fit. Nothing has a
default except the preferences, so pressing Enter never answers a health question.
"""

from __future__ import annotations

import re
import shutil
import textwrap
from typing import Any

import click

from supple.screening.questions import Question, default_questions


class Pick(click.ParamType[Any, Any]):
    """One value (or several, comma-separated) from a numbered list; numbers or names."""

    name = "choice"

    def __init__(self, keys: list[str], many: bool, none_word: str | None = None) -> None:
        self.keys = keys
        self.many = many
        self.none_word = none_word

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, list):
            return value
        text = str(value).strip().lower()
        if self.many and text in ("none", "0", (self.none_word or "none").lower()):
            return []
        parts = [part.strip() for part in text.replace(" ", ",").split(",") if part.strip()]
        chosen: list[str] = []
        for part in parts:
            key = (
                self.keys[int(part) - 1]
                if re.fullmatch("[0-9]{1,4}", part) and 0 < int(part) <= len(self.keys)
                else part
            )
            if key not in self.keys:
                self.fail(f"'{part}' is not on the list; type a number from 1 to {len(self.keys)}")
            if key not in chosen:
                chosen.append(key)
        if not chosen or (not self.many and len(chosen) > 1):
            self.fail("pick one number" if not self.many else "pick one or more, or 0 for none")
        return chosen if self.many else chosen[0]


def say(text: str, why: str | None = None) -> None:
    """A question, and why it is asked, wrapped to the terminal so no word is split."""
    width = min(shutil.get_terminal_size().columns, 100) - 1
    click.echo("")
    click.echo(click.style(textwrap.fill(text, width), bold=True))
    if why:
        wrapped = textwrap.fill(
            f"Why we ask: {why}", width, initial_indent="  ", subsequent_indent="  "
        )
        click.echo(click.style(wrapped, dim=True))


def yes_no(text: str, why: str | None = None) -> bool:
    say(text, why)
    # No default: pressing Enter asks again, so nothing is ever answered by accident.
    return click.confirm("  yes or no", default=None)


def _numbered(labels: list[str]) -> None:
    width = min(shutil.get_terminal_size().columns, 100) - 1
    for number, label in enumerate(labels, start=1):
        click.echo(
            textwrap.fill(label, width, initial_indent=f"  {number}. ", subsequent_indent="     ")
        )


def ask(question: Question, default: Any = None) -> Any:
    """One question, answered in the terminal; returns the value for the answers file."""
    if question.kind == "yes_no":
        return yes_no(question.text, question.why)
    if question.kind == "number":
        low, high = question.min or 0, question.max or 0
        kind: click.ParamType[Any, Any] = (
            click.IntRange(int(low), int(high)) if question.whole else click.FloatRange(low, high)
        )
        say(question.text, question.why)
        return click.prompt("  Your answer", type=kind, default=default)
    options = question.options or []
    many = question.kind == "choices"
    say(
        question.text + (" Type the numbers, separated by commas." if many else " Type a number."),
        question.why,
    )
    _numbered([o.label for o in options])
    keys = [o.value for o in options]
    shown = None
    if default is not None:
        chosen = default if isinstance(default, list) else [default]
        shown = ",".join(str(keys.index(key) + 1) for key in chosen)
    return click.prompt("  Your answer", type=Pick(keys, many), default=shown)


def ask_group(text: str, why: str, questions: list[Question]) -> dict[str, bool]:
    """Related yes/no questions at once: the numbers that apply, or 0 for none of these."""
    none_label = default_questions().labels.none_of_these
    say(text, why)
    _numbered([q.text for q in questions])
    click.echo(f"  0. {none_label}")
    click.echo("  Type the numbers that apply, separated by commas, or 0.")
    keys = [q.id for q in questions]
    chosen = click.prompt("  Your answer", type=Pick(keys, many=True, none_word=none_label))
    return {key: key in chosen for key in keys}
