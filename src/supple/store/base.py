"""The store's plumbing: one short transaction per call and the lookups every part needs."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from datetime import datetime
from typing import Any, Self, TypeVar

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session as DbSession
from sqlalchemy.orm import sessionmaker

from supple.store import convert
from supple.store.errors import NotFoundError, StoreError
from supple.store.models import Profile, Session
from supple.store.schema import is_record_id
from supple.store.values import check_profile_name, when

T = TypeVar("T")


class StoreBase:
    """Connection handling shared by the parts of ``Store``."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        # SQLite has one writer at a time, and a writer that finds it busy sleeps in
        # growing steps before retrying; under concurrent web requests those sleeps
        # became the slowest requests. Queueing this process's transactions on a lock
        # instead hands the database over the moment it is free. PostgreSQL needs none.
        self._turn: AbstractContextManager[object] = (
            threading.RLock() if engine.dialect.name == "sqlite" else nullcontext()
        )

    @property
    def url(self) -> str:
        """The database URL with any password hidden, for messages."""
        return self.engine.url.render_as_string(hide_password=True)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[DbSession]:
        """One unit of work, committed on success and rolled back on any error."""
        with self._turn, self._sessions.begin() as db:
            yield db

    # Lookups shared by every part ----------------------------------------------

    def _profile_row(self, db: DbSession, name: str) -> Profile | None:
        return db.scalar(select(Profile).filter_by(name=name))

    def _add_owned(
        self,
        profile: str,
        now: datetime | None,
        build: Callable[[int], Any],
        convert: Callable[[Any, str], T],
    ) -> T:
        """Add one row of an append-only, profile-owned record: ``build`` makes it from
        the owner's id (the profile is created when new), ``convert`` reads it back."""
        with self._transaction() as db:
            owner = self._ensure_profile(db, profile, now)
            row = build(owner.id)
            db.add(row)
            db.flush()
            return convert(row, owner.name)

    def _owned_rows(
        self, model: Any, profile: str, order: Any, convert: Callable[[Any, str], T]
    ) -> list[T]:
        """Every row of an append-only, profile-owned record (``model``), ``order`` then
        id, each converted with its owner's name: no profile yet means no rows."""
        with self._transaction() as db:
            owner = self._profile_row(db, profile)
            if owner is None:
                return []
            query = select(model).filter_by(profile_id=owner.id).order_by(order, model.id)
            return [convert(row, owner.name) for row in db.scalars(query)]

    def _ensure_profile(self, db: DbSession, name: str, now: datetime | None) -> Profile:
        """The named profile, created if it is new.

        Another process may create the same profile between our look and our insert
        (the web app and a command opening a new installation together), so the insert
        skips a name that is already there and the row is read back either way: both
        callers get the one profile, neither gets a unique-key error.
        """
        cleaned = check_profile_name(name)
        row = self._profile_row(db, cleaned)
        if row is not None:
            return row
        values, unique = {"name": cleaned, "created_at": when(now)}, [Profile.name]
        if db.get_bind().dialect.name == "sqlite":
            from sqlalchemy.dialects.sqlite import insert as sqlite_insert

            db.execute(
                sqlite_insert(Profile).values(values).on_conflict_do_nothing(index_elements=unique)
            )
        else:
            from sqlalchemy.dialects.postgresql import insert as postgresql_insert

            db.execute(
                postgresql_insert(Profile)
                .values(values)
                .on_conflict_do_nothing(index_elements=unique)
            )
        return db.scalars(select(Profile).filter_by(name=cleaned)).one()

    def _name(self, db: DbSession, profile_id: int) -> str:
        return db.get_one(Profile, profile_id).name

    def _open_session(self, db: DbSession, session_id: int) -> Session:
        row = db.get(Session, session_id) if is_record_id(session_id) else None
        if row is None:
            raise NotFoundError(f"there is no session {session_id}")
        if row.status != "in_progress":
            raise StoreError(f"session {session_id} is already {row.status}")
        return row

    def _owned(self, model: Any, profile: str, *order: Any, latest: bool = False) -> list[Any]:
        with self._transaction() as db:
            owner = self._profile_row(db, profile)
            if owner is None:
                return []
            keys = [key.desc() for key in (*order, model.id)] if latest else [*order, model.id]
            query = select(model).filter_by(profile_id=owner.id).order_by(*keys)
            if latest:
                query = query.limit(1)
            return [convert.record(row, owner.name) for row in db.scalars(query)]
