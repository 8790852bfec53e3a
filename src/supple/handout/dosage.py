"""How a dose reads on paper and in a calendar entry.

One wording for both, so the reminder on a phone says exactly what the printed sheet
says. Lines are short on purpose: they sit beside an exercise's name and must not wrap.
"""

from __future__ import annotations

import math
from typing import Protocol


class DosedItem(Protocol):
    """The parts of a routine item a dose line needs (``RoutineItem`` has them all)."""

    @property
    def per_side(self) -> bool: ...
    @property
    def hold_seconds(self) -> int | None: ...
    @property
    def reps(self) -> int | None: ...
    @property
    def sets(self) -> int: ...
    @property
    def duration_seconds(self) -> int: ...
    @property
    def work_seconds(self) -> int | None: ...


def span(seconds: int) -> str:
    """``45 s``, ``1 min``, ``1 min 30 s``."""
    minutes, rest = divmod(seconds, 60)
    if not minutes:
        return f"{rest} s"
    return f"{minutes} min {rest} s" if rest else f"{minutes} min"


def whole_minutes(seconds: int) -> int:
    """Rounded up: a reminder or a label never promises less time than the routine takes."""
    return max(1, math.ceil(seconds / 60))


def _sets(count: int) -> str:
    return f"{count} set" if count == 1 else f"{count} sets"


def dosage_parts(item: DosedItem) -> list[str]:
    """The dose as short phrases: what to do, how many sets, and whether per side."""
    if item.reps is not None:
        parts = [f"{item.reps} reps"]
        if item.hold_seconds:
            parts.append(f"hold {item.hold_seconds} s each rep")
    elif item.hold_seconds is not None:
        parts = [f"Hold {item.hold_seconds} s"]
    else:
        # A continuous move (the warm-ups): the length of one block of work.
        work = item.work_seconds if item.work_seconds is not None else item.duration_seconds
        parts = [f"Keep going {span(work)}"]
    parts.append(_sets(item.sets))
    if item.per_side:
        parts.append("each side")
    return parts


def dosage_line(item: DosedItem) -> str:
    """``Hold 30 s · 3 sets · each side``."""
    return " · ".join(dosage_parts(item))


__all__ = ["DosedItem", "dosage_line", "dosage_parts", "span", "whole_minutes"]
