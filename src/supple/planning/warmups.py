"""How hard each warm-up is (``warmups.toml``), and the ceiling it sets after pain.

u16b finding 1: a warm-up stopped for pain in gentle mode was replaced by a jog, because
time-filling only asked whether a move fits. These levels let the planner refuse a
harder warm-up: none above ``gentle_max`` in gentle mode or after any pain in the
history, and only the gentlest after a warm-up itself hurt.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from supple.catalog.models import Slug
from supple.datafile import Source, load_toml_model
from supple.planning.filters import Adjustments

WARMUPS_PATH = Path(__file__).with_name("warmups.toml")


class WarmupDataError(ValueError):
    """warmups.toml is invalid; the message names the field."""


class WarmupIntensity(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    gentle_max: int = Field(ge=1, le=5)
    levels: dict[Slug, int] = Field(min_length=1)
    sources: list[str] = Field(min_length=1)
    note: str = Field(min_length=10)
    source: dict[str, Source]

    def model_post_init(self, _context: Any) -> None:
        unknown = sorted(set(self.sources) - set(self.source))
        if unknown:
            raise ValueError(f"unknown sources {unknown}")
        if any(not 1 <= level <= 5 for level in self.levels.values()):
            raise ValueError("levels run from 1 to 5")

    @property
    def gentlest(self) -> int:
        return min(self.levels.values())

    def ceiling(self, adjustments: Adjustments, *, gentle: bool) -> int | None:
        """The hardest warm-up level the plan may hold, or None for no limit.

        A warm-up the history changed for pain allows only the gentlest; any other
        exercise changed for pain, or gentle mode, allows up to ``gentle_max``."""
        hurt = adjustments.hurt
        if hurt & set(self.levels):
            return self.gentlest
        if gentle or hurt:
            return self.gentle_max
        return None

    def allows(self, exercise: str, ceiling: int | None) -> bool:
        """A warm-up with no level is treated as the hardest: refused under a ceiling."""
        if ceiling is None:
            return True
        level = self.levels.get(exercise)
        return level is not None and level <= ceiling


def load_warmup_intensity(path: Path = WARMUPS_PATH) -> WarmupIntensity:
    return load_toml_model(path, WarmupIntensity, WarmupDataError)


@cache
def default_warmup_intensity() -> WarmupIntensity:
    return load_warmup_intensity()
