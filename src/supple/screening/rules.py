"""The screen's rules as validated data (rules.toml).

Keeping the rules in a data file lets a clinician review every rule, level, piece of
advice and citation in one place. The loader is strict: a rule on an answer that does
not exist, a warning sign no rule reads, an unknown source, a clearance allowed where
it never may be, or a misspelt key stops the program instead of silently weakening
the screen.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from supple.answers import HISTORY_FIELDS, RED_FLAGS
from supple.datafile import Source, load_toml_model
from supple.screening.conditions import Condition, parse_condition

ScreenLevel = Literal["emergency", "urgent", "see_clinician", "book_review", "caution", "ok"]
# Most serious first.
SCREEN_LEVELS: tuple[ScreenLevel, ...] = get_args(ScreenLevel)
SEVERITY: dict[ScreenLevel, int] = {
    level: len(SCREEN_LEVELS) - index for index, level in enumerate(SCREEN_LEVELS)
}
# Levels at which a routine is withheld unless every rule there has a valid clearance.
CLEARABLE_LEVELS: frozenset[ScreenLevel] = frozenset({"urgent", "see_clinician"})

RULES_PATH = Path(__file__).with_name("rules.toml")

Text = Annotated[str, Field(min_length=3)]
RuleId = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]


class RulesError(ValueError):
    """rules.toml is invalid; the message names the file and the field."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class LevelInfo(_Strict):
    title: Text
    action: Text


class Rule(_Strict):
    """When ``when`` holds, the screen is at least ``level`` and ``advice`` is given."""

    id: RuleId
    level: Literal["emergency", "urgent", "see_clinician", "book_review", "caution"]
    label: Text
    advice: Text
    # What to do now, in place of the level's own action text, when this rule triggers at
    # the screen's level (pregnancy warning signs: the maternity unit, not the GP).
    action: Text | None = None
    sources: list[str] = Field(min_length=1)
    # A GP or physiotherapist's dated clearance may allow a gentle routine.
    clearable: bool = False
    # The longest session (minutes) allowed while this rule triggers.
    max_minutes: Annotated[int, Field(ge=8, le=60)] | None = None
    when: Condition

    @field_validator("when", mode="before")
    @classmethod
    def _condition(cls, raw: Any) -> Condition:
        return parse_condition(raw)

    @model_validator(mode="after")
    def _clearable_only_where_allowed(self) -> Rule:
        if self.clearable and self.level not in CLEARABLE_LEVELS:
            raise ValueError(f"rule '{self.id}': only urgent and see_clinician rules are clearable")
        return self

    def triggers(self, facts: dict[str, Any]) -> bool | None:
        return self.when.holds(facts)


class Rules(_Strict):
    sources: dict[str, Source]
    levels: dict[ScreenLevel, LevelInfo]
    rule: list[Rule] = Field(min_length=1)

    @model_validator(mode="after")
    def _complete_and_linked(self) -> Rules:
        missing_levels = [level for level in SCREEN_LEVELS if level not in self.levels]
        if missing_levels:
            raise ValueError(f"levels missing: {missing_levels}")
        ids = [rule.id for rule in self.rule]
        repeated = sorted({i for i in ids if ids.count(i) > 1})
        if repeated:
            raise ValueError(f"rule ids must be unique; repeated {repeated}")
        for rule in self.rule:
            unknown = [source for source in rule.sources if source not in self.sources]
            if unknown:
                raise ValueError(f"rule '{rule.id}' cites unknown sources {unknown}")
        read = set().union(*(rule.when.fields() for rule in self.rule))
        unread = [
            path
            for path in (
                *(f"red_flags.{n}" for n in RED_FLAGS),
                *(f"history.{n}" for n in HISTORY_FIELDS),
            )
            if path not in read
        ]
        if unread:
            raise ValueError(f"no rule reads these warning signs: {unread}")
        return self

    def by_id(self, rule_id: str) -> Rule:
        return next(rule for rule in self.rule if rule.id == rule_id)

    def clearable_ids(self) -> frozenset[str]:
        return frozenset(rule.id for rule in self.rule if rule.clearable)

    def at_level(self, level: ScreenLevel) -> list[Rule]:
        return [rule for rule in self.rule if rule.level == level]

    def label(self, rule_id: str) -> str:
        """A short plain-language name for a rule, for lists shown to people."""
        labels = {rule.id: rule.label for rule in self.rule}
        return labels.get(rule_id, rule_id.replace("_", " "))


def load_rules(path: Path = RULES_PATH) -> Rules:
    """Read and validate a rules file; raise RulesError naming the file and field."""
    return load_toml_model(path, Rules, RulesError)


@cache
def default_rules() -> Rules:
    """The packaged rules, loaded once per process."""
    return load_rules()
