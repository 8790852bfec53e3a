"""Exports a person can keep or move, and imports that restore them exactly.

The JSON export (format ``supple-export``, version 3; older versions are upgraded on
read by ``export_versions``) is one document holding the
profile and a flat list per record type. Ids are those of the exporting database;
references between records (a plan's ``answers_id``, a step's ``session_id``) use
them, and an import renumbers everything consistently, so a file can be imported
into a database that already holds other profiles. docs/export.md describes both
formats; the CSV form is for spreadsheets and is not imported.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from pydantic import AwareDatetime, BaseModel, ConfigDict, ValidationError
from sqlalchemy import delete, select

from supple.store.desk import (
    BreakSettingsRecordIn,
    DeskChecklistRecordIn,
    break_setting_row,
    break_settings_of,
    checked_checklist,
    checklist_row,
)
from supple.store.errors import ExportFormatError, ProfileNotEmptyError
from supple.store.export_versions import CURRENT_VERSION, upgraded
from supple.store.goals import PsfsRatingRecordIn, ReviewRecordIn, checked_psfs_items
from supple.store.models import (
    BreakSetting,
    CheckIn,
    DeskChecklist,
    ExerciseRating,
    FlareUp,
    LessonCompletion,
    OutcomeReview,
    Plan,
    Profile,
    PsfsRating,
    SavedAnswers,
    Session,
    StepEvent,
    Walk,
    WalkingGoalSetting,
)
from supple.store.schema import (
    AnswersRecordIn,
    CheckInRecordIn,
    LessonCompletionRecordIn,
    PlanRecordIn,
    ProfileRecordIn,
    RatingRecordIn,
    RecordError,
    SessionRecordIn,
    StepRecordIn,
    check_record_date,
    check_session_times,
    check_step_position,
    check_week_of,
    problems,
)
from supple.store.self_care import FlareUpRecordIn, WalkingGoalRecordIn, WalkRecordIn
from supple.store.values import plan_columns
from supple.timeline import Step, build_timeline

if TYPE_CHECKING:
    from sqlalchemy.orm import Session as DbSession

    from supple.catalog import Catalog
    from supple.store.repository import Store

FORMAT = "supple-export"
VERSION = CURRENT_VERSION
# Record lists in the order they are written (each refers only to earlier ones).
SECTIONS = (
    "answers",
    "plans",
    "sessions",
    "step_events",
    "exercise_ratings",
    "checkins",
    "lesson_completions",
    "flare_ups",
    "walking_goals",
    "walks",
    "break_settings",
    "desk_checklists",
    "psfs_ratings",
    "outcome_reviews",
)

_Row = TypeVar("_Row")
# The models a profile owns directly; and the order their rows are deleted in (a
# session before the plan it follows, a plan before the answers it was made from).
OWNED: tuple[Any, ...] = (
    SavedAnswers,
    Plan,
    Session,
    CheckIn,
    LessonCompletion,
    FlareUp,
    WalkingGoalSetting,
    Walk,
    BreakSetting,
    DeskChecklist,
    PsfsRating,
    OutcomeReview,
)
_DELETE_ORDER: tuple[Any, ...] = (Session, Plan, SavedAnswers, *OWNED[3:])


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
        "lesson_completions": store.lesson_completions(profile),
        "flare_ups": store.flare_ups(profile),
        "walking_goals": store.walking_goals(profile),
        "walks": store.walks(profile),
        "break_settings": store.break_settings_history(profile),
        "desk_checklists": store.desk_checklists(profile),
        "psfs_ratings": store.psfs_ratings(profile),
        "outcome_reviews": store.outcome_reviews(profile),
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


class ExportDocument(BaseModel):
    """A validated export, ready to be written: every record checked against the schema."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    format: Literal["supple-export"]
    version: Literal[3]
    exported_at: AwareDatetime
    profile: ProfileRecordIn
    answers: list[AnswersRecordIn] = []
    plans: list[PlanRecordIn] = []
    sessions: list[SessionRecordIn] = []
    step_events: list[StepRecordIn] = []
    exercise_ratings: list[RatingRecordIn] = []
    checkins: list[CheckInRecordIn] = []
    lesson_completions: list[LessonCompletionRecordIn] = []
    flare_ups: list[FlareUpRecordIn] = []
    walking_goals: list[WalkingGoalRecordIn] = []
    walks: list[WalkRecordIn] = []
    break_settings: list[BreakSettingsRecordIn] = []
    desk_checklists: list[DeskChecklistRecordIn] = []
    psfs_ratings: list[PsfsRatingRecordIn] = []
    outcome_reviews: list[ReviewRecordIn] = []


