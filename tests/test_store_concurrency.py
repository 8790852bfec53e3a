"""Several processes on one new database at once: the web app and a command started
together, or two terminals. Each has its own engine, so nothing in-process orders them.

The race is forced rather than hoped for: each store pauses just before inserting the
profile until every other one has looked for it too and found nothing, which is the
interleaving that made opening a new installation fail now and then.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import event

from supple.settings import Settings
from supple.store import ProfileRecord, Store, open_store

RACERS = 3


def pause_before_profile_insert(store: Store, everyone_looked: threading.Barrier) -> None:
    """Hold this store's first INSERT into ``profiles`` until every racer reaches its own."""

    waited = threading.Event()

    def before(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if not waited.is_set() and statement.lstrip().upper().startswith("INSERT INTO PROFILES"):
            waited.set()
            everyone_looked.wait()

    event.listen(store.engine, "before_cursor_execute", before)


def race(stores: list[Store], call: Callable[[Store], ProfileRecord]) -> list[object]:
    results: list[object] = [None] * len(stores)

    def run(index: int) -> None:
        try:
            results[index] = call(stores[index])
        except Exception as error:  # the failure is the finding: keep it for the assert
            results[index] = error

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(stores))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_stores_creating_the_same_profile_at_once_all_get_it(
    database_url: str, tmp_path: Path
) -> None:
    settings = Settings(home=tmp_path, database_url=database_url)
    stores = [open_store(settings) for _ in range(RACERS)]
    try:
        everyone_looked = threading.Barrier(RACERS, timeout=30)
        for store in stores:
            pause_before_profile_insert(store, everyone_looked)
        results = race(stores, lambda store: store.get_or_create_profile("default"))
        errors = [r for r in results if not isinstance(r, ProfileRecord)]
        assert not errors, errors
        assert len({r.id for r in results if isinstance(r, ProfileRecord)}) == 1
        assert [p.name for p in stores[0].profiles()] == ["default"]
    finally:
        for store in stores:
            store.close()


def test_a_session_started_while_another_store_creates_the_profile_is_kept(
    database_url: str, tmp_path: Path
) -> None:
    """Every write that creates its profile on the way (answers, check-ins) takes the
    same path, so it too survives the race."""
    settings = Settings(home=tmp_path, database_url=database_url)
    stores = [open_store(settings) for _ in range(2)]
    try:
        everyone_looked = threading.Barrier(2, timeout=30)
        for store in stores:
            pause_before_profile_insert(store, everyone_looked)

        def save_then_read(store: Store) -> ProfileRecord:
            store.save_answers("default", {"pain": {"intensity": 3}})
            found = store.find_profile("default")
            assert found is not None
            return found

        results = race(stores, save_then_read)
        assert all(isinstance(r, ProfileRecord) for r in results), results
        assert len(stores[0].saved_answers("default")) == 2
    finally:
        for store in stores:
            store.close()
