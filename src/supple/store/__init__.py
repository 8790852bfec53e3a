"""Persistence: everything Supple remembers about the people using it.

``open_store()`` gives a ``Store`` whose methods take and return plain values and
frozen records; no ORM object or database session ever leaves this package.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from supple.store.errors import (
    ExportFormatError,
    NotFoundError,
    ProfileNotEmptyError,
    StepConflictError,
    StoreError,
)
from supple.store.records import (
    AnswersRecord,
    CheckInRecord,
    ExerciseRatingRecord,
    PlanRecord,
    ProfileRecord,
    Rating,
    SessionRecord,
    SessionStatus,
    StepEventRecord,
    StepKind,
    StepOutcome,
)
from supple.store.repository import Store

if TYPE_CHECKING:
    from supple.settings import Settings

__all__ = [
    "AnswersRecord",
    "CheckInRecord",
    "ExerciseRatingRecord",
    "ExportFormatError",
    "NotFoundError",
    "PlanRecord",
    "ProfileNotEmptyError",
    "ProfileRecord",
    "Rating",
    "SessionRecord",
    "SessionStatus",
    "StepConflictError",
    "StepEventRecord",
    "StepKind",
    "StepOutcome",
    "Store",
    "StoreError",
    "open_store",
]


def open_store(settings: Settings | None = None) -> Store:
    """Open the configured database, creating it and upgrading its schema as needed.

    Without ``settings`` the process settings are used (SUPPLE_HOME,
    SUPPLE_DATABASE_URL). Close the store, or use it as a context manager.
    """
    from supple.settings import get_settings
    from supple.store.db import create_store_engine, migrate

    url = (settings or get_settings()).resolved_database_url
    engine = create_store_engine(url)
    try:
        migrate(engine)
    except BaseException:
        engine.dispose()
        raise
    return Store(engine)
