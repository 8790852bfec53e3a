"""A long history is turned into session logs once per change, not once per page.

``supple.history.session_logs`` keeps what it read and gives it again while the
database's history version (migration 0014: triggers on sessions, step events and
ratings) is unchanged. These tests make every kind of write, from this store and from
another one on the same database (another worker, the command line), and check that
the next read sees it, on SQLite and PostgreSQL.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, event

from supple import history
from supple.answers import parse_answers
from supple.catalog import default_catalog
from supple.planning import build_plan
from supple.settings import Settings
from supple.store import Store, open_store

T0 = datetime(2026, 3, 2, 23, 30, tzinfo=UTC)
ANSWERS = Path(__file__).parent / "fixtures" / "answers" / "ok.json"


def a_plan() -> dict[str, Any]:
    """A whole plan document (an import checks plans against their routine)."""
    raw = json.loads(ANSWERS.read_text())
    return build_plan(parse_answers(raw), default_catalog(), today=T0.date()).to_dict()


def seeded(store: Store) -> list[int]:
    """Two finished sessions, the first rated 'right', and an unfinished third; then
    the plan's id."""
    plan_id = store.save_plan("me", a_plan(), now=T0)
    ids = []
    for day in range(3):
        ids.append(store.start_session("me", plan_id, 3, now=T0 + timedelta(days=day)))
    for session_id in ids[:2]:
        store.finish_session(session_id, status="completed", pain_after=2)
    store.rate_exercise(ids[0], "clamshell", "right")
    return [*ids, plan_id]


def fresh_logs(store: Store) -> tuple[Any, ...]:
    """The logs as a first read makes them, without anything kept."""
    rows = store.history_rows("me")
    assert rows is not None
    return tuple(history.logs_from_rows(rows))


def _stop(store: Store, ids: list[int]) -> None:
    store.record_step(
        ids[2],
        index=0,
        kind="hold",
        exercise="clamshell",
        side=None,
        planned_seconds=20,
        actual_seconds=4,
        outcome="stopped_for_pain",
        now=T0 + timedelta(days=2, seconds=30),
    )


def _import_replacing(store: Store, ids: list[int]) -> None:
    document = store.export_profile("me")
    document["sessions"] = document["sessions"][:1]
    kept = {session["id"] for session in document["sessions"]}
    for part in ("step_events", "exercise_ratings"):
        document[part] = [row for row in document[part] if row["session_id"] in kept]
    store.import_export(document, replace=True)


WRITES: dict[str, Callable[[Store, list[int]], object]] = {
    "a session begins": lambda store, ids: store.start_session(
        "me", ids[3], 5, now=T0 + timedelta(days=4)
    ),
    "a step stopped for pain": _stop,
    "a first rating": lambda store, ids: store.rate_exercise(ids[1], "clamshell", "hard"),
    "a rating changed": lambda store, ids: store.rate_exercise(ids[0], "clamshell", "painful"),
    "a session finished": lambda store, ids: store.finish_session(
        ids[2], status="quit", pain_after=7
    ),
    "an import replacing the profile": _import_replacing,
}


RECORD_WRITES: dict[str, Callable[[Store], object]] = {
    "a plan saved": lambda store: store.save_plan("me", a_plan(), now=T0 + timedelta(days=5)),
    "answers saved": lambda store: store.save_answers(
        "me", json.loads(ANSWERS.read_text()), now=T0 + timedelta(days=5)
    ),
    "a check-in": lambda store: store.save_checkin(
        "me", week_of=T0.date(), pain=6, enjoyment=5, activity=4
    ),
    "a flare-up": lambda store: store.record_flare_up(
        "me", T0.date() + timedelta(days=1), now=T0 + timedelta(days=1)
    ),
}


@pytest.fixture
def two_stores(database_url: str, tmp_path: Path) -> Iterator[tuple[Store, Store]]:
    """Two stores on one database, as two processes would have."""
    settings = Settings(home=tmp_path, database_url=database_url)
    with open_store(settings) as first, open_store(settings) as second:
        yield first, second


