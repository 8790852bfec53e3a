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

from supple.screening.questions import UNDER_16_NOTE, Question, default_questions


class Number(click.ParamType[Any, Any]):
    """A number in a range; a wrong one is asked again with the range in plain words
    (and, on a 0-10 scale, what 0 and 10 mean)."""

    name = "number"

    def __init__(self, low: float, high: float, whole: bool, ends: tuple[str, str] | None) -> None:
        self.low, self.high, self.whole, self.ends = low, high, whole, ends

    def _range(self) -> str:
        # 520, not 520.0: a bound is written as people write numbers.
        low, high = f"{self.low:g}", f"{self.high:g}"
        if self.ends:
            return f"{low} ({self.ends[0]}) to {high} ({self.ends[1]})"
        return f"{low} to {high}"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, bool):
            number = float("nan")
        elif isinstance(value, int | float):
            # A default arrives as the number itself (an int for minutes), not as text.
            number = float(value)
        else:
            try:
                number = float(str(value).strip())
            except ValueError:
                number = float("nan")
        kind = "a whole number" if self.whole else "a number"
        if number != number or (self.whole and not number.is_integer()):
            self.fail(f"'{value}' is not {kind}; type {kind} from {self._range()}")
        if not self.low <= number <= self.high:
            self.fail(f"{value} is outside the range; type {kind} from {self._range()}")
        return int(number) if self.whole else number


class Pick(click.ParamType[Any, Any]):
    """One value (or several, comma-separated) from a numbered list; numbers or names."""

    name = "choice"

    def __init__(
        self,
        keys: list[str],
        many: bool,
        none_word: str | None = None,
        labels: list[str] | None = None,
    ) -> None:
        self.keys = keys
        self.many = many
        self.none_word = none_word
        self.labels = labels or keys

    def _choices(self) -> str:
        listed = "; ".join(f"{n} = {label}" for n, label in enumerate(self.labels, start=1))
        if self.many:
            listed += f"; 0 = {self.none_word or 'none'}"
        return f" ({listed})"

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
                self.fail(
                    f"'{part}' is not on the list; type a number from 1 to {len(self.keys)}"
                    + self._choices()
                )
            if key not in chosen:
                chosen.append(key)
        if not chosen or (not self.many and len(chosen) > 1):
            self.fail(
                ("type one number" if not self.many else "type the numbers that apply, or 0")
                + self._choices()
            )
        return chosen if self.many else chosen[0]


# What 0 and 10 mean on a pain scale, said when an answer is out of range.
SCALE_ENDS = ("none", "worst imaginable")
# Supple is made for people this age and over (the under_16 rule in rules.toml).
ADULT_AGE = 16


def _not_for_children() -> None:
    """Said at once after an age under 16, in the rule's own words, not only at the end."""
    from supple.screening import default_rules

    advice = default_rules().by_id("under_16").advice
    click.echo(click.style(f"  {advice}", bold=True))
    click.echo(f"  {UNDER_16_NOTE}")


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
        ends = SCALE_ENDS if (low, high) == (0, 10) and question.whole else None
        say(question.text, question.why)
        answer = click.prompt(
            "  Your answer", type=Number(low, high, bool(question.whole), ends), default=default
        )
        if question.id == "about.age" and answer < ADULT_AGE:
            _not_for_children()
        return answer
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
    labels = [o.label for o in options]
    return click.prompt("  Your answer", type=Pick(keys, many, labels=labels), default=shown)


def ask_group(text: str, why: str, questions: list[Question]) -> dict[str, bool]:
    """Related yes/no questions at once: the numbers that apply, or 0 for none of these."""
    none_label = default_questions().labels.none_of_these
    say(text, why)
    _numbered([q.text for q in questions])
    click.echo(f"  0. {none_label}")
    click.echo("  Type the numbers that apply, separated by commas, or 0.")
    keys = [q.id for q in questions]
    labels = [q.text for q in questions]
    chosen = click.prompt(
        "  Your answer", type=Pick(keys, many=True, none_word=none_label, labels=labels)
    )
    return {key: key in chosen for key in keys}
