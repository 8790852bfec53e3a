"""The screen's rules as validated data (rules.toml).

Keeping the rules in a data file lets a clinician review every question, level, piece of
advice and citation in one place. The loader is strict: a rule for an answer that does
not exist, a missing warning sign, an unknown source or a misspelt key stops the program
instead of silently weakening the screen.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Annotated, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from supple.answers import CHARACTERS, PAIN_BOOLEANS, RADIATES, RED_FLAGS, Pain

ScreenLevel = Literal["emergency", "urgent", "see_clinician", "caution", "ok"]
# Most serious first.
SCREEN_LEVELS: tuple[ScreenLevel, ...] = get_args(ScreenLevel)
SEVERITY: dict[ScreenLevel, int] = {
    level: len(SCREEN_LEVELS) - index for index, level in enumerate(SCREEN_LEVELS)
}

RULES_PATH = Path(__file__).with_name("rules.toml")

Text = Annotated[str, Field(min_length=3)]

# Which pain answers a caution rule may test, and how: the values a choice may take,
# "yes/no" for booleans, or the (low, high) range of a number.
_CHOICE_FIELDS: dict[str, tuple[str, ...]] = {"character": CHARACTERS, "radiates": RADIATES}
_NUMBER_FIELDS: dict[str, tuple[float, float]] = {
    "intensity": (0, 10),
    "sitting_hours": (0, 24),
    "weeks": (0, 520),
}


class RulesError(ValueError):
    """rules.toml is invalid; the message names the file and the field."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Source(_Strict):
    title: Text
    url: Annotated[str, Field(pattern=r"^https://")] | None = None
    file: Annotated[str, Field(pattern=r"^\d{3}_[0-9a-f]+\.txt$")] | None = None

    @model_validator(mode="after")
    def _one_location(self) -> Source:
        if (self.url is None) == (self.file is None):
            raise ValueError("a source has either a url or an article file, not both")
        return self


class LevelInfo(_Strict):
    title: Text
    action: Text


class RedFlagRule(_Strict):
    answer: str
    label: Text
    level: Literal["emergency", "urgent", "see_clinician"]
    question: Text
    why: Text
    advice: Text
    sources: list[str] = Field(min_length=1)

    @model_validator(mode="after")
    def _known_answer(self) -> RedFlagRule:
        if self.answer not in RED_FLAGS:
            raise ValueError(f"answer '{self.answer}' is not a red flag; allowed: {RED_FLAGS}")
        return self


class CautionRule(_Strict):
    """A pain answer that keeps the routine gentle when it matches."""

    answer: str
    label: Text
    in_: list[str] | None = Field(default=None, alias="in")
    equals: bool | None = None
    at_least: float | None = None
    question: Text
    why: Text
    advice: Text
    sources: list[str] = Field(min_length=1)

    @model_validator(mode="after")
    def _condition_fits_the_answer(self) -> CautionRule:
        name = self.answer
        if name in _CHOICE_FIELDS:
            allowed = _CHOICE_FIELDS[name]
            if self.in_ is None or self.equals is not None or self.at_least is not None:
                raise ValueError(f"'{name}' is a choice: use `in` alone")
            wrong = [value for value in self.in_ if value not in allowed]
            if wrong or not self.in_:
                raise ValueError(f"'{name}' values {wrong or '[]'}; allowed: {allowed}")
        elif name in PAIN_BOOLEANS:
            if self.equals is None or self.in_ is not None or self.at_least is not None:
                raise ValueError(f"'{name}' is yes/no: use `equals` alone")
        elif name in _NUMBER_FIELDS:
            low, high = _NUMBER_FIELDS[name]
            if self.at_least is None or self.in_ is not None or self.equals is not None:
                raise ValueError(f"'{name}' is a number: use `at_least` alone")
            if not low < self.at_least <= high:
                raise ValueError(f"'{name}' at_least must be above {low} and at most {high}")
        else:
            known = [*_CHOICE_FIELDS, *PAIN_BOOLEANS, *_NUMBER_FIELDS]
            raise ValueError(f"answer '{name}' is not a pain answer; allowed: {known}")
        return self

    def applies(self, pain: Pain) -> bool:
        value = getattr(pain, self.answer)
        if self.in_ is not None:
            return value in self.in_
        if self.equals is not None:
            return bool(value is self.equals)
        return self.at_least is not None and value >= self.at_least


class Rules(_Strict):
    sources: dict[str, Source]
    levels: dict[ScreenLevel, LevelInfo]
    red_flag: list[RedFlagRule]
    caution: list[CautionRule]

    @model_validator(mode="after")
    def _complete_and_linked(self) -> Rules:
        missing_levels = [level for level in SCREEN_LEVELS if level not in self.levels]
        if missing_levels:
            raise ValueError(f"levels missing: {missing_levels}")
        answers = [rule.answer for rule in self.red_flag]
        if sorted(answers) != sorted(RED_FLAGS):
            missing = sorted(set(RED_FLAGS) - set(answers))
            repeated = sorted({a for a in answers if answers.count(a) > 1})
            raise ValueError(f"one rule per red flag; missing {missing}, repeated {repeated}")
        cautions = [rule.answer for rule in self.caution]
        if len(set(cautions)) != len(cautions):
            raise ValueError("each caution answer may have only one rule")
        cited: list[tuple[str, list[str]]] = [
            *((rule.answer, rule.sources) for rule in self.red_flag),
            *((rule.answer, rule.sources) for rule in self.caution),
        ]
        for answer, sources in cited:
            unknown = [source for source in sources if source not in self.sources]
            if unknown:
                raise ValueError(f"rule '{answer}' cites unknown sources {unknown}")
        return self

    def red_flag_rule(self, answer: str) -> RedFlagRule:
        return next(rule for rule in self.red_flag if rule.answer == answer)

    def caution_rule(self, answer: str) -> CautionRule:
        return next(rule for rule in self.caution if rule.answer == answer)

    def label(self, answer: str) -> str:
        """A short plain-language name for an answer, for lists shown to people."""
        labels = {rule.answer: rule.label for rule in self.red_flag}
        labels.update({rule.answer: rule.label for rule in self.caution})
        return labels.get(answer, answer.replace("_", " "))


def load_rules(path: Path = RULES_PATH) -> Rules:
    """Read and validate a rules file; raise RulesError naming the file and field."""
    try:
        with path.open("rb") as handle:
            raw = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise RulesError(f"{path.name}: cannot be read: {error}") from error
    try:
        return Rules.model_validate(raw)
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(part) for part in e['loc']) or '(file)'}: {e['msg']}"
            for e in error.errors()
        )
        raise RulesError(f"{path.name}: {problems}") from error


@cache
def default_rules() -> Rules:
    """The packaged rules, loaded once per process."""
    return load_rules()
