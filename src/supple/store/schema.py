"""One strict schema for every record Supple keeps, from the first write to the last backup.

The web API's request bodies, the store's write methods and ``supple import`` all check
records against these definitions, so anything one of them accepts the others accept
too, and every export imports again. The rules:

- types are strict: ``"5"`` is not 5 and ``true`` is not 1 (but ``5.0`` is 5: JSON has
  one kind of number, and JSON Schema's ``integer`` includes it);
- whole numbers fit a 63-bit database column, and ids start at 1;
- text has a length limit and holds no NUL character and no lone surrogate (PostgreSQL
  refuses the first, and no UTF-8 file can hold the second);
- seconds are finite, never NaN or Infinity;
- documents (saved answers and plans) are plain JSON under the same rules, not nested
  deeper than ``DOCUMENT_DEPTH``.

Checks that need more than one value (a step against the plan's timeline, a session's
end against its start) are the functions at the end; the API and import call them with
the catalog they run with.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import Annotated, Any, Literal, TypeVar

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
)

from supple.answers.model import MAX_MINUTES, MIN_MINUTES
from supple.jsonio import whole_number
from supple.timeline import Step, StepKind

INT63_MAX = 2**63 - 1
PROFILE_NAME_MAX = 100
EXERCISE_ID_MAX = 100
NOTE_MAX = 2000
DOCUMENT_DEPTH = 32
DAY_SECONDS = 24 * 3600
# Records are dated at most this far past the shell's today (clocks and time zones
# disagree by up to a day), and not before Supple could have recorded them.
CLOCK_SKEW = timedelta(days=1)
EARLIEST_YEAR = 2000
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

SessionStatus = Literal["in_progress", "completed", "quit"]
# ``stopped_leg_pain``: stopped for pain that spread down the leg (a warning sign).
# ``leg_pain_uncounted``: a get-ready or change of position stopped for pain down the leg
# that the person said did not come from the exercise about to start: no exercise is
# blamed, but the warning-sign questions are asked again all the same.
StepOutcome = Literal[
    "done", "skipped", "stopped_for_pain", "stopped_leg_pain", "leg_pain_uncounted"
]
Rating = Literal["easy", "right", "hard", "painful"]
Side = Literal["left", "right"]


_Model = TypeVar("_Model", bound=BaseModel)


class RecordError(ValueError):
    """A record breaks the schema; the message names the field (``where: what``)."""


def clean_text(value: str) -> str:
    """``value`` itself, if a database and a UTF-8 file can both hold it."""
    if "\x00" in value:
        raise ValueError("must not contain a NUL character (\\u0000)")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        raise ValueError(
            f"must not contain a lone surrogate (\\u{ord(value[error.start]):04x})"
        ) from error
    return value


def is_record_id(value: object) -> bool:
    """Whether ``value`` could name a stored record (an id a database can hold)."""
    return isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= INT63_MAX


def check_document(value: dict[str, Any]) -> dict[str, Any]:
    """A saved document: plain JSON that every database and every export can hold."""
    _check_json(value, 0)
    return value


def _check_json(value: object, depth: int) -> None:
    if depth > DOCUMENT_DEPTH:
        raise ValueError(f"is nested deeper than {DOCUMENT_DEPTH} levels")
    if isinstance(value, str):
        clean_text(value)
    elif isinstance(value, bool) or value is None:
        return
    elif isinstance(value, int):
        if not -INT63_MAX - 1 <= value <= INT63_MAX:
            raise ValueError(f"holds a whole number beyond 63 bits ({str(value)[:20]}...)")
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"holds {value}, which JSON cannot carry")
    elif isinstance(value, Mapping):
        for key, item in value.items():
            if not isinstance(key, str):
                raise ValueError(f"has a key that is not text ({key!r})")
            clean_text(key)
            _check_json(item, depth + 1)
    elif isinstance(value, list | tuple):
        for item in value:
            _check_json(item, depth + 1)
    else:
        raise ValueError(f"holds a {type(value).__name__}, which is not JSON")


Whole = BeforeValidator(whole_number)
RecordId = Annotated[int, Field(strict=True, ge=1, le=INT63_MAX), Whole]
WholeNumber = Annotated[int, Field(strict=True, ge=0, le=INT63_MAX), Whole]
Score = Annotated[int, Field(strict=True, ge=0, le=10), Whole]
# The minutes a plan was asked for: the range the questions, the CLI and the API take.
Minutes = Annotated[int, Field(strict=True, ge=MIN_MINUTES, le=MAX_MINUTES), Whole]
Seconds = Annotated[float, Field(strict=True, ge=0, le=DAY_SECONDS, allow_inf_nan=False)]
Clean = AfterValidator(clean_text)
# The published schema says "no NUL" too; clean_text's own message is clearer than a regex's.
# (A lone surrogate needs no pattern: no JSON Schema string can hold one.)
NoNul = Field(json_schema_extra={"pattern": r"^[^\u0000]*$"})
ProfileName = Annotated[
    str, Field(strict=True, min_length=1, max_length=PROFILE_NAME_MAX), NoNul, Clean
]
ExerciseId = Annotated[
    str, Field(strict=True, min_length=1, max_length=EXERCISE_ID_MAX), NoNul, Clean
]
Note = Annotated[str, Field(strict=True, max_length=NOTE_MAX), NoNul, Clean]
Document = Annotated[dict[str, Any], Field(strict=True), AfterValidator(check_document)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# What a person records: the fields the API takes and the store writes -----------------


class StartFields(Strict):
    """A session as it starts: the plan it follows and the pain before it."""

    plan_id: RecordId
    pain_before: Score


class StepFields(Strict):
    """A finished step as the player reports it."""

    index: WholeNumber
    kind: StepKind
    exercise: ExerciseId | None = None
    side: Side | None = None
    planned_seconds: Seconds
    actual_seconds: Seconds
    outcome: StepOutcome


class RatingFields(Strict):
    exercise: ExerciseId
    rating: Rating


class FinishFields(Strict):
    status: Literal["completed", "quit"] | None = None
    pain_after: Score | None = None
    note: Note | None = None


class CheckInFields(Strict):
    pain: Score
    enjoyment: Score
    activity: Score


# A Learn lesson's id (supple.learning's lessons.toml) and one choice index per question.
LessonId = Annotated[str, Field(strict=True, pattern=r"^[a-z][a-z0-9-]{1,62}$")]
Choice = Annotated[int, Field(strict=True, ge=0, le=9), Whole]


class LessonCompletionFields(Strict):
    lesson_id: LessonId
    answers: list[Choice] = Field(min_length=1, max_length=4)


# Records as an export holds them -------------------------------------------------------


class ProfileRecordIn(Strict):
    name: ProfileName
    created_at: AwareDatetime


class AnswersRecordIn(Strict):
    id: RecordId
    created_at: AwareDatetime
    document: Document


class PlanRecordIn(Strict):
    id: RecordId
    answers_id: RecordId | None
    created_at: AwareDatetime
    level: Literal["beginner", "intermediate", "advanced"] | None
    minutes_requested: Minutes | None
    estimated_seconds: WholeNumber | None
    document: Document


class SessionRecordIn(Strict):
    id: RecordId
    plan_id: RecordId
    started_at: AwareDatetime
    ended_at: AwareDatetime | None
    status: SessionStatus
    pain_before: Score
    pain_after: Score | None
    note: Note | None


class StepRecordIn(StepFields):
    id: RecordId
    session_id: RecordId
    at: AwareDatetime


class RatingRecordIn(RatingFields):
    id: RecordId
    session_id: RecordId


class CheckInRecordIn(CheckInFields):
    id: RecordId
    created_at: AwareDatetime
    week_of: date
    score: Annotated[float, Field(allow_inf_nan=False)] | None = Field(
        default=None, description="Derived; recomputed on import."
    )


class LessonCompletionRecordIn(LessonCompletionFields):
    id: RecordId
    completed_at: AwareDatetime


def where(location: Sequence[int | str]) -> str:
    """A pydantic error location as a path: ``sessions[0].note``."""
    text = ""
    for part in location:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "the record"


def problems(error: ValidationError, prefix: str = "", limit: int = 5) -> str:
    """Up to ``limit`` problems of ``error`` as one line, each naming its field."""
    found = error.errors()
    lines = []
    for item in found[:limit]:
        path = where([*([prefix] if prefix else []), *item["loc"]])
        lines.append(f"{path}: {item['msg']}")
    more = len(found) - len(lines)
    return "; ".join(lines) + (f" (and {more} more)" if more > 0 else "")


def validated(model: type[_Model], values: Mapping[str, Any], prefix: str = "") -> _Model:
    """``values`` as ``model``, or a RecordError naming each wrong field."""
    try:
        return model.model_validate(dict(values))
    except ValidationError as error:
        raise RecordError(problems(error, prefix)) from error


# Checks across values ------------------------------------------------------------------


def check_step_position(step: StepFields, timeline: Sequence[Step], prefix: str = "") -> None:
    """A step event must be the step of the session's timeline at its index."""
    at = f"{prefix}." if prefix else ""
    if step.index >= len(timeline):
        raise RecordError(f"{at}index: the session has steps 0 to {len(timeline) - 1}")
    planned = timeline[step.index]
    if step.kind != planned.kind:
        raise RecordError(f"{at}kind: step {step.index} is a '{planned.kind}' step")
    if step.exercise is not None and step.exercise != planned.exercise:
        raise RecordError(f"{at}exercise: step {step.index} is of '{planned.exercise}'")
    if step.side is not None and step.side != planned.side:
        side = planned.side or "no"
        raise RecordError(f"{at}side: step {step.index} is on {side} side")
    if step.planned_seconds != planned.seconds:
        raise RecordError(
            f"{at}planned_seconds: step {step.index} is planned for {planned.seconds} seconds"
        )


