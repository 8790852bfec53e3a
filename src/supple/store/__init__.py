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
    SchemaOutdatedError,
    StepConflictError,
    StoreError,
)
from supple.store.records import (
    AnswersRecord,
    CheckInRecord,
    DeviceRecord,
    ExerciseRatingRecord,
    PlanRecord,
    PlanView,
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
    "DeviceRecord",
    "ExerciseRatingRecord",
    "ExportFormatError",
    "NotFoundError",
    "PlanRecord",
    "PlanView",
    "ProfileNotEmptyError",
    "ProfileRecord",
    "Rating",
    "SchemaOutdatedError",
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


def open_store(settings: Settings | None = None, *, read_only: bool = False) -> Store:
    """Open the configured database, creating it and upgrading its schema as needed.

    Without ``settings`` the process settings are used (SUPPLE_HOME,
    SUPPLE_DATABASE_URL). Close the store, or use it as a context manager. A
    database that cannot be used (damaged, unreachable, misconfigured, read-only)
    raises ``StoreError`` with a sentence saying how to fix it.

    ``read_only`` is for commands that only read: an older schema is not upgraded but
    refused (``SchemaOutdatedError``, saying how to upgrade), so nothing is written.
    """
    from supple.settings import _default_home, get_settings
    from supple.store.db import create_store_engine, migrate, require_current
    from supple.store.failures import (
        URL_FORMS,
        check_chosen_sqlite_path,
        explain_failure,
        explain_home_failure,
    )

    configured = settings or get_settings()
    url = configured.resolved_database_url
    # Only Supple's own data folder may be tightened; a folder the user chose is theirs.
    own_folder = configured.database_url is None and configured.home == _default_home()
    try:
        if configured.database_url is not None:
            check_chosen_sqlite_path(url)
        engine = create_store_engine(url, own_folder=own_folder)
    except ImportError as error:
        raise StoreError(
            f"SUPPLE_DATABASE_URL needs the Python package {error.name!r}, which is not "
            f"installed; {URL_FORMS}"
        ) from error
    except OSError as error:
        raise explain_home_failure(error, configured.home / "supple.db") from error
    except Exception as error:
        explained = explain_failure(error, url)
        if explained is None:
            raise
        raise explained from error
    try:
        if read_only:
            require_current(engine)
        else:
            migrate(engine)
    except BaseException as error:
        engine.dispose()
        explained = explain_failure(error, url) if isinstance(error, Exception) else None
        if explained is None or explained is error:
            raise
        raise explained from error
    return Store(engine)
