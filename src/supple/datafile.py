"""One strict reader for Supple's TOML knowledge files.

Assessment contributors and precautions (and any later rule file) are read the same
way: TOML parsed, then validated by a pydantic model whose unknown fields are errors.
A broken file becomes one error naming the file and the first field that is wrong,
raised as the caller's own error type so each loader keeps its documented exception.
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
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
        return model.model_validate(raw)
    except tomllib.TOMLDecodeError as problem:
        raise error(f"{path.name}: not valid TOML ({problem})") from problem
    except ValidationError as problem:
        first = problem.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise error(f"{path.name}: {where}: {first['msg']}") from problem
