"""An export as CSV files in a zip, for spreadsheets (never imported again).

Columns follow the JSON export's field names, so a spreadsheet and the JSON file name
every value the same way; docs/export.md describes both.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import zipfile
from collections.abc import Mapping, Sequence
from typing import Any

from supple.store.exchange import SECTIONS
from supple.store.goals import PsfsRatingRecord, ReviewRecord
from supple.store.records import (
    AnswersRecord,
    BreakSettingsRecord,
    CheckInRecord,
    DeskChecklistRecord,
    ExerciseRatingRecord,
    LessonCompletionRecord,
    PlanRecord,
    SessionRecord,
    StepEventRecord,
)
from supple.store.self_care import FlareUpRecord, WalkingGoalRecord, WalkRecord


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


def _fields(record: type[Any]) -> list[str]:
    return [field.name for field in dataclasses.fields(record) if field.name != "profile"]


# The JSON field names in the order an export writes them.
_COLUMNS: dict[str, list[str]] = {
    "profile": ["name", "created_at"],
    "answers": _fields(AnswersRecord),
    "plans": _fields(PlanRecord),
    "sessions": _fields(SessionRecord),
    "step_events": _fields(StepEventRecord),
    "exercise_ratings": _fields(ExerciseRatingRecord),
    "checkins": [*_fields(CheckInRecord), "score"],
    "lesson_completions": _fields(LessonCompletionRecord),
    "flare_ups": _fields(FlareUpRecord),
    "walking_goals": _fields(WalkingGoalRecord),
    "walks": _fields(WalkRecord),
    "break_settings": _fields(BreakSettingsRecord),
    "desk_checklists": _fields(DeskChecklistRecord),
    "psfs_ratings": [*_fields(PsfsRatingRecord), "score"],
    "outcome_reviews": _fields(ReviewRecord),
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
