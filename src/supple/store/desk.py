"""Movement-break settings and desk checklist answers (issue 17), one row per change.

The break settings and the checklist answers are checked by the core's own rules
(``supple.desk``) before they are written, on a save and on an import alike, so the
store never holds a setting the scheduler would refuse. Nothing is overwritten: the
newest row is the one in use, the older ones are the history an export keeps.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from supple.store.base import StoreBase
from supple.store.models import BreakSetting, DeskChecklist
from supple.store.records import BreakSettingsRecord, DeskChecklistRecord
from supple.store.schema import RecordError, RecordId
from supple.store.values import when

if TYPE_CHECKING:
    from supple.desk.breaks import BreakSettings


class BreakSettingsRecordIn(BaseModel):
    """Break settings as an export holds them."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    id: RecordId
    created_at: AwareDatetime = Field(strict=False)
    days: list[str] = Field(min_length=1, max_length=7)
    start_time: str = Field(max_length=5)
    end_time: str = Field(max_length=5)
    interval_minutes: int
    zone: str | None = Field(default=None, max_length=64)


class DeskChecklistRecordIn(BaseModel):
    """A desk checklist answering as an export holds it."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    id: RecordId
    answered_at: AwareDatetime = Field(strict=False)
    answers: dict[str, str] = Field(max_length=6)


# The core's names for a setting -> the record's field names, for messages.
RECORD_FIELDS = {"start": "start_time", "end": "end_time", "interval": "interval_minutes"}


def break_settings_of(record: BreakSettingsRecordIn | BreakSettingsRecord) -> BreakSettings:
    """The core's settings for a stored or imported record (raises ``RecordError``)."""
    from supple.desk.breaks import BreakError, parse_break_settings

    try:
        return parse_break_settings(
            days=",".join(record.days),
            start=record.start_time,
            end=record.end_time,
            interval=record.interval_minutes,
            zone=record.zone,
        )
    except BreakError as error:
        field = RECORD_FIELDS.get(error.what, error.what)
        raise RecordError(f"{field}: {error}") from error


def checked_checklist(answers: Mapping[str, str]) -> dict[str, str]:
    from supple.desk.checklist import ChecklistError, check_checklist_answers

    try:
        return dict(check_checklist_answers(answers))
    except ChecklistError as error:
        raise RecordError(f"answers.{error}") from error


def _break_record(row: BreakSetting, owner: str) -> BreakSettingsRecord:
    return BreakSettingsRecord(
        id=row.id,
        profile=owner,
        created_at=row.created_at,
        days=list(row.days),
        start_time=row.start_time,
        end_time=row.end_time,
        interval_minutes=row.interval_minutes,
        zone=row.zone,
    )


def _checklist_record(row: DeskChecklist, owner: str) -> DeskChecklistRecord:
    return DeskChecklistRecord(
        id=row.id, profile=owner, answered_at=row.answered_at, answers=dict(row.answers)
    )


def break_setting_row(profile_id: int, record: BreakSettingsRecordIn) -> BreakSetting:
    return BreakSetting(profile_id=profile_id, **record.model_dump(exclude={"id"}))


def checklist_row(profile_id: int, record: DeskChecklistRecordIn) -> DeskChecklist:
    return DeskChecklist(profile_id=profile_id, **record.model_dump(exclude={"id"}))


class DeskRecords(StoreBase):
    """Break settings and checklist answers of a profile, oldest first."""

    def save_break_settings(
        self, profile: str, settings: BreakSettings, *, now: datetime | None = None
    ) -> BreakSettingsRecord:
        values = settings.to_dict()
        return self._add_owned(
            profile,
            now,
            lambda owner_id: BreakSetting(
                profile_id=owner_id,
                created_at=when(now),
                days=list(settings.day_codes),
                start_time=str(values["start"]),
                end_time=str(values["end"]),
                interval_minutes=settings.interval_minutes,
                zone=settings.zone,
            ),
            _break_record,
        )

    def break_settings_history(self, profile: str) -> list[BreakSettingsRecord]:
        return self._owned_rows(BreakSetting, profile, BreakSetting.created_at, _break_record)

    def latest_break_settings(self, profile: str) -> BreakSettingsRecord | None:
        found = self.break_settings_history(profile)
        return found[-1] if found else None

    def save_desk_checklist(
        self, profile: str, answers: Mapping[str, str], *, now: datetime | None = None
    ) -> DeskChecklistRecord:
        """Record one answering; every item must be answered yes, partly or no."""
        checked = checked_checklist(answers)
        return self._add_owned(
            profile,
            now,
            lambda owner_id: DeskChecklist(
                profile_id=owner_id, answered_at=when(now), answers=checked
            ),
            _checklist_record,
        )

    def desk_checklists(self, profile: str) -> list[DeskChecklistRecord]:
        order = DeskChecklist.answered_at
        return self._owned_rows(DeskChecklist, profile, order, _checklist_record)

    def latest_desk_checklist(self, profile: str) -> DeskChecklistRecord | None:
        found = self.desk_checklists(profile)
        return found[-1] if found else None


DESK_SECTIONS: Sequence[str] = ("break_settings", "desk_checklists")

__all__ = [
    "DESK_SECTIONS",
    "BreakSettingsRecordIn",
    "DeskChecklistRecordIn",
    "DeskRecords",
    "break_setting_row",
    "break_settings_of",
    "checked_checklist",
    "checklist_row",
]
