"""Asking in the terminal (``supple.cli.asking``): pressing Enter takes a question's
default, and a range is written as people write numbers."""

from __future__ import annotations

from typing import Any

import click
import pytest
from click.testing import CliRunner

from supple.answers import Preferences
from supple.cli.asking import Number, ask
from supple.screening.questions import Question, default_questions

DEFAULTS = Preferences().model_dump()
WITH_DEFAULTS = [
    q
    for q in default_questions().question
    if q.section == "preferences" and DEFAULTS.get(q.name) is not None
]


def answer_with_enter(question: Question, default: Any) -> tuple[click.testing.Result, list[Any]]:
    got: list[Any] = []

    @click.command()
    def one() -> None:
        got.append(ask(question, default))

    return CliRunner().invoke(one, [], input="\n"), got


def test_every_preference_with_a_default_is_asked() -> None:
    assert {q.name for q in WITH_DEFAULTS} == {"level", "minutes", "can", "equipment"}


@pytest.mark.parametrize("question", WITH_DEFAULTS, ids=lambda q: q.id)
def test_enter_takes_the_default(question: Question) -> None:
    default = DEFAULTS[question.name]
    result, got = answer_with_enter(question, default)
    assert result.exit_code == 0, result.output
    assert got == [default]
    assert not isinstance(got[0], float) or question.whole is not True


def test_weeks_range_is_written_without_a_decimal_point() -> None:
    weeks = next(q for q in default_questions().question if q.id == "pain.weeks")
    with pytest.raises(click.BadParameter) as refused:
        Number(weeks.min or 0, weeks.max or 0, bool(weeks.whole), None).convert("9999", None, None)
    assert f"to {weeks.max:g}" in str(refused.value) and ".0" not in str(refused.value)