def parse_export(
    document: Any, catalog: Catalog | None = None, *, today: date | None = None
) -> ExportDocument:
    """Validate an export completely before anything is written.

    Every record is checked against the one record schema (``supple.store.schema``),
    every reference must point at a record in the file, plans must be playable with
    ``catalog`` (the packaged one by default) and each step must be the step of its
    session's timeline; no record is dated after ``today`` (the shell's day, by default
    the computer's) beyond a day's clock skew, or before 2000. Raises ExportFormatError
    naming the record and field (up to five problems for field errors, the first
    otherwise).
    """
    if not isinstance(document, Mapping):
        raise ExportFormatError("an export is a JSON object; this file holds something else")
    if document.get("format") != FORMAT:
        raise ExportFormatError(f"this is not a Supple export (its 'format' is not {FORMAT!r})")
    try:
        parsed = ExportDocument.model_validate(upgraded(document))
    except ValidationError as error:
        raise ExportFormatError(problems(error)) from error
    _check_references(parsed)
    if catalog is None:
        from supple.catalog import default_catalog

        catalog = default_catalog()
    try:
        _check_dates(parsed, today or date.today())
        _check_content(parsed, catalog)
    except RecordError as error:
        raise ExportFormatError(str(error)) from error
    return parsed


def _check_references(parsed: ExportDocument) -> None:
    def ids(section: str) -> set[int]:
        records = getattr(parsed, section)
        found = {record.id for record in records}
        if len(found) != len(records):
            raise ExportFormatError(f"{section}: two records share an id")
        return found

    answers, plans, sessions = ids("answers"), ids("plans"), ids("sessions")
    for section in SECTIONS[3:]:
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


def _check_content(parsed: ExportDocument, catalog: Catalog) -> None:
    """The checks that need more than one record: answers against the one answers
    reader, plans against the catalog, sessions' times, steps against their session's
    timeline, ratings against the catalog."""
    for position, answers in enumerate(parsed.answers):
        check_answers_document(answers.document, f"answers[{position}].document")
    timelines: dict[int, tuple[Step, ...] | None] = {}
    for position, plan in enumerate(parsed.plans):
        timelines[plan.id] = plan_steps(plan, catalog, f"plans[{position}]")
    plan_of: dict[int, int] = {}
    for position, session in enumerate(parsed.sessions):
        check_session_times(session, f"sessions[{position}]")
        plan_of[session.id] = session.plan_id
    seen: set[tuple[int, int]] = set()
    for position, step in enumerate(parsed.step_events):
        where = f"step_events[{position}]"
        timeline = timelines[plan_of[step.session_id]]
        if timeline is None:
            raise RecordError(f"{where}: the plan of session {step.session_id} has no routine")
        check_step_position(step, timeline, where)
        if (step.session_id, step.index) in seen:
            raise RecordError(
                f"{where}.index: step {step.index} of session {step.session_id} appears twice"
            )
        seen.add((step.session_id, step.index))
    for position, rating in enumerate(parsed.exercise_ratings):
        if rating.exercise not in catalog.exercises:
            raise RecordError(
                f"exercise_ratings[{position}].exercise: '{rating.exercise}' is not in the catalog"
            )
    check_lesson_answers(parsed.lesson_completions)
    for position, setting in enumerate(parsed.break_settings):
        try:
            break_settings_of(setting)
        except RecordError as error:
            raise RecordError(f"break_settings[{position}].{error}") from error
    for position, answering in enumerate(parsed.desk_checklists):
        try:
            checked_checklist(answering.answers)
        except RecordError as error:
            raise RecordError(f"desk_checklists[{position}].{error}") from error
    for position, goals in enumerate(parsed.psfs_ratings):
        checked_psfs_items(
            [item.model_dump() for item in goals.items], f"psfs_ratings[{position}].items"
        )


def _check_dates(parsed: ExportDocument, today: date) -> None:
    """Every date and time in the file, in file order, against ``today``."""
    check_record_date(parsed.profile.created_at, today, "profile.created_at")
    fields = {
        "answers": ("created_at",),
        "plans": ("created_at",),
        "sessions": ("started_at", "ended_at"),
        "step_events": ("at",),
        "checkins": ("created_at",),
        "lesson_completions": ("completed_at",),
        "flare_ups": ("day", "recorded_at"),
        "walking_goals": ("set_at", "started_on"),
        "walks": ("day", "recorded_at"),
        "break_settings": ("created_at",),
        "desk_checklists": ("answered_at",),
        "psfs_ratings": ("rated_at",),
        "outcome_reviews": ("reviewed_at",),
    }
    for section, names in fields.items():
        for position, record in enumerate(getattr(parsed, section)):
            for name in names:
                value = getattr(record, name)
                if value is not None:
                    check_record_date(value, today, f"{section}[{position}].{name}")
    for position, checkin in enumerate(parsed.checkins):
        check_week_of(checkin.week_of, today, f"checkins[{position}].week_of")


