"""Exports a person can keep or move, and imports that restore them exactly.

The JSON export (format ``supple-export``, version 1) is one document holding the
profile and a flat list per record type. Ids are those of the exporting database;
references between records (a plan's ``answers_id``, a step's ``session_id``) use
them, and an import renumbers everything consistently, so a file can be imported
into a database that already holds other profiles. docs/export.md describes both
formats; the CSV form is for spreadsheets and is not imported.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeVar

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, ValidationError
from sqlalchemy import delete, select

from supple.store.errors import ExportFormatError, ProfileNotEmptyError
from supple.store.models import (
    CheckIn,
    ExerciseRating,
    Plan,
    Profile,
    SavedAnswers,
    Session,
    StepEvent,
)
from supple.store.records import Rating, SessionStatus, StepKind, StepOutcome

if TYPE_CHECKING:
    from sqlalchemy.orm import Session as DbSession

    from supple.store.repository import Store

FORMAT = "supple-export"
VERSION = 1
# Record lists in the order they are written (each refers only to earlier ones).
SECTIONS = ("answers", "plans", "sessions", "step_events", "exercise_ratings", "checkins")

ZeroToTen = Annotated[int, Field(ge=0, le=10)]
# Lengths match the columns, so a file that validates never fails half-way through writing.
Exercise = Annotated[str, Field(min_length=1, max_length=100)]
Short = Annotated[str, Field(max_length=16)]
_Row = TypeVar("_Row")


def build_export(store: Store, profile: str, now: datetime) -> dict[str, Any]:
    """The export document for ``profile`` (empty lists when it has recorded nothing).

    Each list is in database id order and renumbered from 1, with references
    renumbered to match, so exporting, importing elsewhere and exporting again
    gives the same document whatever ids the two databases handed out.
    """
    found = store.find_profile(profile)
    sources: dict[str, list[Any]] = {
        "answers": store.saved_answers(profile),
        "plans": store.plans(profile),
        "sessions": store.sessions(profile),
        "step_events": store.profile_step_events(profile),
        "exercise_ratings": store.profile_ratings(profile),
        "checkins": store.checkins(profile),
    }
    renumber: dict[str, dict[int, int]] = {}
    sections: dict[str, list[dict[str, Any]]] = {}
    references = {"answers_id": "answers", "plan_id": "plans", "session_id": "sessions"}
    for section in SECTIONS:
        records = sorted(sources[section], key=lambda record: int(record.id))
        renumber[section] = {record.id: number for number, record in enumerate(records, 1)}
        rows = []
        for record in records:
            data: dict[str, Any] = record.to_dict()
            data.pop("profile", None)
            data["id"] = renumber[section][record.id]
            for field, target in references.items():
                if data.get(field) is not None:
                    data[field] = renumber[target][data[field]]
            rows.append(data)
        sections[section] = rows
    created = found.created_at if found else now
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": now.isoformat(),
        "profile": {"name": profile, "created_at": created.isoformat()},
        **sections,
    }


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _ProfileIn(_Strict):
    name: Annotated[str, Field(min_length=1, max_length=100)]
    created_at: AwareDatetime


class _AnswersIn(_Strict):
    id: int
    created_at: AwareDatetime
    document: dict[str, Any]


class _PlanIn(_Strict):
    id: int
    answers_id: int | None
    created_at: AwareDatetime
    level: Annotated[str, Field(max_length=32)] | None
    minutes_requested: int | None
    estimated_seconds: int | None
    document: dict[str, Any]


class _SessionIn(_Strict):
    id: int
    plan_id: int
    started_at: AwareDatetime
    ended_at: AwareDatetime | None
    status: SessionStatus
    pain_before: ZeroToTen
    pain_after: ZeroToTen | None
    note: str | None


class _StepIn(_Strict):
    id: int
    session_id: int
    index: int
    kind: StepKind
    exercise: Exercise | None
    side: Short | None
    planned_seconds: Annotated[float, Field(ge=0)]
    actual_seconds: Annotated[float, Field(ge=0)]
    outcome: StepOutcome
    at: AwareDatetime


class _RatingIn(_Strict):
    id: int
    session_id: int
    exercise: Exercise
    rating: Rating


class _CheckInIn(_Strict):
    id: int
    created_at: AwareDatetime
    week_of: date
    pain: ZeroToTen
    enjoyment: ZeroToTen
    activity: ZeroToTen
    score: float | None = Field(default=None, description="Derived; recomputed on import.")


class ExportDocument(_Strict):
    """A validated export, ready to be written."""

    format: Literal["supple-export"]
    version: Literal[1]
    exported_at: AwareDatetime
    profile: _ProfileIn
    answers: list[_AnswersIn] = []
    plans: list[_PlanIn] = []
    sessions: list[_SessionIn] = []
    step_events: list[_StepIn] = []
    exercise_ratings: list[_RatingIn] = []
    checkins: list[_CheckInIn] = []


def _where(location: Sequence[int | str]) -> str:
    text = ""
    for part in location:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "the document"


def parse_export(document: Any) -> ExportDocument:
    """Validate an export completely before anything is written.

    Raises ExportFormatError naming each field that is wrong (up to five) and every
    reference that points at a record missing from the file.
    """
    if not isinstance(document, Mapping):
        raise ExportFormatError("an export is a JSON object; this file holds something else")
    if document.get("format") != FORMAT:
        raise ExportFormatError(f"this is not a Supple export (its 'format' is not {FORMAT!r})")
    try:
        parsed = ExportDocument.model_validate(dict(document))
    except ValidationError as error:
        problems = [f"{_where(e['loc'])}: {e['msg']}" for e in error.errors()[:5]]
        more = len(error.errors()) - len(problems)
        tail = f" (and {more} more)" if more > 0 else ""
        raise ExportFormatError("; ".join(problems) + tail) from error
    _check_references(parsed)
    return parsed


def _check_references(parsed: ExportDocument) -> None:
    def ids(section: str) -> set[int]:
        records = getattr(parsed, section)
        found = {record.id for record in records}
        if len(found) != len(records):
            raise ExportFormatError(f"{section}: two records share an id")
        return found

    answers, plans, sessions = ids("answers"), ids("plans"), ids("sessions")
    for section in ("step_events", "exercise_ratings", "checkins"):
        ids(section)
    checks: list[tuple[str, Sequence[Any], str, set[int]]] = [
        ("plans", parsed.plans, "answers_id", answers),
        ("sessions", parsed.sessions, "plan_id", plans),
        ("step_events", parsed.step_events, "session_id", sessions),
        ("exercise_ratings", parsed.exercise_ratings, "session_id", sessions),
    ]
    for section, records, field, known in checks:
        for position, record in enumerate(records):
            target = getattr(record, field)
            if target is not None and target not in known:
                raise ExportFormatError(
                    f"{section}[{position}].{field}: {target} is not an id in this file"
                )
    rated = [(r.session_id, r.exercise) for r in parsed.exercise_ratings]
    if len(set(rated)) != len(rated):
        raise ExportFormatError("exercise_ratings: an exercise is rated twice in one session")


def write_import(
    db: DbSession, parsed: ExportDocument, *, profile: str | None, replace: bool
) -> dict[str, int]:
    """Write a validated export inside the caller's transaction."""
    name = (profile or parsed.profile.name).strip()
    owner = db.scalar(select(Profile).filter_by(name=name))
    if owner is None:
        owner = Profile(name=name, created_at=parsed.profile.created_at)
        db.add(owner)
        db.flush()
    elif _owns_anything(db, owner.id):
        if not replace:
            raise ProfileNotEmptyError(
                f"profile {name!r} already has records; importing would overwrite them"
            )
        _delete_records(db, owner.id)
    owner.created_at = parsed.profile.created_at

    answers_ids: dict[int, int] = {}
    for a in parsed.answers:
        row = SavedAnswers(profile_id=owner.id, created_at=a.created_at, document=a.document)
        answers_ids[a.id] = _insert(db, row).id
    plan_ids: dict[int, int] = {}
    for p in parsed.plans:
        fields = p.model_dump(exclude={"id", "answers_id"})
        linked = None if p.answers_id is None else answers_ids[p.answers_id]
        plan_ids[p.id] = _insert(db, Plan(profile_id=owner.id, answers_id=linked, **fields)).id
    session_ids: dict[int, int] = {}
    for s in parsed.sessions:
        fields = s.model_dump(exclude={"id", "plan_id"})
        started = Session(profile_id=owner.id, plan_id=plan_ids[s.plan_id], **fields)
        session_ids[s.id] = _insert(db, started).id
    for e in parsed.step_events:
        fields = e.model_dump(exclude={"id", "session_id"})
        _insert(db, StepEvent(session_id=session_ids[e.session_id], **fields))
    for r in parsed.exercise_ratings:
        fields = r.model_dump(exclude={"id", "session_id"})
        _insert(db, ExerciseRating(session_id=session_ids[r.session_id], **fields))
    for c in parsed.checkins:
        _insert(db, CheckIn(profile_id=owner.id, **c.model_dump(exclude={"id", "score"})))
    return {section: len(getattr(parsed, section)) for section in SECTIONS}


