"""The store's typed API: the only way the CLI and the web app read or write records.

Each method runs in its own short transaction and returns plain records, so callers
never hold a database session. Sessions, steps, ratings and check-ins live in
``sessions.SessionLog``; this module adds profiles, answers, plans and exchange.

Times default to now (UTC) because the store is a shell; tests pass ``now`` to get
exact, repeatable values.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session as DbSession

from supple.store import convert
from supple.store.desk import DeskRecords
from supple.store.devices import DeviceRegistry
from supple.store.errors import NotFoundError
from supple.store.exchange import OWNED
from supple.store.goals import GoalRatings
from supple.store.history_rows import HistoryReads
from supple.store.lessons import LessonProgress
from supple.store.models import Plan, Profile, SavedAnswers, Session
from supple.store.outcomes import ScreenOutcomeLog
from supple.store.pain_stop_marks import PainStopMarks
from supple.store.records import (
    AnswersRecord,
    PlanRecord,
    PlanView,
    ProfileRecord,
    SessionRecord,
)
from supple.store.schema import is_record_id
from supple.store.self_care import SelfCareLog
from supple.store.sessions import SessionLog
from supple.store.values import check_profile_name, normalise_document, plan_columns, when


class Store(
    SessionLog,
    HistoryReads,
    DeviceRegistry,
    ScreenOutcomeLog,
    LessonProgress,
    PainStopMarks,
    SelfCareLog,
    DeskRecords,
    GoalRatings,
):
    """Everything Supple remembers, for every profile in one database."""

    # Profiles ----------------------------------------------------------------------

    def profiles(self) -> list[ProfileRecord]:
        with self._transaction() as db:
            rows = db.scalars(select(Profile).order_by(Profile.id))
            return [convert.profile(row) for row in rows]

    def find_profile(self, name: str) -> ProfileRecord | None:
        with self._transaction() as db:
            row = self._profile_row(db, name)
            return None if row is None else convert.profile(row)

    def get_or_create_profile(self, name: str, *, now: datetime | None = None) -> ProfileRecord:
        with self._transaction() as db:
            return convert.profile(self._ensure_profile(db, name, now))

    def has_records(self, profile: str) -> bool:
        """Whether the profile holds anything an import would overwrite."""
        with self._transaction() as db:
            row = self._profile_row(db, profile)
            if row is None:
                return False
            return any(
                db.scalar(select(func.count()).select_from(model).filter_by(profile_id=row.id))
                for model in OWNED
            )

    # Answers and plans -----------------------------------------------------------

    def save_answers(
        self, profile: str, document: Mapping[str, Any], *, now: datetime | None = None
    ) -> int:
        stored = normalise_document(document)
        with self._transaction() as db:
            return self._add_answers(db, self._ensure_profile(db, profile, now), stored, now)

    def save_answers_and_plan(
        self,
        profile: str,
        answers: Mapping[str, Any],
        plan: Mapping[str, Any],
        *,
        now: datetime | None = None,
    ) -> tuple[int, int]:
        """Keep a set of answers and the plan made from them in one transaction: one
        commit (one fsync on SQLite) instead of two, and never one without the other."""
        stored_answers, stored_plan = normalise_document(answers), normalise_document(plan)
        with self._transaction() as db:
            owner = self._ensure_profile(db, profile, now)
            answers_id = self._add_answers(db, owner, stored_answers, now)
            return answers_id, self._add_plan(db, owner, stored_plan, answers_id, now)

    def _add_answers(
        self, db: DbSession, owner: Profile, stored: dict[str, Any], now: datetime | None
    ) -> int:
        row = SavedAnswers(profile_id=owner.id, created_at=when(now), document=stored)
        db.add(row)
        db.flush()
        return row.id

    def get_answers(self, answers_id: int) -> AnswersRecord | None:
        if not is_record_id(answers_id):
            return None
        with self._transaction() as db:
            row = db.get(SavedAnswers, answers_id)
            return None if row is None else convert.answers(row, self._name(db, row.profile_id))

    def saved_answers(self, profile: str) -> list[AnswersRecord]:
        """Every set of answers the profile saved, oldest first."""
        return self._owned(SavedAnswers, profile, SavedAnswers.created_at)

    def latest_answers(self, profile: str) -> AnswersRecord | None:
        rows = self._owned(SavedAnswers, profile, SavedAnswers.created_at, latest=True)
        return rows[0] if rows else None

    def save_plan(
        self,
        profile: str,
        document: Mapping[str, Any],
        answers_id: int | None = None,
        *,
        now: datetime | None = None,
    ) -> int:
        stored = normalise_document(document)
        with self._transaction() as db:
            owner = self._ensure_profile(db, profile, now)
            if answers_id is not None:
                answers = db.get(SavedAnswers, answers_id) if is_record_id(answers_id) else None
                if answers is None or answers.profile_id != owner.id:
                    raise NotFoundError(f"profile {profile!r} has no saved answers {answers_id}")
            return self._add_plan(db, owner, stored, answers_id, now)

    def _add_plan(
        self,
        db: DbSession,
        owner: Profile,
        stored: dict[str, Any],
        answers_id: int | None,
        now: datetime | None,
    ) -> int:
        level, minutes, estimate = plan_columns(stored)
        row = Plan(
            profile_id=owner.id,
            answers_id=answers_id,
            created_at=when(now),
            level=level,
            minutes_requested=minutes,
            estimated_seconds=estimate,
            document=stored,
        )
        db.add(row)
        db.flush()
        return row.id

    def get_plan(self, plan_id: int) -> PlanRecord | None:
        if not is_record_id(plan_id):
            return None
        with self._transaction() as db:
            row = db.get(Plan, plan_id)
            return None if row is None else convert.plan(row, self._name(db, row.profile_id))

    def plan_view(self, plan_id: int, profile: str) -> PlanView | None:
        """The profile's plan with its answers, its latest unfinished session, the
        warning that outweighs it (``standing_outcome``) and the newest plan's id, or
        None.

        What the plan page shows, read in one transaction with one query per part: the
        cost stays the same however many sessions the history holds. Another profile's
        plan is as absent as a missing one.
        """
        if not is_record_id(plan_id):
            return None
        with self._transaction() as db:
            row = db.get(Plan, plan_id)
            owner = self._profile_row(db, profile)
            if row is None or owner is None or row.profile_id != owner.id:
                return None
            answers = db.get(SavedAnswers, row.answers_id) if row.answers_id else None
            waiting = _latest_if_unfinished(db, owner.id)
            if waiting is not None and waiting.plan_id != plan_id:
                waiting = None
            # The same order as ``latest_plan``: the newest plan is the current one.
            newest = db.scalar(
                select(Plan.id)
                .filter_by(profile_id=owner.id)
                .order_by(Plan.created_at.desc(), Plan.id.desc())
                .limit(1)
            )
            return PlanView(
                plan=convert.plan(row, owner.name),
                answers=None if answers is None else convert.answers(answers, owner.name),
                unfinished=None if waiting is None else convert.session(waiting, owner.name),
                warning=self._standing_outcome(db, owner),
                latest_plan_id=plan_id if newest is None else newest,
            )

    def latest_unfinished_session(self, profile: str) -> SessionRecord | None:
        """The profile's latest session, if it is still under way, whatever plan it
        began with: a living plan may have been rebuilt since (a pain stop in that very
        session), and the session must still be continued or rated, not silently
        orphaned. A session left unfinished before a later one began is not offered: it
        was set aside (t13c F1: home offered to carry on an abandoned session of an
        earlier plan after a newer session had ended)."""
        with self._transaction() as db:
            owner = self._profile_row(db, profile)
            if owner is None:
                return None
            waiting = _latest_if_unfinished(db, owner.id)
            return None if waiting is None else convert.session(waiting, owner.name)

    def latest_plan(self, profile: str) -> PlanRecord | None:
        rows = self._owned(Plan, profile, Plan.created_at, latest=True)
        return rows[0] if rows else None

    def plans(self, profile: str) -> list[PlanRecord]:
        return self._owned(Plan, profile, Plan.created_at)

    # Export and import -------------------------------------------------------------

    def export_profile(self, profile: str, *, now: datetime | None = None) -> dict[str, Any]:
        """Everything the profile has recorded, as one JSON-ready document."""
        from supple.store.exchange import build_export

        return build_export(self, profile, when(now))

    def import_export(
        self, document: Mapping[str, Any], *, profile: str | None = None, replace: bool = False
    ) -> dict[str, int]:
        """Restore an export in one transaction; returns how many records of each kind.

        Raises ExportFormatError for a malformed document and ProfileNotEmptyError
        when the profile already holds records and ``replace`` is false; in both
        cases nothing is written.
        """
        from supple.store.exchange import parse_export, write_import

        parsed = parse_export(document)
        target = check_profile_name(profile or parsed.profile.name)
        with self._transaction() as db:
            return write_import(db, parsed, profile=target, replace=replace)


def _latest_if_unfinished(db: DbSession, profile_id: int) -> Session | None:
    """The profile's latest session when it is still under way: the one to resume."""
    latest = db.scalar(
        select(Session)
        .filter_by(profile_id=profile_id)
        .order_by(Session.started_at.desc(), Session.id.desc())
        .limit(1)
    )
    return latest if latest is not None and latest.status == "in_progress" else None