def check_lesson_answers(completions: Sequence[LessonCompletionRecordIn]) -> None:
    """Each answered check names a lesson of the course and fits its questions."""
    from supple.learning import CheckAnswerError, default_course, mark_check

    course = default_course()
    for position, done in enumerate(completions):
        where = f"lesson_completions[{position}]"
        lesson = course.get(done.lesson_id)
        if lesson is None:
            raise RecordError(f"{where}.lesson_id: '{done.lesson_id}' is not a lesson")
        try:
            mark_check(lesson, done.answers)
        except CheckAnswerError as error:
            raise RecordError(f"{where}.answers: {error}") from error


def check_answers_document(document: dict[str, Any], where: str) -> None:
    """Refuse a stored answers document the app itself would refuse to read. Version-1
    documents (which upgrade) and incomplete version-2 ones (with ``unanswered``) pass,
    as the app reads both."""
    from supple.answers import AnswersError, read_answers

    try:
        read_answers(document)
    except AnswersError as error:
        shown = "; ".join(f"{where}.{problem}" for problem in error.problems[:5])
        raise RecordError(shown) from error


def plan_steps(plan: PlanRecordIn, catalog: Catalog, where: str) -> tuple[Step, ...] | None:
    """The timeline of a plan record (None when the screen withheld its routine), after
    checking the routine and that the plan's columns agree with its document."""
    from supple.planning import RoutineError, routine_from_dict

    columns = plan_columns(plan.document)
    for field, value in zip(
        ("level", "minutes_requested", "estimated_seconds"), columns, strict=True
    ):
        if getattr(plan, field) != value:
            raise RecordError(f"{where}.{field}: does not match the plan's document ({value})")
    document = plan.document
    routine = document.get("routine") if "routine" in document else document
    if routine is None or "items" not in routine:
        return None
    try:
        return build_timeline(routine_from_dict(routine, catalog), catalog).steps
    except RoutineError as error:
        raise RecordError(f"{where}.document: {error}") from error


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
    for done in parsed.lesson_completions:
        fields = done.model_dump(exclude={"id"})
        _insert(db, LessonCompletion(profile_id=owner.id, **fields))
    for flare in parsed.flare_ups:
        _insert(db, FlareUp(profile_id=owner.id, **flare.model_dump(exclude={"id"})))
    for goal in parsed.walking_goals:
        _insert(db, WalkingGoalSetting(profile_id=owner.id, **goal.model_dump(exclude={"id"})))
    for walk in parsed.walks:
        _insert(db, Walk(profile_id=owner.id, **walk.model_dump(exclude={"id"})))
    for setting in parsed.break_settings:
        _insert(db, break_setting_row(owner.id, setting))
    for answering in parsed.desk_checklists:
        _insert(db, checklist_row(owner.id, answering))
    for goals in parsed.psfs_ratings:
        items = checked_psfs_items([item.model_dump() for item in goals.items])
        _insert(db, PsfsRating(profile_id=owner.id, rated_at=goals.rated_at, items=items))
    for review in parsed.outcome_reviews:
        _insert(db, OutcomeReview(profile_id=owner.id, **review.model_dump(exclude={"id"})))
    return {section: len(getattr(parsed, section)) for section in SECTIONS}


def _insert(db: DbSession, row: _Row) -> _Row:
    db.add(row)
    db.flush()
    return row


def _owns_anything(db: DbSession, profile_id: int) -> bool:
    return any(
        db.scalar(select(model.id).filter_by(profile_id=profile_id).limit(1)) is not None
        for model in OWNED
    )


def _delete_records(db: DbSession, profile_id: int) -> None:
    """Remove a profile's records, children first, so no foreign key is ever broken."""
    sessions = select(Session.id).filter_by(profile_id=profile_id)
    db.execute(delete(StepEvent).where(StepEvent.session_id.in_(sessions)))
    db.execute(delete(ExerciseRating).where(ExerciseRating.session_id.in_(sessions)))
    for model in _DELETE_ORDER:
        db.execute(delete(model).where(model.profile_id == profile_id))
