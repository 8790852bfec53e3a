"""Load and validate the pose files that sit beside the exercises.

``poses/<exercise-id>.toml`` holds ``view``, ``surface``, ``props`` and its frames
(docs/figures/pose-format.md). The ``end`` table, and each ``via``/``via_back`` table,
lists only what changes from ``start``; it is merged over ``start`` joint by joint
before validation, so a held position reads as the moves that reach it.

A ``[variants."<name>"]`` table draws one of the exercise's catalog variants (the easier
or harder version a plan may choose): each key it gives replaces the base file's, and
its ``end`` and ``via`` frames, like the base's, list what changes from the start it
ends up with. A variant without a table is drawn as the base exercise is.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from supple.catalog.loader import DATA_DIR, CatalogError
from supple.figures.pose import PoseFile

POSE_DIR = DATA_DIR / "poses"


def merge(base: dict[str, Any], change: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in change.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], value)
        else:
            out[key] = value
    return out


def variant_table(raw: dict[str, Any], variant: str, where: str) -> dict[str, Any]:
    """The base file's data with one variant's table laid over it (no variants left)."""
    tables = raw.get("variants", {})
    if not isinstance(tables, dict) or not all(isinstance(t, dict) for t in tables.values()):
        raise CatalogError(f"{where}: variants: each variant is a table of the keys it changes")
    if variant not in tables:
        raise CatalogError(f"{where}: variants: no table for the variant '{variant}'")
    base = {key: value for key, value in raw.items() if key != "variants"}
    changes: dict[str, Any] = tables[variant]
    return base | changes


def parse_pose(raw: dict[str, Any], where: str, variant: str | None = None) -> PoseFile:
    """Validate one pose file's data (or one variant's); errors name the file and field."""
    if variant is not None:
        raw = variant_table(raw, variant, where)
        where = f'{where} variants."{variant}"'
    data = {key: value for key, value in raw.items() if key != "variants"}
    start = data.get("start")
    if isinstance(start, dict):
        data["end"] = merge(start, data.get("end") or {})
        for key in ("via", "via_back"):
            if isinstance(data.get(key), list):
                data[key] = [merge(start, f) if isinstance(f, dict) else f for f in data[key]]
    try:
        return PoseFile.model_validate(data)
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or '(file)'}: {e['msg']}" for e in error.errors()
        )
        raise CatalogError(f"{where}: {problems}") from error


def read_pose_data(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            data: dict[str, Any] = tomllib.load(handle)
            return data
    except tomllib.TOMLDecodeError as error:
        raise CatalogError(f"poses/{path.name}: not valid TOML: {error}") from error


def load_pose_file(path: Path, variant: str | None = None) -> PoseFile:
    return parse_pose(read_pose_data(path), f"poses/{path.name}", variant)


def _path(exercise_id: str, pose_dir: Path) -> Path:
    path = pose_dir / f"{exercise_id}.toml"
    if not path.is_file():
        raise CatalogError(f"poses/{exercise_id}.toml is missing: every exercise needs a pose")
    return path


@cache
def load_pose(exercise_id: str, pose_dir: Path = POSE_DIR, variant: str | None = None) -> PoseFile:
    """The exercise's pose, or one variant's (``variant`` names a drawn variant)."""
    return load_pose_file(_path(exercise_id, pose_dir), variant)


@cache
def drawn_variants(exercise_id: str, pose_dir: Path = POSE_DIR) -> tuple[str, ...]:
    """The names of the variants the exercise's pose file draws, in file order."""
    path = pose_dir / f"{exercise_id}.toml"
    tables = read_pose_data(path).get("variants", {}) if path.is_file() else {}
    return tuple(tables) if isinstance(tables, dict) else ()


def pose_ids(pose_dir: Path = POSE_DIR) -> list[str]:
    return sorted(path.stem for path in pose_dir.glob("*.toml"))
