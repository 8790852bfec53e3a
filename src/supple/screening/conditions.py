"""A small condition language for rules and questions, written as data and never eval'd.

A condition is a TOML inline table, one of:

- ``{field = "pain.onset", is = "gradual"}`` (also ``is_not``), ``in = [...]``;
- ``{field = "pain.weeks", at_least = 6}`` and/or ``below = 12`` for numbers;
- ``{field = "pain.areas", has = "upper_back"}`` or ``has_any = [...]`` for lists;
- ``{all = [...]}``, ``{any = [...]}``, ``{not = {...}}``,
  ``{unless = {...}}`` (holds unless the inner condition is proven: an unanswered
  field does not stop it, for safety rules that say "unless X is false"),
  ``{at_least_of = 2, of = [...]}`` (at least that many of the conditions hold).

``field`` is an answers path, or ``derived.age_at_onset`` (age minus weeks/52).
Evaluation is three-valued: an unanswered field makes a test unknown (None), and
``all``/``any``/``not`` combine unknowns the way logic does, so a screen of an
incomplete document reports exactly what its answered questions already prove.
"""

from __future__ import annotations

from typing import Annotated, Any, get_args, get_origin

from pydantic import BaseModel, ConfigDict, Field, model_validator

from supple.answers import FIELD_TYPES, allowed_values

Facts = dict[str, Any]
Truth = bool | None

DERIVED: dict[str, tuple[str, ...]] = {"derived.age_at_onset": ("about.age", "pain.weeks")}
Scalar = bool | int | float | str


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, populate_by_name=True)


def _value_of(facts: Facts, path: str) -> tuple[bool, Any]:
    """(known, value) for a field path; a derived value is known when its inputs are."""
    if path == "derived.age_at_onset":
        if "about.age" in facts and "pain.weeks" in facts:
            return True, facts["about.age"] - facts["pain.weeks"] / 52
        return False, None
    return (path in facts), facts.get(path)


def _kind(path: str) -> Any:
    return float if path in DERIVED else FIELD_TYPES[path]


class Match(_Strict):
    """One test on one field."""

    field: str
    is_: Scalar | None = Field(default=None, alias="is")
    is_not: Scalar | None = None
    in_: list[Scalar] | None = Field(default=None, alias="in")
    at_least: float | None = None
    below: float | None = None
    has: str | None = None
    has_any: list[str] | None = None

    @model_validator(mode="after")
    def _fits_the_field(self) -> Match:
        if self.field not in FIELD_TYPES and self.field not in DERIVED:
            raise ValueError(f"unknown field '{self.field}'")
        kind = _kind(self.field)
        used = [
            name
            for name in ("is_", "is_not", "in_", "at_least", "below", "has", "has_any")
            if getattr(self, name) is not None
        ]
        if not used:
            raise ValueError(f"'{self.field}': say what to test (is, is_not, in, ...)")
        numeric = kind in (int, float)
        if get_origin(kind) is list:
            allowed = set(get_args(get_args(kind)[0]))
            if set(used) - {"has", "has_any"} or len(used) > 1:
                raise ValueError(f"'{self.field}' is a list: use has or has_any")
            wanted = [self.has] if self.has is not None else list(self.has_any or [])
            if not wanted or set(wanted) - allowed:
                raise ValueError(f"'{self.field}' values {wanted}; allowed: {sorted(allowed)}")
        elif numeric:
            if set(used) - {"at_least", "below"}:
                raise ValueError(f"'{self.field}' is a number: use at_least and/or below")
        else:
            if set(used) - {"is_", "is_not", "in_"} or len(used) > 1:
                raise ValueError(f"'{self.field}': use one of is, is_not, in")
            values = allowed_values(self.field) or (True, False)
            given = (
                self.in_ if self.in_ is not None else [self.is_ if "is_" in used else self.is_not]
            )
            wrong = [v for v in given if v not in values or type(v) is not type(values[0])]
            if wrong or not given:
                raise ValueError(f"'{self.field}' values {wrong}; allowed: {list(values)}")
        return self

    def fields(self) -> set[str]:
        return set(DERIVED.get(self.field, (self.field,)))

    def holds(self, facts: Facts) -> Truth:
        # The screen asks this of every rule for every plan, so the common case (a
        # plain field that is answered) is looked up once, and the tests go in the
        # order they are most often written; a match uses one kind of test only.
        if self.field in facts:
            value = facts[self.field]
        else:
            known, value = _value_of(facts, self.field)
            if not known:
                return None
        if self.is_ is not None:
            return bool(value == self.is_)
        if self.in_ is not None:
            return value in self.in_
        if self.is_not is not None:
            return bool(value != self.is_not)
        if self.has is not None:
            return self.has in value
        if self.has_any is not None:
            return any(v in value for v in self.has_any)
        low = self.at_least is None or value >= self.at_least
        high = self.below is None or value < self.below
        return low and high


