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

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

Model = TypeVar("Model", bound=BaseModel)


class Source(BaseModel):
    """Where a rule comes from: a public page (``url``) or one of the source articles
    (``file``, named as in ``shared/seeds``). Every rule file cites its sources this way,
    so a reviewer can check any rule against what it rests on."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    title: str = Field(min_length=3)
    url: str | None = Field(default=None, pattern=r"^https://\S+$")
    file: str | None = Field(default=None, pattern=r"^\d{3}_[0-9a-f]{16}\.txt$")

    @model_validator(mode="after")
    def _one_location(self) -> Source:
        if (self.url is None) == (self.file is None):
            raise ValueError("a source has either a url or an article file, not both")
        return self


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
