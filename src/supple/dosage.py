"""How a dose reads, wherever Supple shows one: terminal, web pages, handout and calendar.

One wording everywhere, so the reminder on a phone says exactly what the printed
sheet, the plan page and the terminal say. Lines are short on purpose: they sit beside
an exercise's name and should not wrap.

>>> dose_line(hold_seconds=30, reps=None, sets=2, work_seconds=None, per_side=True)
'Hold 30 s · 2 sets · each side'
>>> dose_line(hold_seconds=5, reps=10, sets=1, work_seconds=None, per_side=True)
'10 reps · hold 5 s each rep · 1 set · each side'
>>> dose_line(hold_seconds=None, reps=None, sets=1, work_seconds=300, per_side=False)
'Keep going 5 min'
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from supple.catalog.models import Dose


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


def span(seconds: float) -> str:
    """``45 s``, ``1 min``, ``1 min 30 s``: a duration the way a person says it."""
    minutes, rest = divmod(round(seconds), 60)
    if not minutes:
        return f"{rest} s"
    return f"{minutes} min {rest} s" if rest else f"{minutes} min"


def clock(seconds: float) -> str:
    """``m:ss``, for tables and countdowns."""
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes}:{rest:02d}"


def whole_minutes(seconds: float) -> int:
    """Rounded up: a reminder or a label never promises less time than the routine takes."""
    return max(1, math.ceil(seconds / 60))


def dose_parts(
    *,
    hold_seconds: int | None,
    reps: int | None,
    sets: int,
    work_seconds: int | None,
    per_side: bool,
) -> list[str]:
    """The dose as short phrases: what to do, how many sets, and whether per side."""
    if reps is not None:
        parts = [f"{reps} reps"]
        if hold_seconds:
            parts.append(f"hold {hold_seconds} s each rep")
    elif hold_seconds is not None:
        parts = [f"Hold {hold_seconds} s"]
    else:
        # A continuous move (the warm-ups): one block of steady work, sets only if repeated.
        parts = [f"Keep going {span(work_seconds or 0)}"]
        if sets == 1:
            return parts + (["each side"] if per_side else [])
    parts.append(f"{sets} set" if sets == 1 else f"{sets} sets")
    if per_side:
        parts.append("each side")
    return parts


def dose_line(
    *,
    hold_seconds: int | None,
    reps: int | None,
    sets: int,
    work_seconds: int | None,
    per_side: bool,
) -> str:
    """The phrases of :func:`dose_parts` joined for one line."""
    return " · ".join(
        dose_parts(
            hold_seconds=hold_seconds,
            reps=reps,
            sets=sets,
            work_seconds=work_seconds,
            per_side=per_side,
        )
    )


def item_dose_line(item: DosedItem) -> str:
    """A routine item's dose; a warm-up without its own work time uses its whole duration."""
    work = item.work_seconds if item.work_seconds is not None else item.duration_seconds
    return dose_line(
        hold_seconds=item.hold_seconds,
        reps=item.reps,
        sets=item.sets,
        work_seconds=work if item.reps is None and item.hold_seconds is None else None,
        per_side=item.per_side,
    )


def level_dose_line(dose: Dose, per_side: bool) -> str:
    """What one level of a catalog exercise asks for."""
    return dose_line(
        hold_seconds=dose.hold_seconds,
        reps=dose.reps,
        sets=dose.sets,
        work_seconds=dose.work_seconds,
        per_side=per_side,
    )
