"""Pain stops not yet followed: the mark the player writes when "Sharp pain" is pressed.

One mark per session, replaced by the next stop or the easing answer; whether it is
still open is the core's call (``supple.player.open_stop.stop_left_open``), from the
mark and how many steps the session has recorded.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select

from supple.player.open_stop import PainStopMark
from supple.store.base import StoreBase
from supple.store.errors import NotFoundError
from supple.store.models import PainStopMark as MarkRow
from supple.store.models import StepEvent
from supple.store.schema import is_record_id
from supple.store.values import when


class PainStopMarks(StoreBase):
    """The part of ``Store`` that keeps each session's latest pain stop."""

    def mark_pain_stop(
        self, session_id: int, index: int, easing: bool | None, *, now: datetime | None = None
    ) -> None:
        """Remember a pain stop at step ``index`` of an open session, and the answer so far."""
        if not is_record_id(session_id):
            raise NotFoundError(f"there is no session {session_id}")
        if not 0 <= index < 100_000:
            raise ValueError(f"index: a step number from 0, not {index}")
        with self._transaction() as db:
            self._open_session(db, session_id)
            recorded = db.scalar(
                select(func.count()).select_from(StepEvent).filter_by(session_id=session_id)
            )
            row = db.scalar(select(MarkRow).filter_by(session_id=session_id))
            if row is None:
                row = MarkRow(session_id=session_id)
                db.add(row)
            row.index = index
            row.easing = easing
            row.events_before = int(recorded or 0)
            row.at = when(now)

    def pain_stop_mark(self, session_id: int) -> PainStopMark | None:
        """The session's latest pain stop, settled or not (None: never stopped)."""
        if not is_record_id(session_id):
            return None
        with self._transaction() as db:
            row = db.scalar(select(MarkRow).filter_by(session_id=session_id))
            if row is None:
                return None
            return PainStopMark(row.index, row.easing, row.events_before)