class All(_Strict):
    all: list[Condition] = Field(min_length=1)

    def fields(self) -> set[str]:
        return set().union(*(c.fields() for c in self.all))

    def holds(self, facts: Facts) -> Truth:
        # One false part decides it; the rest need not be looked at.
        unknown = False
        for condition in self.all:
            result = condition.holds(facts)
            if result is False:
                return False
            unknown = unknown or result is None
        return None if unknown else True


class AnyOf(_Strict):
    any: list[Condition] = Field(min_length=1)

    def fields(self) -> set[str]:
        return set().union(*(c.fields() for c in self.any))

    def holds(self, facts: Facts) -> Truth:
        # One true part decides it; the rest need not be looked at.
        unknown = False
        for condition in self.any:
            result = condition.holds(facts)
            if result is True:
                return True
            unknown = unknown or result is None
        return None if unknown else False


class Not(_Strict):
    not_: Condition = Field(alias="not")

    def fields(self) -> set[str]:
        return self.not_.fields()

    def holds(self, facts: Facts) -> Truth:
        result = self.not_.holds(facts)
        return None if result is None else not result


class Unless(_Strict):
    """True unless the inner condition is proven true. Unlike ``not``, an unknown inner
    condition counts as not proven, so an unanswered follow-up cannot hold back a rule
    whose spec says "unless the answer is no"."""

    unless: Condition

    def fields(self) -> set[str]:
        return self.unless.fields()

    def holds(self, facts: Facts) -> Truth:
        return self.unless.holds(facts) is not True


class AtLeastOf(_Strict):
    at_least_of: Annotated[int, Field(ge=1)]
    of: list[Condition] = Field(min_length=2)

    @model_validator(mode="after")
    def _reachable(self) -> AtLeastOf:
        if self.at_least_of > len(self.of):
            raise ValueError("at_least_of is more than the conditions listed")
        return self

    def fields(self) -> set[str]:
        return set().union(*(c.fields() for c in self.of))

    def holds(self, facts: Facts) -> Truth:
        results = [c.holds(facts) for c in self.of]
        if results.count(True) >= self.at_least_of:
            return True
        if results.count(True) + results.count(None) < self.at_least_of:
            return False
        return None


Condition = Match | All | AnyOf | Not | Unless | AtLeastOf
for _model in (All, AnyOf, Not, Unless, AtLeastOf):
    _model.model_rebuild()

_KEYS: dict[str, type[BaseModel]] = {
    "field": Match,
    "all": All,
    "any": AnyOf,
    "not": Not,
    "unless": Unless,
    "at_least_of": AtLeastOf,
}


def parse_condition(raw: Any) -> Condition:
    """Build a condition from its table; the table's keys say which kind it is."""
    if not isinstance(raw, dict):
        raise ValueError("a condition is a table such as {field = ..., is = ...}")
    kinds = [model for key, model in _KEYS.items() if key in raw]
    if len(kinds) != 1:
        raise ValueError(f"a condition has exactly one of: {', '.join(_KEYS)}")
    model: Any = kinds[0]
    result: Condition = model.model_validate(raw)
    return result


__all__ = ["Condition", "Facts", "Truth", "parse_condition"]
