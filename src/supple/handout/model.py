"""The printable handout as plain values: what goes on the sheet, in which order.

Pure: a plan's routine, the catalog, the screen rules and (optionally) a figure drawer
go in; a ``Handout`` comes out for the template to lay out. Nothing here knows about
HTML, paper sizes or files, so every fact on the sheet can be tested without a PDF.

The safety box quotes the catalog's principles and the screen's own warning signs
rather than keeping a second copy, so the sheet can never drift from what the app says.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import Literal

from supple.calendar.schedule import DAY_NAMES, Schedule
from supple.catalog import Catalog
from supple.catalog.models import Exercise, Kind, Position
from supple.dosage import item_dose_line, span, whole_minutes
from supple.planning.routine import Routine, RoutineItem
from supple.screening.rules import Rules, ScreenLevel

Side = Literal["left", "right"]
Phase = Literal["start", "end"]
FigureDrawer = Callable[[str, Side, Phase, "str | None"], "str | None"]
"""(exercise id, side, phase, variant) -> a self-contained SVG of the starting or the held
(end) position, of the variant the plan chose when one is named and drawn, or None if
the exercise has no figure."""

HARDER_WAITS = (
    "not yet. Making this exercise harder waits until a GP or physiotherapist has "
    "checked your pain."
)
SAFETY_PRINCIPLES = ("warm-up-first", "gentle-tension", "stop-on-sharp-pain")
"""The three habits the issue asks every sheet to open with, in the order they apply."""

WARNING_LEVELS: tuple[ScreenLevel, ...] = ("emergency", "urgent")
"""Signs that need emergency care or a doctor today; the lower levels are for booking."""

KIND_LABELS: dict[Kind, str] = {
    "warmup": "Warm-up",
    "mobility": "Mobility",
    "strength": "Strength",
    "stretch": "Stretch",
}
POSITION_LABELS: dict[Position, str] = {
    "standing": "standing",
    "seated-chair": "on a chair",
    "seated-floor": "sitting on the floor",
    "kneeling": "kneeling",
    "half-kneeling": "half-kneeling",
    "all-fours": "on all fours",
    "prone": "lying face down",
    "supine": "lying on your back",
    "side-lying": "lying on your side",
}


@dataclass(frozen=True)
class Figure:
    caption: str | None
    src: str  # a data: URI, so the HTML and the PDF need no other file


@dataclass(frozen=True)
class VariantView:
    name: str
    how: str


@dataclass(frozen=True)
class ExerciseBlock:
    number: int
    id: str
    name: str
    label: str  # "Stretch · lying on your back"
    dosage: str
    length: str  # "about 2 min"
    doing_variant: VariantView | None  # the easier version this person starts with, if any
    figures: tuple[Figure, ...]
    steps: tuple[str, ...]
    cue: str
    easier: tuple[VariantView, ...]
    harder: tuple[VariantView, ...]
    # True while an escalation stands: no harder version is offered, and the sheet says
    # the progression waits until the pain has been checked.
    harder_waits: bool = False


@dataclass(frozen=True)
class Habit:
    title: str
    text: str


@dataclass(frozen=True)
class WarningGroup:
    level: str
    title: str
    action: str
    signs: tuple[str, ...]


@dataclass(frozen=True)
class SafetyBox:
    habits: tuple[Habit, ...]
    warnings: tuple[WarningGroup, ...]


@dataclass(frozen=True)
class TickRow:
    label: str
    planned: tuple[bool, ...]  # one per weekday, Monday first


@dataclass(frozen=True)
class TickTable:
    days: tuple[str, ...]
    rows: tuple[TickRow, ...]
    schedule: str  # "every day" / "Mon, Wed, Fri"


@dataclass(frozen=True)
class Handout:
    title: str
    made_on: str
    summary: str
    safety: SafetyBox
    exercises: tuple[ExerciseBlock, ...]
    ticks: TickTable
    # The plan's advice to see a GP or physiotherapist: printed before anything else.
    escalation: str | None = None


def routine_name(routine: Routine) -> str:
    """``Gentle beginner routine, 15 minutes``: level, mode and length at a glance."""
    level = f"gentle {routine.level}" if routine.gentle else routine.level
    return f"{level.capitalize()} routine, {whole_minutes(routine.estimated_seconds)} minutes"


def first_sentence(text: str) -> str:
    """The advice's opening sentence names the sign; the rest repeats the level's action."""
    match = re.match(r"(.+?[.!?])(\s|$)", text.strip())
    return match.group(1) if match else text.strip()


def safety_box(catalog: Catalog, rules: Rules) -> SafetyBox:
    habits = tuple(
        Habit(catalog.principles[key].title, catalog.principles[key].rule)
        for key in SAFETY_PRINCIPLES
    )
    warnings = tuple(
        WarningGroup(
            level=level,
            title=rules.levels[level].title,
            action=first_sentence(rules.levels[level].action),
            signs=tuple(first_sentence(rule.advice) for rule in rules.at_level(level)),
        )
        for level in WARNING_LEVELS
    )
    return SafetyBox(habits, warnings)


def svg_data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def moves(exercise: Exercise) -> bool:
    """A rep or flow exercise (cat-cow, a bridge) moves between two positions; a stretch
    is one held pose, and a timed warm-up rhythm (walking, marching, arm circles) repeats
    one step whose other half is the same step on the other side, so one picture does."""
    return exercise.dosage.first.reps is not None


def figure_plan(item: RoutineItem, exercise: Exercise) -> list[tuple[Side, Phase, str | None]]:
    """Which drawings the sheet prints, with their captions. Paper cannot animate, so a
    move that goes between two positions shows both (cat and cow, knee down and knee
    up); a one-sided move shows each side's end position so nobody has to mirror it in
    their head, and its start once."""
    if not moves(exercise):
        if item.per_side:
            return [("left", "end", "Left side"), ("right", "end", "Right side")]
        return [("left", "end", None)]
    if item.per_side:
        return [
            ("left", "start", "Start, left side"),
            ("left", "end", "End, left side"),
            ("right", "end", "End, right side"),
        ]
    return [("left", "start", "Start"), ("left", "end", "End")]


def _figures(
    item: RoutineItem, exercise: Exercise, draw: FigureDrawer | None
) -> tuple[Figure, ...]:
    if draw is None:
        return ()
    figures: list[Figure] = []
    for side, phase, caption in figure_plan(item, exercise):
        svg = draw(item.exercise, side, phase, item.variant)
        if svg is None:
            return ()
        figures.append(Figure(caption, svg_data_uri(svg)))
    return tuple(figures)


def exercise_block(
    number: int, item: RoutineItem, exercise: Exercise, draw: FigureDrawer | None
) -> ExerciseBlock:
    def variants(direction: str) -> tuple[VariantView, ...]:
        return tuple(
            VariantView(variant.name, variant.how)
            for variant in exercise.variants
            if variant.direction == direction and variant.name != item.variant
        )

    # The version this person starts with is spelled out in full at the top of the
    # block, so it is not repeated among the other options.
    doing = next(
        (VariantView(v.name, v.how) for v in exercise.variants if v.name == item.variant),
        VariantView(item.variant, "") if item.variant else None,
    )

    return ExerciseBlock(
        number=number,
        id=item.exercise,
        name=item.name,
        label=f"{KIND_LABELS[item.kind]} · {POSITION_LABELS[item.position]}",
        dosage=item_dose_line(item),
        length=f"about {span(60 * whole_minutes(item.duration_seconds))}",
        doing_variant=doing,
        figures=_figures(item, exercise, draw),
        steps=tuple(exercise.steps),
        cue=exercise.cues.feel,
        easier=variants("easier"),
        harder=variants("harder"),
    )


def tick_table(schedule: Schedule) -> TickTable:
    planned = tuple(day in schedule.days for day in range(7))
    rows = tuple(TickRow(f"Week {week}", planned) for week in range(1, schedule.weeks + 1))
    return TickTable(DAY_NAMES, rows, schedule.label)


def build_handout(
    routine: Routine,
    catalog: Catalog,
    rules: Rules,
    *,
    made_on: date,
    schedule: Schedule,
    figure: FigureDrawer | None = None,
    escalation: str | None = None,
) -> Handout:
    """Everything the printed sheet shows, in the order the routine is done."""
    blocks = tuple(
        exercise_block(number, item, catalog.exercises[item.exercise], figure)
        for number, item in enumerate(routine.items, start=1)
    )
    if escalation:
        # While the advice to be checked stands, no progression is offered anywhere.
        blocks = tuple(
            replace(block, harder=(), harder_waits=bool(block.harder)) for block in blocks
        )
    minutes = whole_minutes(routine.estimated_seconds)
    summary = (
        f"{len(blocks)} exercises, about {minutes} minutes in all including moving "
        f"between them. Planned {schedule.label} for {schedule.weeks} weeks."
    )
    return Handout(
        title=routine_name(routine),
        made_on=f"{made_on.day} {made_on:%B %Y}",
        summary=summary,
        safety=safety_box(catalog, rules),
        exercises=blocks,
        ticks=tick_table(schedule),
        escalation=escalation,
    )


__all__ = [
    "HARDER_WAITS",
    "KIND_LABELS",
    "POSITION_LABELS",
    "SAFETY_PRINCIPLES",
    "WARNING_LEVELS",
    "ExerciseBlock",
    "Figure",
    "FigureDrawer",
    "Habit",
    "Handout",
    "SafetyBox",
    "TickRow",
    "TickTable",
    "VariantView",
    "WarningGroup",
    "build_handout",
    "exercise_block",
    "first_sentence",
    "routine_name",
    "safety_box",
    "svg_data_uri",
    "tick_table",
]
