"""Load the catalog's data files, validate them and cross-check their links.

A data error names the file and the field so whoever edits the catalog can fix it
at once; the application never starts on a half-valid catalog.
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

from supple.catalog.models import Article, Condition, Exercise, Muscle, Principle

DATA_DIR = Path(__file__).with_name("data")

M = TypeVar("M", bound=BaseModel)


class CatalogError(ValueError):
    """A catalog data file is invalid; the message names the file and the field."""


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

    def _aliases(self) -> dict[str, str]:
        table: dict[str, str] = {}
        for exercise in self.exercises.values():
            for alias in [exercise.name, *exercise.aliases]:
                table[_normalise(alias)] = exercise.id
        return table

    def exercise(self, key: str) -> Exercise:
        """Find an exercise by id, name or alias (case and punctuation do not matter)."""
        if key in self.exercises:
            return self.exercises[key]
        found = self._aliases().get(_normalise(key))
        if found is not None:
            return self.exercises[found]
        raise UnknownIdError("exercise", key, closest(key, self.exercises))

    def muscle(self, key: str) -> Muscle:
        if key in self.muscles:
            return self.muscles[key]
        raise UnknownIdError("muscle", key, closest(key, self.muscles))


def _normalise(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise CatalogError(f"{path.name}: not valid TOML: {error}") from error


def _validate(model: type[M], raw: object, where: str) -> M:
    try:
        return model.model_validate(raw)
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or '(record)'}: {e['msg']}"
            for e in error.errors()
        )
        raise CatalogError(f"{where}: {problems}") from error


def _records(model: type[M], path: Path, table: str) -> dict[str, M]:
    raw = _read_toml(path)
    unknown = set(raw) - {table}
    if unknown:
        raise CatalogError(f"{path.name}: unknown top-level keys {sorted(unknown)}")
    out: dict[str, M] = {}
    for index, item in enumerate(raw.get(table, [])):
        record = _validate(model, item, f"{path.name} [[{table}]] #{index + 1}")
        key = str(getattr(record, "id", getattr(record, "file", "")))
        if key in out:
            raise CatalogError(f"{path.name}: duplicate id '{key}'")
        out[key] = record
    return out


def load_catalog(data_dir: Path = DATA_DIR) -> Catalog:
    """Read and validate every data file below ``data_dir``; raise CatalogError on a fault."""
    exercises: dict[str, Exercise] = {}
    for path in sorted((data_dir / "exercises").glob("*.toml")):
        exercise = _validate(Exercise, _read_toml(path), f"exercises/{path.name}")
        if path.stem != exercise.id:
            raise CatalogError(f"exercises/{path.name}: id '{exercise.id}' must match file name")
        exercises[exercise.id] = exercise
    catalog = Catalog(
        exercises=exercises,
        muscles=_records(Muscle, data_dir / "muscles.toml", "muscle"),
        conditions=_records(Condition, data_dir / "conditions.toml", "condition"),
        principles=_records(Principle, data_dir / "principles.toml", "principle"),
        articles=_records(Article, data_dir / "articles.toml", "article"),
    )
    problems = list(cross_check(catalog))
    if problems:
        raise CatalogError("catalog links do not resolve:\n  " + "\n  ".join(problems))
    return catalog


def cross_check(catalog: Catalog) -> Iterable[str]:
    """Every link between records must point at something that exists."""
    articles = set(catalog.articles)
    seen_alias: dict[str, str] = {}
    for ex in catalog.exercises.values():
        for muscle in ex.targets:
            if muscle not in catalog.muscles:
                yield f"{ex.id}: target muscle '{muscle}' is not in muscles.toml"
        for link in (ex.regression, ex.progression):
            if link is not None and link not in catalog.exercises:
                yield f"{ex.id}: links to unknown exercise '{link}'"
            if link == ex.id:
                yield f"{ex.id}: links to itself"
        for source in [*ex.sources, ex.limits.source]:
            if source not in articles:
                yield f"{ex.id}: source '{source}' is not in articles.toml"
        if ex.limits.source not in ex.sources and not ex.limits.note:
            yield f"{ex.id}: limits come from another article, so limits.note must say why"
        for alias in [ex.name, *ex.aliases]:
            key = _normalise(alias)
            if seen_alias.setdefault(key, ex.id) != ex.id:
                yield f"{ex.id}: alias '{alias}' is also used by '{seen_alias[key]}'"
    cited: list[tuple[str, list[str]]] = [
        *((m.id, m.sources) for m in catalog.muscles.values()),
        *((c.id, c.sources) for c in catalog.conditions.values()),
        *((p.id, p.sources) for p in catalog.principles.values()),
    ]
    for record_id, sources in cited:
        for source in sources:
            if source not in articles:
                yield f"{record_id}: source '{source}' is not in articles.toml"
    for condition in catalog.conditions.values():
        for muscle in condition.muscles:
            if muscle not in catalog.muscles:
                yield f"{condition.id}: muscle '{muscle}' is not in muscles.toml"


@cache
def default_catalog() -> Catalog:
    """The packaged catalog, loaded once per process."""
    return load_catalog()
