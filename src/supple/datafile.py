"""One strict reader for Supple's TOML knowledge files.

Assessment contributors and precautions (and any later rule file) are read the same
way: TOML parsed, then validated by a pydantic model whose unknown fields are errors.
A broken file becomes one error naming the file and every field that is wrong (a
maintainer fixing a rule file wants the whole list, not one problem per run), raised as
the caller's own error type so each loader keeps its documented exception.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

Model = TypeVar("Model", bound=BaseModel)


def load_toml_model(path: Path, model: type[Model], error: type[ValueError]) -> Model:
    """``model`` validated from the TOML file at ``path``; ``error`` on any problem."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as problem:
        raise error(f"{path.name}: cannot be read: {problem}") from problem
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as problem:
        raise error(f"{path.name}: not valid TOML ({problem})") from problem
    try:
        return model.model_validate(raw)
    except ValidationError as problem:
        problems = "; ".join(
            f"{'.'.join(str(part) for part in each['loc']) or '(file)'}: {each['msg']}"
            for each in problem.errors()
        )
        raise error(f"{path.name}: {problems}") from problem
