"""The routine a person is given: the planner's result and the document `--json` prints.

Items are plain frozen values so the routine can be rendered, stored, turned into a
timeline and compared in tests without any framework. ``from_dict`` reads a routine
back from a saved plan (for `supple timeline --plan FILE`), checking every field so a
hand-edited file fails with a message naming the field rather than deep in the timer.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any, cast

from supple.catalog import Catalog
from supple.catalog.models import KINDS, LEVELS, POSITIONS, Exercise, Kind, Level, Position
from supple.timeline import continuous_work_seconds, item_seconds, timeline_steps

ITEM_FIELDS = (
    "exercise",
    "name",
    "kind",
    "position",
    "per_side",
    "hold_seconds",
    "reps",
    "sets",
    "duration_seconds",
    "targets",
    "why",
    "variant",
)
ROUTINE_FIELDS = (
    "level",
    "gentle",
    "minutes_requested",
    "estimated_seconds",
    "floor_transitions",
    "position_changes",
    "items",
)


class RoutineError(ValueError):
    """A saved routine document is malformed; the message names the field."""


@dataclass(frozen=True)
class RoutineItem:
    """One exercise in the routine with the dose this person does.

    ``kind`` is the item's role in this routine (its phase). It equals the catalog kind
    except when a mobility move stands in as the warm-up because no warm-up exercise is
    possible for this person; ``why`` then says so.

    ``work_seconds`` is the length of one set of a continuous move (the warm-ups); it is
    not part of the published contract, which carries the same information as
    ``duration_seconds`` (see ``routine_from_dict``). ``seconds_per_rep`` is the pace of
    a rep-based move at the level it is dosed at, from the catalog.
    """

    exercise: str
    name: str
    kind: Kind
    position: Position
    per_side: bool
    hold_seconds: int | None
    reps: int | None
    sets: int
    duration_seconds: int
    targets: tuple[str, ...]
    why: str
    variant: str | None
    work_seconds: int | None = None
    seconds_per_rep: float | None = None

    @property
    def sides(self) -> tuple[str | None, ...]:
        return ("left", "right") if self.per_side else (None,)

    def to_dict(self) -> dict[str, Any]:
        return {
            "exercise": self.exercise,
            "name": self.name,
            "kind": self.kind,
            "position": self.position,
            "per_side": self.per_side,
            "hold_seconds": self.hold_seconds,
            "reps": self.reps,
            "sets": self.sets,
            "duration_seconds": self.duration_seconds,
            "targets": list(self.targets),
            "why": self.why,
            "variant": self.variant,
        }


@dataclass(frozen=True)
class Routine:
    level: Level
    gentle: bool
    minutes_requested: int
    estimated_seconds: int
    floor_transitions: int
    position_changes: int
    items: tuple[RoutineItem, ...]

    def to_dict(self) -> dict[str, Any]:
        """Exactly the ``routine`` object of the output contract."""
        return {
            "level": self.level,
            "gentle": self.gentle,
            "minutes_requested": self.minutes_requested,
            "estimated_seconds": self.estimated_seconds,
            "floor_transitions": self.floor_transitions,
            "position_changes": self.position_changes,
            "items": [item.to_dict() for item in self.items],
        }


def _get(raw: Mapping[str, Any], key: str, kind: type | tuple[type, ...], where: str) -> Any:
    if key not in raw:
        raise RoutineError(f"{where}.{key}: required")
    value = raw[key]
    # bool is an int in Python; a JSON true must never pass as a number of seconds.
    if isinstance(value, bool) and bool not in (kind if isinstance(kind, tuple) else (kind,)):
        raise RoutineError(f"{where}.{key}: expected a number, got {value!r}")
    if not isinstance(value, kind):
        raise RoutineError(f"{where}.{key}: wrong type {type(value).__name__}")
    return value


def _choice(value: Any, allowed: tuple[str, ...], where: str) -> str:
    if value not in allowed:
        raise RoutineError(f"{where}: {value!r} is not one of {', '.join(allowed)}")
    return cast(str, value)


def _count(raw: Mapping[str, Any], key: str, where: str, *, optional: bool = False) -> int | None:
    value = _get(raw, key, (int, type(None)) if optional else int, where)
    if value is not None and value < (0 if key != "sets" else 1):
        raise RoutineError(f"{where}.{key}: must not be below {0 if key != 'sets' else 1}")
    return cast("int | None", value)


def item_from_dict(raw: object, where: str, work_seconds: int | None) -> RoutineItem:
    if not isinstance(raw, Mapping):
        raise RoutineError(f"{where}: must be an object")
    unknown = sorted(set(raw) - set(ITEM_FIELDS))
    if unknown:
        raise RoutineError(f"{where}: unknown fields {unknown}; allowed: {', '.join(ITEM_FIELDS)}")
    targets = _get(raw, "targets", list, where)
    if not all(isinstance(t, str) for t in targets):
        raise RoutineError(f"{where}.targets: must be a list of muscle ids")
    variant = _get(raw, "variant", (str, type(None)), where)
    sets = _count(raw, "sets", where)
    duration = _count(raw, "duration_seconds", where)
    assert sets is not None and duration is not None
    return RoutineItem(
        exercise=_get(raw, "exercise", str, where),
        name=_get(raw, "name", str, where),
        kind=cast(Kind, _choice(raw.get("kind"), KINDS, f"{where}.kind")),
        position=cast(Position, _choice(raw.get("position"), POSITIONS, f"{where}.position")),
        per_side=_get(raw, "per_side", bool, where),
        hold_seconds=_count(raw, "hold_seconds", where, optional=True),
        reps=_count(raw, "reps", where, optional=True),
        sets=sets,
        duration_seconds=duration,
        targets=tuple(targets),
        why=_get(raw, "why", str, where),
        variant=variant,
        work_seconds=work_seconds,
    )


def routine_header(raw: object, where: str = "routine") -> dict[str, Any]:
    """Check the routine-level fields; return them with ``items`` left raw."""
    if not isinstance(raw, Mapping):
        raise RoutineError(
            f"{where}: must be an object (is the routine null because it was withheld?)"
        )
    unknown = sorted(set(raw) - set(ROUTINE_FIELDS))
    if unknown:
        raise RoutineError(f"{where}: unknown fields {unknown}")
    return {
        "level": _choice(raw.get("level"), LEVELS, f"{where}.level"),
        "gentle": _get(raw, "gentle", bool, where),
        "minutes_requested": _minutes(raw, where),
        "estimated_seconds": _count(raw, "estimated_seconds", where),
        "floor_transitions": _count(raw, "floor_transitions", where),
        "position_changes": _count(raw, "position_changes", where),
        "items": _get(raw, "items", list, where),
    }


def _minutes(raw: Mapping[str, Any], where: str) -> int:
    """The minutes asked for, in the one range the questions, the CLI and the API take."""
    from supple.answers.model import MAX_MINUTES, MIN_MINUTES

    minutes = _count(raw, "minutes_requested", where) or 0
    if not MIN_MINUTES <= minutes <= MAX_MINUTES:
        raise RoutineError(
            f"{where}.minutes_requested: {minutes} is outside {MIN_MINUTES}-{MAX_MINUTES} minutes"
        )
    return minutes


def _pace(exercise: Exercise, item: RoutineItem) -> float | None:
    """The seconds per rep of the level dose this item's reps (and pause) came from."""
    doses = [dose for _, dose in exercise.dosage.levels()]
    for dose in doses:
        if dose.reps == item.reps and dose.hold_seconds == item.hold_seconds:
            return dose.seconds_per_rep
    return None