def statements_of(read: Callable[[], object]) -> list[str]:
    issued: list[str] = []

    def keep(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        issued.append(statement)

    event.listen(Engine, "before_cursor_execute", keep)
    try:
        read()
    finally:
        event.remove(Engine, "before_cursor_execute", keep)
    return issued


def test_an_unchanged_history_is_not_read_again(two_stores: tuple[Store, Store]) -> None:
    store, _ = two_stores
    seeded(store)
    first = history.session_logs(store, "me")
    issued = statements_of(lambda: history.session_logs(store, "me"))
    assert history.session_logs(store, "me") is first
    assert not [s for s in issued if "FROM sessions" in s or "FROM step_events" in s], issued
    assert len(issued) == 2, issued  # the profile and its history version


@pytest.mark.parametrize("write", sorted(WRITES))
@pytest.mark.parametrize("writer", ["this store", "another process"])
def test_every_write_to_the_history_is_seen_by_the_next_read(
    two_stores: tuple[Store, Store], write: str, writer: str
) -> None:
    store, other = two_stores
    ids = seeded(store)
    before = history.session_logs(store, "me")
    WRITES[write](store if writer == "this store" else other, ids)
    after = history.session_logs(store, "me")
    assert after == fresh_logs(store)
    assert after != before


@pytest.mark.parametrize("write", sorted(RECORD_WRITES))
@pytest.mark.parametrize("writer", ["this store", "another process"])
def test_every_write_the_next_plan_reads_is_seen_by_the_next_history(
    two_stores: tuple[Store, Store], write: str, writer: str
) -> None:
    store, other = two_stores
    seeded(store)
    before = history.load_history(store, "me")
    assert history.load_history(store, "me") is before  # unchanged: kept
    RECORD_WRITES[write](store if writer == "this store" else other)
    after = history.load_history(store, "me")
    with open_store(Settings(home=Path("/nonexistent"), database_url=_url(other))) as fresh:
        assert after == history.load_history(fresh, "me")
    assert after != before


def _url(store: Store) -> str:
    return store.engine.url.render_as_string(hide_password=False)


def test_a_profile_made_again_under_the_same_name_is_read_afresh(
    two_stores: tuple[Store, Store],
) -> None:
    """Deleting a profile's records and making them again may bring the version back to
    the same number: the profile's id and creation time are part of the key."""
    store, other = two_stores
    seeded(store)
    before = history.session_logs(store, "me")
    document = other.export_profile("me")
    document["profile"]["created_at"] = "2020-01-01T00:00:00+00:00"
    document["sessions"][0]["pain_before"] = 9
    other.import_export(document, replace=True)
    after = history.session_logs(store, "me")
    assert after == fresh_logs(store) and after != before


def test_a_new_time_zone_dates_the_sessions_again(
    two_stores: tuple[Store, Store], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same history read in another time zone puts a late session on another day."""
    store, _ = two_stores
    seeded(store)
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    try:
        in_utc = history.session_logs(store, "me")
        monkeypatch.setenv("TZ", "Asia/Tokyo")
        time.tzset()
        in_tokyo = history.session_logs(store, "me")
    finally:
        monkeypatch.undo()
        time.tzset()
    assert [log.day for log in in_tokyo] == [log.day + timedelta(days=1) for log in in_utc]
    assert os.environ.get("TZ") != "Asia/Tokyo"


def test_a_new_database_has_every_history_trigger(store: Store) -> None:
    """A later migration that rebuilds sessions, step_events or exercise_ratings on SQLite
    drops their triggers; every one must still be there at the newest revision."""
    from importlib import import_module

    from sqlalchemy import text

    made = import_module("supple.store.migrations.versions.0014_history_versions")
    with store.engine.connect() as connection:
        if store.engine.dialect.name == "postgresql":
            query = "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal"
            expected = {made.trigger_name(table, "change") for table in made.TABLES}
        else:
            query = "SELECT name FROM sqlite_master WHERE type = 'trigger'"
            expected = set(made.sqlite_triggers())
        found = {row[0] for row in connection.execute(text(query))}
    assert expected <= found, expected - found


def test_an_unchanged_history_for_the_next_plan_takes_one_short_read(
    two_stores: tuple[Store, Store],
) -> None:
    """With nothing written since, the next plan's history is the one made before,
    after one read of the two parts' keys (the profile and its versions)."""
    store, _ = two_stores
    seeded(store)
    made = history.load_history(store, "me")
    issued = statements_of(lambda: history.load_history(store, "me"))
    assert history.load_history(store, "me") is made
    assert len(issued) == 2, issued


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_database_restored_under_a_running_server_is_not_taken_for_what_it_read(
    two_stores: tuple[Store, Store],
) -> None:
    """A backup copied back page by page skips the triggers. Counted versions would
    then count back up to the number already read, over other rows (found by a
    tester); random ones name one state of the rows, so the next read sees the
    restored history and what was written after it."""
    import sqlite3

    store, _ = two_stores
    ids = seeded(store)
    path = store.engine.url.database
    assert path is not None
    backup = sqlite3.connect(":memory:")
    with sqlite3.connect(path) as live:
        live.backup(backup)
    store.start_session("me", ids[3], 9, now=T0 + timedelta(days=6))  # one write
    assert len(history.session_logs(store, "me")) == 4
    with sqlite3.connect(path) as live:
        backup.backup(live)  # the file is the backup again, triggers never ran
    store.start_session("me", ids[3], 1, now=T0 + timedelta(days=7))  # one write again
    after = history.session_logs(store, "me")
    assert after == fresh_logs(store)
    assert [log.pain_before for log in after][-1] == 1
