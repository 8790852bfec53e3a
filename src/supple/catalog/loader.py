"""Load the catalog's data files, validate them and run every catalog check.

A data error names the file and the field so whoever edits the catalog can fix it
at once; the application never starts on a half-valid catalog. ``inspect_catalog``
gathers every problem instead of stopping at the first, for ``supple catalog check``.
"""

from __future__ import annotations

import difflib
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from supple.catalog.checks import Problem, check_catalog
from supple.catalog.models import (
    Article,
    Condition,
    DosageRules,
    Exercise,
    Muscle,
    Principle,
)

DATA_DIR = Path(__file__).with_name("data")

M = TypeVar("M", bound=BaseModel)


class CatalogError(ValueError):
    """A catalog data file is invalid; the message names the file and the field."""

    def __init__(self, message: str, problems: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


class UnknownIdError(LookupError):
    """An id that names nothing in the catalog, with the closest valid ids."""

    def __init__(self, what: str, given: str, suggestions: list[str]) -> None:
        self.what, self.given, self.suggestions = what, given, suggestions
        hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"unknown {what} '{given}'{hint}")


def closest(given: str, choices: Iterable[str], n: int = 3) -> list[str]:
    """The valid ids nearest to a mistyped one, best first."""
    return difflib.get_close_matches(given.lower(), list(choices), n=n, cutoff=0.5)


@dataclass(frozen=True)
class Catalog:
    exercises: Mapping[str, Exercise]
    muscles: Mapping[str, Muscle]
    conditions: Mapping[str, Condition]
    principles: Mapping[str, Principle]
    articles: Mapping[str, Article]
    dosage_rules: DosageRules

    def _aliases(self) -> dict[str, str]:
        table: dict[str, str] = {}
        for exercise in self.exercises.values():
            for alias in [exercise.name, *exercise.aliases]:
                table[normalise(alias)] = exercise.id
        return table

    def exercise(self, key: str) -> Exercise:
        """Find an exercise by id, name or alias (case and punctuation do not matter)."""
        if key in self.exercises:
            return self.exercises[key]
        found = self._aliases().get(normalise(key))
        if found is not None:
            return self.exercises[found]
        raise UnknownIdError("exercise", key, closest(key, self.exercises))

    def muscle(self, key: str) -> Muscle:
        if key in self.muscles:
            return self.muscles[key]
        raise UnknownIdError("muscle", key, closest(key, self.muscles))


def normalise(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


class _Reader:
    """Reads and validates files, collecting problems rather than stopping at the first."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.problems: list[Problem] = []

    def toml(self, path: Path) -> dict[str, Any] | None:
        where = path.relative_to(self.data_dir).as_posix()
        try:
            with path.open("rb") as handle:
                return tomllib.load(handle)
        except FileNotFoundError:
            self.problems.append(Problem(where, "(file)", "is missing"))
        except tomllib.TOMLDecodeError as error:
            self.problems.append(Problem(where, "(file)", f"not valid TOML: {error}"))
        return None

    def validate(self, model: type[M], raw: object, where: str, prefix: str = "") -> M | None:
        try:
            return model.model_validate(raw)
        except ValidationError as error:
            for e in error.errors():
                field = ".".join(str(p) for p in e["loc"]) or "(record)"
                self.problems.append(Problem(where, prefix + field, e["msg"]))
            return None

    def records(self, model: type[M], name: str, table: str) -> dict[str, M]:
        raw = self.toml(self.data_dir / name)
        out: dict[str, M] = {}
        if raw is None:
            return out
        for key in sorted(set(raw) - {table}):
            self.problems.append(Problem(name, key, "unknown top-level key"))
        for index, item in enumerate(raw.get(table, [])):
            record = self.validate(model, item, name, f"[[{table}]] #{index + 1}.")
            if record is None:
                continue
            key = record.key if isinstance(record, Article) else str(getattr(record, "id", ""))
            if key in out:
                self.problems.append(
                    Problem(name, f"[[{table}]] #{index + 1}", f"duplicate id '{key}'")
                )
            out[key] = record
        return out

    def exercises(self) -> dict[str, Exercise]:
        out: dict[str, Exercise] = {}
        for path in sorted((self.data_dir / "exercises").glob("*.toml")):
            where = f"exercises/{path.name}"
            raw = self.toml(path)
            exercise = self.validate(Exercise, raw, where) if raw is not None else None
            if exercise is None:
                continue
            if path.stem != exercise.id:
                self.problems.append(
                    Problem(where, "id", f"'{exercise.id}' must match the file name")
                )
            out[exercise.id] = exercise
        return out


def inspect_catalog(data_dir: Path = DATA_DIR) -> tuple[Catalog | None, list[Problem]]:
    """Read every data file below ``data_dir`` and run every check.

    Returns the catalog (None when a file could not be read into records at all) and
    every problem found, each naming its file and field.
    """
    reader = _Reader(data_dir)
    exercises = reader.exercises()
    muscles = reader.records(Muscle, "muscles.toml", "muscle")
    conditions = reader.records(Condition, "conditions.toml", "condition")
    principles = reader.records(Principle, "principles.toml", "principle")
    articles = reader.records(Article, "articles.toml", "article")
    raw_rules = reader.toml(data_dir / "dosage.toml")
    rules = (
        reader.validate(DosageRules, raw_rules, "dosage.toml") if raw_rules is not None else None
    )
    if rules is None:
        return None, reader.problems
    catalog = Catalog(exercises, muscles, conditions, principles, articles, rules)
    problems = [*reader.problems, *check_catalog(catalog, data_dir / "poses")]
    return catalog, problems


def load_catalog(data_dir: Path = DATA_DIR) -> Catalog:
    """Read and validate every data file below ``data_dir``; raise CatalogError on a fault."""
    catalog, problems = inspect_catalog(data_dir)
    if problems or catalog is None:
        lines = "\n  ".join(str(p) for p in problems)
        raise CatalogError(f"the catalog has {len(problems)} problem(s):\n  {lines}", problems)
    return catalog


@cache
def default_catalog() -> Catalog:
    """The packaged catalog, loaded once per process."""
    return load_catalog()
