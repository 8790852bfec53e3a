"""The one strict reader for TOML knowledge files (supple.datafile)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import BaseModel, ConfigDict

from supple.datafile import load_toml_model


class Thing(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    count: int


class ThingError(ValueError):
    pass


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "things.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_valid_file_is_read_into_its_model(tmp_path: Path) -> None:
    assert load_toml_model(_write(tmp_path, 'name = "a"\ncount = 2\n'), Thing, ThingError) == Thing(
        name="a", count=2
    )


def test_every_wrong_field_is_named_in_one_error(tmp_path: Path) -> None:
    path = _write(tmp_path, 'count = "many"\ncolour = "red"\n')
    with pytest.raises(ThingError) as caught:
        load_toml_model(path, Thing, ThingError)
    message = str(caught.value)
    assert message.startswith("things.toml: ")
    assert "name: Field required" in message
    assert "count: " in message
    assert "colour: Extra inputs are not permitted" in message


def test_broken_toml_and_a_missing_file_are_the_callers_error(tmp_path: Path) -> None:
    with pytest.raises(ThingError, match=r"things\.toml: not valid TOML"):
        load_toml_model(_write(tmp_path, "name = \n"), Thing, ThingError)
    with pytest.raises(ThingError, match=r"missing\.toml: cannot be read"):
        load_toml_model(tmp_path / "missing.toml", Thing, ThingError)