def dose_ceiling(exercise: Exercise, field: str) -> int:
    """The most of ``field`` (sets, hold_seconds, reps, work_seconds) a plan may give
    ``exercise``: the top of the articles' range, or of its level doses if higher."""
    doses = [getattr(exercise.dosage.for_level(level), field) or 0 for level in LEVELS]
    limit = getattr(exercise.limits, field)
    return max([*doses, int(limit[1]) if limit else 0])


def _within_catalog(exercise: Exercise, field: str, value: int | None, location: str) -> None:
    if value is not None and value > (ceiling := dose_ceiling(exercise, field)):
        raise RoutineError(
            f"{location}: {value} is more than the catalog allows for '{exercise.id}' "
            f"({field} up to {ceiling})"
        )


def routine_from_dict(raw: object, catalog: Catalog) -> Routine:
    """Read a routine from a saved plan and check it against the one time model.

    A hand-edited dose that no longer matches its ``duration_seconds`` (or a total that
    no longer matches ``estimated_seconds``) is reported, because the player would
    otherwise run a session of a different length from the one the plan promises.
    """
    head = routine_header(raw)
    items: list[RoutineItem] = []
    for index, raw_item in enumerate(head["items"]):
        where = f"routine.items[{index}]"
        item = item_from_dict(raw_item, where, None)
        exercise = catalog.exercises.get(item.exercise)
        if exercise is None:
            raise RoutineError(f"{where}.exercise: unknown exercise '{item.exercise}'")
        # Checked before any step is built: a hand-edited million sets would otherwise
        # build millions of steps before the mismatch below could be noticed.
        for field in ("sets", "hold_seconds", "reps"):
            _within_catalog(exercise, field, getattr(item, field), f"{where}.{field}")
        if item.reps is not None:
            pace = _pace(exercise, item)
            if pace is None:
                raise RoutineError(f"{where}.reps: matches no dose of '{exercise.id}'")
            item = replace(item, seconds_per_rep=pace)
        elif item.hold_seconds is None:
            work = continuous_work_seconds(item.duration_seconds, item.sets, item.per_side)
            if work is None:
                raise RoutineError(f"{where}.duration_seconds: does not fit {item.sets} set(s)")
            _within_catalog(exercise, "work_seconds", work, f"{where}.duration_seconds")
            item = replace(item, work_seconds=work)
        expected = item_seconds(item, exercise)
        if expected != item.duration_seconds:
            raise RoutineError(
                f"{where}.duration_seconds: {item.duration_seconds} does not match the dose "
                f"({expected} seconds)"
            )
        items.append(item)
    total = sum(step.seconds for step in timeline_steps(items, catalog))
    if total != head["estimated_seconds"]:
        raise RoutineError(
            f"routine.estimated_seconds: {head['estimated_seconds']} does not match the items "
            f"({total} seconds)"
        )
    return Routine(
        level=cast(Level, head["level"]),
        gentle=head["gentle"],
        minutes_requested=head["minutes_requested"],
        estimated_seconds=total,
        floor_transitions=head["floor_transitions"],
        position_changes=head["position_changes"],
        items=tuple(items),
    )


__all__ = [
    "ITEM_FIELDS",
    "ROUTINE_FIELDS",
    "Routine",
    "RoutineError",
    "RoutineItem",
    "dose_ceiling",
    "item_from_dict",
    "routine_from_dict",
    "routine_header",
]
