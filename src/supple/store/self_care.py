"""Bad days, the walking goal and walks (issue 17): what the person records between
sessions to look after themselves.

The store keeps only what the person said (the day of a flare-up and its note, the
minutes they walk now and from when, each walk); the routine for a bad day and the
goal's progression are worked out by the core every time (``supple.planning.flare``,
``supple.walking``), so a change to those rules never rewrites anyone's history.
"""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from typing import Annotated

from pydantic import AwareDatetime, Field

from supple.store.base import StoreBase
from supple.store.models import FlareUp, Walk, WalkingGoalSetting
from supple.store.records import _Record
from supple.store.schema import Note, RecordId, Strict, Whole, validated
from supple.store.values import when

FLARE_NOTE_MAX = 500
START_MINUTES_MAX = 120  # the walking_goals check constraint; walking.toml agrees
WALK_MINUTES_MAX = 300  # the walks check constraint; walking.toml agrees

StartMinutes = Annotated[int, Field(strict=True, ge=1, le=START_MINUTES_MAX), Whole]
WalkMinutes = Annotated[int, Field(strict=True, ge=1, le=WALK_MINUTES_MAX), Whole]
FlareNote = Annotated[Note, Field(max_length=FLARE_NOTE_MAX)]


class FlareUpFields(Strict):
    day: date
    note: FlareNote | None = None


class WalkingGoalFields(Strict):
    started_on: date
    start_minutes: StartMinutes | None


class WalkFields(Strict):
    day: date
    minutes: WalkMinutes


class FlareUpRecordIn(FlareUpFields):
    id: RecordId
    recorded_at: AwareDatetime


class WalkingGoalRecordIn(WalkingGoalFields):
    id: RecordId
    set_at: AwareDatetime


class WalkRecordIn(WalkFields):
    id: RecordId
    recorded_at: AwareDatetime


@dataclasses.dataclass(frozen=True, slots=True)
class FlareUpRecord(_Record):
    id: int
    profile: str
    day: date
    recorded_at: datetime
    note: str | None


@dataclasses.dataclass(frozen=True, slots=True)
class WalkingGoalRecord(_Record):
    """``start_minutes`` None: the person turned the goal off on ``started_on``."""

    id: int
    profile: str
    set_at: datetime
    started_on: date
    start_minutes: int | None


@dataclasses.dataclass(frozen=True, slots=True)
class WalkRecord(_Record):
    id: int
    profile: str
    day: date
    minutes: int
    recorded_at: datetime


class SelfCareLog(StoreBase):
    """Flare-ups, walking-goal settings and walks of a profile, oldest first."""

    def record_flare_up(
        self, profile: str, day: date, note: str | None = None, *, now: datetime | None = None
    ) -> FlareUpRecord:
        fields = validated(FlareUpFields, {"day": day, "note": note or None})
        return self._add_owned(
            profile,
            now,
            lambda owner_id: FlareUp(
                profile_id=owner_id, day=fields.day, recorded_at=when(now), note=fields.note
            ),
            _flare,
        )

    def flare_ups(self, profile: str) -> list[FlareUpRecord]:
        return self._owned_rows(FlareUp, profile, FlareUp.day, _flare)

    def set_walking_goal(
        self,
        profile: str,
        started_on: date,
        start_minutes: int | None,
        *,
        now: datetime | None = None,
    ) -> WalkingGoalRecord:
        """Set (or, with None, turn off) the walking goal from ``started_on``."""
        fields = validated(
            WalkingGoalFields, {"started_on": started_on, "start_minutes": start_minutes}
        )
        return self._add_owned(
            profile,
            now,
            lambda owner_id: WalkingGoalSetting(
                profile_id=owner_id,
                set_at=when(now),
                started_on=fields.started_on,
                start_minutes=fields.start_minutes,
            ),
            _goal,
        )

    def walking_goals(self, profile: str) -> list[WalkingGoalRecord]:
        return self._owned_rows(WalkingGoalSetting, profile, WalkingGoalSetting.set_at, _goal)

    def current_walking_goal(self, profile: str) -> WalkingGoalRecord | None:
        """The goal in force: the newest setting, unless it turned the goal off."""
        goals = self.walking_goals(profile)
        return goals[-1] if goals and goals[-1].start_minutes is not None else None

    def log_walk(
        self, profile: str, day: date, minutes: int, *, now: datetime | None = None
    ) -> WalkRecord:
        fields = validated(WalkFields, {"day": day, "minutes": minutes})
        return self._add_owned(
            profile,
            now,
            lambda owner_id: Walk(
                profile_id=owner_id, day=fields.day, minutes=fields.minutes, recorded_at=when(now)
            ),
            _walk,
        )

    def walks(self, profile: str) -> list[WalkRecord]:
        return self._owned_rows(Walk, profile, Walk.day, _walk)


def _flare(row: FlareUp, owner: str) -> FlareUpRecord:
    return FlareUpRecord(row.id, owner, row.day, row.recorded_at, row.note)


def _goal(row: WalkingGoalSetting, owner: str) -> WalkingGoalRecord:
    return WalkingGoalRecord(row.id, owner, row.set_at, row.started_on, row.start_minutes)


def _walk(row: Walk, owner: str) -> WalkRecord:
    return WalkRecord(row.id, owner, row.day, row.minutes, row.recorded_at)