def check_session_times(session: SessionRecordIn, prefix: str = "") -> None:
    """An open session has no end or pain after; a finished one ends after it began."""
    at = f"{prefix}." if prefix else ""
    if session.status == "in_progress":
        if session.ended_at is not None:
            raise RecordError(f"{prefix}: a session in progress has no ended_at")
        if session.pain_after is not None:
            raise RecordError(f"{prefix}: a session in progress has no pain_after")
        return
    if session.ended_at is None:
        raise RecordError(f"{at}ended_at: a {session.status} session needs its end time")
    if session.ended_at < session.started_at:
        raise RecordError(f"{at}ended_at: before started_at")


def check_record_date(value: date | datetime, today: date, where: str) -> None:
    """A record's date or time is not in the future (past a day's clock skew) and not
    before ``EARLIEST_YEAR``: a future session would count in every week up to it and
    make progress (and a level-up) out of days that have not happened."""
    day = value.date() if isinstance(value, datetime) else value
    if day.year < EARLIEST_YEAR:
        raise RecordError(f"{where}: {day.isoformat()} is before {EARLIEST_YEAR}; check the year")
    if day > today + CLOCK_SKEW:
        raise RecordError(
            f"{where}: {day.isoformat()} is after today ({today.isoformat()}); "
            "records cannot be dated in the future"
        )


def check_week_of(value: date, today: date, where: str) -> None:
    """A stored check-in's week is named by its Monday, and is not a future week; the
    week holding 1 January 2000 (which began on 27 December 1999) is the earliest."""
    if (value + timedelta(days=6)).year < EARLIEST_YEAR:
        raise RecordError(f"{where}: {value.isoformat()} is before {EARLIEST_YEAR}; check the year")
    if value > today + CLOCK_SKEW:
        check_record_date(value, today, where)  # says it is in the future
    if value.weekday() != 0:
        raise RecordError(
            f"{where}: {value.isoformat()} is a {WEEKDAYS[value.weekday()]}; "
            "week_of is the Monday its week starts"
        )


def check_rated_in_plan(exercise: str, plan_exercises: Sequence[str], where: str) -> None:
    """A rating names an exercise of the session's plan (the CLI and the API alike):
    a rating of anything else would step down an exercise the person never did."""
    if exercise not in plan_exercises:
        listed = ", ".join(sorted(set(plan_exercises))) or "none"
        raise RecordError(f"{where}: '{exercise}' is not in this plan (its exercises: {listed})")
