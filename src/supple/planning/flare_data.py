"""The bad-day routine's rules as validated data (``flare.toml``), and the words it
borrows: the flare-up lesson's advice and the safety screen's warning signs.

Nothing here is a second copy of words that live elsewhere: the three lines of advice
are the lesson screen ``advice_heading`` of the lesson ``lesson`` (lessons.toml), and the
warning signs are the labels of the screen's own rules (rules.toml) at the levels named.
Loading checks that the lesson screen exists with exactly three lines, so a lesson
edit cannot silently give the bad-day page an empty or overlong block of advice.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from supple.catalog.models import MovementClass, Slug
from supple.datafile import Source, load_toml_model
from supple.screening import Rules, default_rules

FLARE_PATH = Path(__file__).with_name("flare.toml")
ADVICE_LINES = 3
# A rule that reads only who the person is (their history, their age) is not a sign
# that can appear during a flare-up, so it is not listed among the signs to watch for.
PERSON_ONLY_PREFIXES = ("history.", "about.")


class FlareDataError(ValueError):
    """flare.toml (or the lesson it names) is invalid; the message names the field."""


class FlareRules(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    lesson: str = Field(min_length=3)
    advice_heading: str = Field(min_length=3)
    min_seconds: int = Field(ge=60, le=900)
    max_seconds: int = Field(ge=60, le=900)
    warning_levels: list[Literal["emergency", "urgent"]] = Field(min_length=1)
    leave_out_classes: list[MovementClass] = []
    leave_out_exercises: list[Slug] = []
    sources: list[str] = Field(min_length=1)
    note: str = Field(min_length=10)
    source: dict[str, Source]

    def model_post_init(self, _context: Any) -> None:
        if self.min_seconds >= self.max_seconds:
            raise ValueError("min_seconds must be below max_seconds")
        unknown = sorted(set(self.sources) - set(self.source))
        if unknown:
            raise ValueError(f"unknown sources {unknown}")


@dataclass(frozen=True)
class WarningSigns:
    """One level of the screen the person should act on: its title and the signs; the
    action only for an emergency (the urgent level's action speaks to someone being
    screened, "no routine until checked", which would confuse a bad day's page)."""

    level: str
    title: str
    action: str | None
    signs: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "level": self.level,
            "title": self.title,
            "action": self.action,
            "signs": list(self.signs),
        }


def load_flare_rules(path: Path = FLARE_PATH) -> FlareRules:
    try:
        return load_toml_model(path, FlareRules, FlareDataError)
    except ValueError as problem:  # model_post_init raises a plain ValueError
        if isinstance(problem, FlareDataError):
            raise
        raise FlareDataError(f"{path.name}: {problem}") from problem


@cache
def default_flare_rules() -> FlareRules:
    return load_flare_rules()


def flare_advice(rules: FlareRules | None = None) -> tuple[str, ...]:
    """The flare-up lesson's advice, three lines, from the lesson data itself."""
    from supple.learning import default_course

    rules = rules or default_flare_rules()
    lesson = default_course().get(rules.lesson)
    if lesson is None:
        raise FlareDataError(f"flare.toml: lesson {rules.lesson!r} is not in the course")
    screen = next((s for s in lesson.screens if s.heading == rules.advice_heading), None)
    if screen is None or len(screen.paragraphs) != ADVICE_LINES:
        raise FlareDataError(
            f"flare.toml: lesson {rules.lesson!r} needs a screen headed "
            f"{rules.advice_heading!r} with exactly {ADVICE_LINES} lines"
        )
    return tuple(screen.paragraphs)


def warning_signs(
    rules: FlareRules | None = None, screen_rules: Rules | None = None
) -> tuple[WarningSigns, ...]:
    """The signs to watch for on a bad day, most serious level first: each level's
    title and action, and the labels of its rules that describe a symptom."""
    rules = rules or default_flare_rules()
    screen_rules = screen_rules or default_rules()
    out = []
    for level in rules.warning_levels:
        info = screen_rules.levels[level]
        labels = tuple(
            rule.label
            for rule in screen_rules.at_level(level)
            if any(not field.startswith(PERSON_ONLY_PREFIXES) for field in rule.when.fields())
        )
        action = info.action if level == "emergency" else None
        out.append(WarningSigns(level, info.title, action, labels))
    return tuple(out)
