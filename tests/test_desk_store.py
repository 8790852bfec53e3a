"""Break settings and checklist answers in the store, and migration 0012, on SQLite and
PostgreSQL (the ``backend`` fixture runs each test on both)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from alembic import command

from supple.desk import default_checklist, parse_break_settings
from supple.desk.checklist import checklist_summary
from supple.store import Store
from supple.store.db import alembic_config, create_store_engine, current_revision
from supple.store.desk import break_settings_of
from supple.store.schema import RecordError
from test_migration_walk import RowMaker, _assert_kept, _snapshot

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
ALL_YES = dict.fromkeys(default_checklist().ids, "yes")


def test_break_settings_are_kept_in_order_and_the_newest_is_in_use(store: Store) -> None:
    assert store.latest_break_settings("me") is None
    first = parse_break_settings(days="weekdays", interval=45, zone="Europe/London")
    later = parse_break_settings(days="mon,wed", start="08:30", end="12:00", interval=30)
    store.save_break_settings("me", first, now=T0)
    store.save_break_settings("me", later, now=T0 + timedelta(days=1))
    history = store.break_settings_history("me")
    assert [(r.days, r.start_time, r.end_time, r.interval_minutes, r.zone) for r in history] == [
        (["mon", "tue", "wed", "thu", "fri"], "09:00", "17:00", 45, "Europe/London"),
        (["mon", "wed"], "08:30", "12:00", 30, None),
    ]
    latest = store.latest_break_settings("me")
    assert latest is not None and latest.created_at == T0 + timedelta(days=1)
    assert break_settings_of(latest) == later
    assert store.latest_break_settings("partner") is None


def test_checklist_answers_are_stored_and_summarised(store: Store) -> None:
    store.save_desk_checklist("me", ALL_YES | {"screen": "no", "feet": "partly"}, now=T0)
    latest = store.latest_desk_checklist("me")
    assert latest is not None and latest.answered_at == T0
    summary = checklist_summary(latest.answered_at, latest.answers)
    assert (summary.in_place, summary.total) == (3, 5)
    assert [line.item.id for line in summary.to_do] == ["screen", "feet"]
    assert summary.to_do[0].answer_words == "Not yet"


@pytest.mark.parametrize(
    ("answers", "words"),
    [
        (ALL_YES | {"chair": "maybe"}, "chair: answer yes, partly or no"),
        ({"chair": "yes"}, "screen: answer yes, partly or no"),
        (ALL_YES | {"desk-height": "yes"}, "desk-height: not an item"),
    ],
)
def test_a_bad_checklist_answering_is_refused_and_nothing_is_written(
    store: Store, answers: dict[str, str], words: str
) -> None:
    with pytest.raises(RecordError, match=words):
        store.save_desk_checklist("me", answers, now=T0)
    assert store.desk_checklists("me") == []
    assert store.find_profile("me") is None


def test_migration_0012_adds_both_tables_and_keeps_every_row_both_ways(database_url: str) -> None:
    engine = create_store_engine(database_url)
    try:
        config = alembic_config(engine)
        command.upgrade(config, "0011")
        rows = RowMaker()
        rows.fill(engine)
        before = _snapshot(engine)
        assert all(found for _, found in before.values()), "every 0011 table has a row"
        command.upgrade(config, "0012")
        assert current_revision(engine) == "0012"
        after = _snapshot(engine)
        _assert_kept(before, after, "0011 -> 0012")
        assert {"break_settings", "desk_checklists"} <= set(after)
        rows.fill(engine)  # now a row in every table, the new ones too
        filled = _snapshot(engine)
        assert filled["break_settings"][1] and filled["desk_checklists"][1]
        with engine.begin() as connection, pytest.raises(sa.exc.IntegrityError):
            # The database itself refuses an interval the scheduler would refuse.
            connection.execute(
                sa.text(
                    "INSERT INTO break_settings (profile_id, created_at, days, start_time,"
                    " end_time, interval_minutes) VALUES"
                    " ((SELECT min(id) FROM profiles), :at, '[\"mon\"]', '09:00', '17:00', 5)"
                ),
                {"at": T0},
            )
        command.downgrade(config, "0011")
        _assert_kept(filled, _snapshot(engine), "0012 -> 0011")
        assert "break_settings" not in sa.inspect(engine).get_table_names()
        command.upgrade(config, "head")
    finally:
        engine.dispose()
