"""Load and validate the pose files that sit beside the exercises.

``poses/<exercise-id>.toml`` holds ``view``, ``surface``, ``props`` and its frames
(docs/figures/pose-format.md). The ``end`` table, and each ``via``/``via_back`` table,
lists only what changes from ``start``; it is merged over ``start`` joint by joint
before validation, so a held position reads as the moves that reach it.
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


def parse_pose(raw: dict[str, Any], where: str) -> PoseFile:
    """Validate one pose file's data; errors name the file and the field."""
    data = dict(raw)
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


def load_pose_file(path: Path) -> PoseFile:
    try:
        with path.open("rb") as handle:
            raw = tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise CatalogError(f"poses/{path.name}: not valid TOML: {error}") from error
    return parse_pose(raw, f"poses/{path.name}")


@cache
def load_pose(exercise_id: str, pose_dir: Path = POSE_DIR) -> PoseFile:
    path = pose_dir / f"{exercise_id}.toml"
    if not path.is_file():
        raise CatalogError(f"poses/{exercise_id}.toml is missing: every exercise needs a pose")
    return load_pose_file(path)


def pose_ids(pose_dir: Path = POSE_DIR) -> list[str]:
    return sorted(path.stem for path in pose_dir.glob("*.toml"))