def _insert(db: DbSession, row: _Row) -> _Row:
    db.add(row)
    db.flush()
    return row


def _owns_anything(db: DbSession, profile_id: int) -> bool:
    return any(
        db.scalar(select(model.id).filter_by(profile_id=profile_id).limit(1)) is not None
        for model in (SavedAnswers, Plan, Session, CheckIn)
    )


def _delete_records(db: DbSession, profile_id: int) -> None:
    """Remove a profile's records, children first, so no foreign key is ever broken."""
    sessions = select(Session.id).filter_by(profile_id=profile_id)
    db.execute(delete(StepEvent).where(StepEvent.session_id.in_(sessions)))
    db.execute(delete(ExerciseRating).where(ExerciseRating.session_id.in_(sessions)))
    for model in (Session, Plan, SavedAnswers, CheckIn):
        db.execute(delete(model).where(model.profile_id == profile_id))


def csv_zip(document: Mapping[str, Any]) -> bytes:
    """An export as a zip of CSV files: profile.csv and one file per record list.

    Columns follow the JSON field names; an empty cell means no value, and plan and
    answers documents are compact JSON inside their cell.
    """
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        tables = {"profile": [document["profile"]]} | {s: document[s] for s in SECTIONS}
        for name, rows in tables.items():
            archive.writestr(f"{name}.csv", _csv_text(_COLUMNS[name], rows))
    return buffer.getvalue()


_COLUMNS: dict[str, list[str]] = {
    "profile": ["name", "created_at"],
    "answers": ["id", "created_at", "document"],
    "plans": list(_PlanIn.model_fields),
    "sessions": list(_SessionIn.model_fields),
    "step_events": list(_StepIn.model_fields),
    "exercise_ratings": list(_RatingIn.model_fields),
    "checkins": list(_CheckInIn.model_fields),
}


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return str(value)


def _csv_text(columns: list[str], rows: Sequence[Mapping[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(column)) for column in columns])
    return out.getvalue()
