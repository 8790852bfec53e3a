"""``supple export`` / ``supple import``: everything out, everything back, bad files refused."""

from __future__ import annotations

import copy
import csv
import io
import json
import os
import zipfile
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from supple.answers import parse_answers
from supple.catalog import default_catalog
from supple.cli import cli
from supple.desk import default_checklist, parse_break_settings
from supple.planning import build_plan, routine_from_dict
from supple.settings import Settings, get_settings
from supple.store import ExportFormatError, open_store
from supple.store.export_versions import NEW_IN_3
from supple.timeline import Step, build_timeline

T0 = datetime(2026, 2, 2, 18, 0, tzinfo=UTC)
ANSWERS = Path(__file__).parent / "fixtures" / "answers" / "ok.json"


def _real_plan() -> tuple[dict[str, Any], list[Step]]:
    """A plan the planner made, and its timeline: import checks steps against it."""
    catalog = default_catalog()
    answers = parse_answers(json.loads(ANSWERS.read_text()))
    plan = build_plan(answers, catalog, minutes=8, today=T0.date())
    document = plan.to_dict()
    steps = build_timeline(routine_from_dict(document["routine"], catalog), catalog).steps
    return document, list(steps)


PLAN, STEPS = _real_plan()
SECTIONS = (
    "answers",
    "plans",
    "sessions",
    "step_events",
    "exercise_ratings",
    "checkins",
    "lesson_completions",
    "flare_ups",
    "walking_goals",
    "walks",
    "break_settings",
    "desk_checklists",
    "psfs_ratings",
    "outcome_reviews",
)

runner = CliRunner()
Installation = Callable[[], None]


@pytest.fixture
def fresh_installation(
    backend: str,
    new_database_url: Callable[[], str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> Installation:
    """Point SUPPLE_* at a new, empty installation (a new SUPPLE_HOME, or a new database)."""
    count = iter(range(1, 100))

    def switch() -> None:
        home = tmp_path / f"installation-{next(count)}"
        monkeypatch.setenv("SUPPLE_HOME", str(home))
        if backend == "postgres":
            monkeypatch.setenv("SUPPLE_DATABASE_URL", new_database_url())
        get_settings.cache_clear()

    switch()
    return switch


def supple(*args: str) -> Result:
    return runner.invoke(cli, list(args))


def _answers(*, age: int) -> dict[str, Any]:
    """A real answers document (the one the app saves), with ``age`` as given."""
    document: dict[str, Any] = json.loads(ANSWERS.read_text())
    document["about"]["age"] = age
    return document


def record_history(settings: Settings | None = None) -> None:
    """Two profiles with every kind of record, through the same API the app uses."""
    with open_store(settings) as store:
        for offset, profile in enumerate(("me", "partner")):
            start = T0 + timedelta(days=offset)
            first = store.save_answers(profile, _answers(age=50 + offset), now=start)
            store.save_answers(profile, _answers(age=51), now=start)
            plan = store.save_plan(profile, PLAN, first, now=start + timedelta(minutes=1))
            store.save_plan(profile, {"routine": None}, now=start + timedelta(minutes=2))
            for number, status in enumerate(("completed", "quit", "in_progress")):
                began = start + timedelta(days=number, minutes=5)
                session = store.start_session(profile, plan, 3 + number, now=began)
                for index, planned in enumerate(STEPS[:3]):
                    store.record_step(
                        session,
                        index=index,
                        kind=planned.kind,
                        exercise=planned.exercise,
                        side=planned.side,
                        planned_seconds=planned.seconds,
                        actual_seconds=29.875 + index,
                        outcome="stopped_for_pain" if (number, index) == (1, 2) else "done",
                        now=began + timedelta(seconds=30 * (index + 1)),
                    )
                if status != "in_progress":
                    store.rate_exercise(session, "clamshell", "hard" if number else "right")
                    store.rate_exercise(session, "bird-dog", "easy")
                    store.finish_session(
                        session,
                        status=status,  # type: ignore[arg-type]
                        pain_after=2 if status == "completed" else None,
                        note="knee felt odd" if number else None,
                        now=began + timedelta(minutes=12),
                    )
            for week in range(2):
                store.save_checkin(
                    profile,
                    week_of=date(2026, 2, 2) + timedelta(weeks=week),
                    pain=6 - week,
                    enjoyment=5,
                    activity=4 + week,
                    now=start + timedelta(weeks=week),
                )
            store.complete_lesson(profile, "how-pain-works", [1, 0], now=start + timedelta(hours=1))
            if offset == 0:
                store.complete_lesson(profile, "when-to-get-help", [0, 0], now=start)
                store.record_flare_up(profile, start.date(), "after gardening", now=start)
                store.record_flare_up(profile, start.date() + timedelta(days=2), now=start)
                store.set_walking_goal(profile, start.date(), 10, now=start)
                store.set_walking_goal(profile, start.date(), None, now=start + timedelta(days=1))
                store.set_walking_goal(profile, start.date(), 12, now=start + timedelta(days=2))
                for day, minutes in ((0, 10), (0, 5), (1, 12)):
                    store.log_walk(profile, start.date() + timedelta(days=day), minutes, now=start)
                for every in (45, 30):
                    settings = parse_break_settings(interval=every, zone="Europe/London")
                    store.save_break_settings(
                        profile, settings, now=start + timedelta(minutes=every)
                    )
                answers = dict.fromkeys(default_checklist().ids, "yes") | {"screen": "partly"}
                store.save_desk_checklist(profile, answers, now=start + timedelta(hours=2))
            goals = [("Tying my shoes", 3), ("Sitting through a film", 5 + offset)]
            for week in (0, 4):
                items = [{"activity": a, "score": s + week // 2} for a, s in goals]
                store.save_psfs(profile, items, now=start + timedelta(weeks=week, hours=2))
            store.save_review(profile, 3 - offset, now=start + timedelta(weeks=4, hours=2))


def export_json(path: Path, *extra: str) -> dict[str, Any]:
    result = supple("export", "-o", str(path), *extra)
    assert result.exit_code == 0, result.stderr
    document: dict[str, Any] = json.loads(path.read_text())
    return document


def without_time_of_export(document: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in document.items() if key != "exported_at"}


def test_a_json_export_restores_into_a_fresh_installation_with_nothing_lost(
    fresh_installation: Installation, tmp_path: Path
) -> None:
    record_history()
    original = export_json(tmp_path / "export.json")
    assert {key: len(original[key]) for key in SECTIONS} == {
        "answers": 2,
        "plans": 2,
        "sessions": 3,
        "step_events": 9,
        "exercise_ratings": 4,
        "checkins": 2,
        "lesson_completions": 2,
        "flare_ups": 2,
        "walking_goals": 3,
        "walks": 3,
        "break_settings": 2,
        "desk_checklists": 1,
        "psfs_ratings": 2,
        "outcome_reviews": 1,
    }

    fresh_installation()
    result = supple("import", str(tmp_path / "export.json"))
    assert result.exit_code == 0, result.stderr
    assert "3 sessions" in result.output and "9 steps" in result.output

    restored = export_json(tmp_path / "again.json")
    assert without_time_of_export(restored) == without_time_of_export(original)
    with open_store() as store:
        assert [p.name for p in store.profiles()] == ["me"]
        first = store.plans("me")[0]
        assert first.document == PLAN
        assert first.estimated_seconds == PLAN["routine"]["estimated_seconds"]
        assert first.answers_id == store.saved_answers("me")[0].id
        stopped = [e for e in store.profile_step_events("me") if e.outcome == "stopped_for_pain"]
        assert [(e.exercise, e.side, e.actual_seconds) for e in stopped] == [
            (STEPS[2].exercise, STEPS[2].side, 31.875)
        ]


def test_export_writes_json_to_stdout_without_a_file(tmp_path: Path) -> None:
    record_history()
    on_disk = export_json(tmp_path / "export.json")
    printed = json.loads(supple("export").stdout)
    assert without_time_of_export(printed) == without_time_of_export(on_disk)


def test_an_export_holds_one_profile_only(tmp_path: Path) -> None:
    record_history()
    mine = export_json(tmp_path / "me.json")
    theirs = export_json(tmp_path / "partner.json", "--profile", "partner")
    assert (mine["profile"]["name"], theirs["profile"]["name"]) == ("me", "partner")
    assert [a["document"]["about"]["age"] for a in mine["answers"]] == [50, 51]
    assert [a["document"]["about"]["age"] for a in theirs["answers"]] == [51, 51]
    assert mine["sessions"][0]["started_at"] != theirs["sessions"][0]["started_at"]


def test_exporting_a_profile_with_no_records_says_so() -> None:
    record_history()
    result = supple("export", "--profile", "nobody")
    assert result.exit_code == 2
    assert "nobody" in result.stderr and "me, partner" in result.stderr


def test_csv_export_is_a_zip_of_one_csv_per_record_type(tmp_path: Path) -> None:
    record_history()
    document = export_json(tmp_path / "export.json")
    result = supple("export", "--format", "csv", "-o", str(tmp_path / "export.zip"))
    assert result.exit_code == 0, result.stderr

    with zipfile.ZipFile(tmp_path / "export.zip") as archive:
        names = sorted(archive.namelist())
        tables = {
            name.removesuffix(".csv"): list(
                csv.DictReader(io.StringIO(archive.read(name).decode("utf-8")))
            )
            for name in names
        }
    assert names == sorted(f"{section}.csv" for section in (*SECTIONS, "profile"))
    assert tables["profile"] == [{key: str(value) for key, value in document["profile"].items()}]
    for section in SECTIONS:
        rows, expected = tables[section], document[section]
        assert len(rows) == len(expected), section
        for row, record in zip(rows, expected, strict=True):
            assert set(row) == set(record)
            for column, value in record.items():
                cell = row[column]
                if value is None:
                    assert cell == ""
                elif isinstance(value, dict | list):
                    assert json.loads(cell) == value
                elif isinstance(value, int | float):
                    assert float(cell) == value
                else:
                    assert cell == value


def test_csv_export_needs_an_output_file() -> None:
    record_history()
    result = supple("export", "--format", "csv")
    assert result.exit_code == 2 and "-o FILE" in result.stderr


def test_import_never_overwrites_records_unless_asked(tmp_path: Path) -> None:
    record_history()
    before = export_json(tmp_path / "before.json")
    edited = copy.deepcopy(before)
    edited["sessions"] = edited["sessions"][:1]
    edited["step_events"] = [e for e in edited["step_events"] if e["session_id"] == 1]
    edited["exercise_ratings"] = [r for r in edited["exercise_ratings"] if r["session_id"] == 1]
    (tmp_path / "edited.json").write_text(json.dumps(edited))

    refused = supple("import", str(tmp_path / "edited.json"))
    assert refused.exit_code == 2
    assert "'me' already has records" in refused.stderr and "--replace" in refused.stderr
    unchanged = export_json(tmp_path / "unchanged.json")
    assert without_time_of_export(unchanged) == without_time_of_export(before)

    replaced = supple("import", "--replace", str(tmp_path / "edited.json"))
    assert replaced.exit_code == 0, replaced.stderr
    after = export_json(tmp_path / "after.json")
    assert without_time_of_export(after) == without_time_of_export(edited)
    partner = export_json(tmp_path / "partner.json", "--profile", "partner")
    assert len(partner["sessions"]) == 3


def test_import_into_another_profile_keeps_both(tmp_path: Path) -> None:
    record_history()
    mine = export_json(tmp_path / "me.json")
    result = supple("import", "--profile", "copy", str(tmp_path / "me.json"))
    assert result.exit_code == 0, result.stderr
    copied = export_json(tmp_path / "copy.json", "--profile", "copy")
    assert copied["profile"]["name"] == "copy"
    assert {key: copied[key] for key in SECTIONS} == {key: mine[key] for key in SECTIONS}


@pytest.fixture(scope="module")
def valid_export(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """One good export, made once for the module and deep-copied by each test that spoils it."""
    settings = Settings(home=tmp_path_factory.mktemp("valid"), database_url=None)
    record_history(settings)
    with open_store(settings) as store:
        return store.export_profile("me")


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], Any]:
    def change(document: dict[str, Any]) -> Any:
        *parents, last = path.split(".")
        target: Any = document
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        if value is KeyError:
            del target[last]
        else:
            target[last] = value
        return document

    return change


BAD_DOCUMENTS: dict[str, tuple[Callable[[dict[str, Any]], Any], str]] = {
    "not an object": (lambda d: [d], "JSON object"),
    "other format": (_set("format", "fitness-tracker"), "not a Supple export"),
    "future version": (_set("version", 4), "version 4, newer than this Supple reads"),
    "walk too long": (_set("walks.0.minutes", 301), "walks[0].minutes"),
    "flare-up in the future": (_set("flare_ups.0.day", "2099-01-01"), "flare_ups[0].day"),
    "goal rated 11": (_set("psfs_ratings.0.items.0.score", 11), "psfs_ratings[0].items[0].score"),
    "empty goal": (_set("psfs_ratings.0.items.1.activity", "   "), "activity 2 is empty"),
    "goal twice": (
        _set("psfs_ratings.1.items.1.activity", "tying my  SHOES"),
        "psfs_ratings[1].items: 'tying my SHOES' is named twice",
    ),
    "four goals": (
        _set(
            "psfs_ratings.0.items",
            [{"activity": f"Activity {n}", "score": 4} for n in range(4)],
        ),
        "psfs_ratings[0].items: List should have at most 3 items",
    ),
    "change rated 8": (_set("outcome_reviews.0.groc", 8), "outcome_reviews[0].groc"),
    "future review": (
        _set("outcome_reviews.0.reviewed_at", "2999-01-01T00:00:00+00:00"),
        "outcome_reviews[0].reviewed_at",
    ),
    "unknown lesson": (_set("lesson_completions.0.lesson_id", "yoga"), "'yoga' is not a lesson"),
    "break interval": (
        _set("break_settings.0.interval_minutes", 5),
        "break_settings[0].interval_minutes: every 5 minutes is not allowed",
    ),
    "break end first": (_set("break_settings.0.end_time", "08:00"), "break_settings[0].end_time"),
    "checklist answer": (
        _set("desk_checklists.0.answers.chair", "maybe"),
        "desk_checklists[0].answers.chair: answer yes, partly or no",
    ),
    "answer not a choice": (
        _set("lesson_completions.0.answers", [0, 7]),
        "lesson_completions[0].answers: question 2: choose 1 to",
    ),
    "one answer short": (_set("lesson_completions.0.answers", [0]), "2 questions; 1 answers"),
    "future lesson": (
        _set("lesson_completions.0.completed_at", "2999-01-01T00:00:00+00:00"),
        "lesson_completions[0].completed_at",
    ),
    "pain above 10": (_set("sessions.0.pain_before", 11), "sessions[0].pain_before"),
    "missing status": (_set("sessions.1.status", KeyError), "sessions[1].status"),
    "unknown outcome": (_set("step_events.0.outcome", "fainted"), "step_events[0].outcome"),
    "naive time": (_set("answers.0.created_at", "2026-02-02T18:00:00"), "answers[0].created_at"),
    "unknown field": (_set("plans.0.colour", "red"), "plans[0].colour"),
    "dangling plan": (_set("sessions.2.plan_id", 99), "sessions[2].plan_id: 99"),
    "dangling session": (_set("exercise_ratings.0.session_id", 42), "exercise_ratings[0]"),
    "shared id": (_set("checkins.1.id", 1), "share an id"),
    "negative age": (_set("answers.0.document.about.age", -3), "answers[0].document.about.age"),
    "answers version": (_set("answers.1.document.version", 99), "answers[1].document.version"),
    "unknown answer": (_set("answers.0.document.colour", "red"), "answers[0].document"),
    # Issue 13: no future (or implausibly old) records, weeks by their Monday, one minutes range.
    "future session": (
        _set("sessions.0.started_at", "2999-06-01T08:00:00+00:00"),
        "sessions[0].started_at: 2999-06-01 is after today",
    ),
    "future week": (_set("checkins.0.week_of", "2999-06-01"), "checkins[0].week_of: 2999-06-01"),
    "year 1990": (
        _set("answers.0.created_at", "1990-01-01T08:00:00+00:00"),
        "answers[0].created_at: 1990-01-01 is before 2000",
    ),
    "week not a Monday": (_set("checkins.0.week_of", "2026-03-04"), "is a Wednesday"),
    "minutes 0": (
        lambda d: _set("plans.0.document.routine.minutes_requested", 0)(
            _set("plans.0.minutes_requested", 0)(d)
        ),
        "plans[0].minutes_requested: Input should be greater than or equal to 8",
    ),
}


@pytest.mark.parametrize("case", list(BAD_DOCUMENTS))
def test_a_bad_export_is_refused_by_name_and_changes_nothing(
    case: str, valid_export: dict[str, Any], tmp_path: Path
) -> None:
    change, expected = BAD_DOCUMENTS[case]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(change(copy.deepcopy(valid_export))))

    result = supple("import", str(bad))
    assert result.exit_code == 2
    assert expected in result.stderr and "Nothing was changed" in result.stderr
    # The file is checked before the database is even opened, so nothing is created.
    assert not (Path(os.environ["SUPPLE_HOME"]) / "supple.db").exists()


def test_import_reads_standard_input_and_checks_profile_names(
    valid_export: dict[str, Any],
) -> None:
    text = json.dumps(valid_export)
    bad_name = runner.invoke(cli, ["import", "--profile", " ", "-"], input=text)
    assert bad_name.exit_code == 2 and "profile name" in bad_name.stderr
    result = runner.invoke(cli, ["import", "-"], input=text)
    assert result.exit_code == 0, result.stderr
    assert "1 set of answers" not in result.output and "2 sets of answers" in result.output
    with open_store() as store:
        assert len(store.sessions("me")) == 3


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b'{"format": "supple-export", ', "not valid JSON (line 1"),
        (b"\xff\xfe\x00binary", "not UTF-8 text"),
        (b"PK\x03\x04rest-of-a-zip", "CSV (zip) export"),
    ],
)
def test_files_that_are_not_json_exports_are_refused(
    content: bytes, expected: str, tmp_path: Path
) -> None:
    path = tmp_path / "file"
    path.write_bytes(content)
    result = supple("import", str(path))
    assert result.exit_code == 2 and expected in result.stderr
    assert "Traceback" not in result.stderr


def test_a_missing_file_is_reported(tmp_path: Path) -> None:
    result = supple("import", str(tmp_path / "nowhere.json"))
    assert result.exit_code == 2 and "nowhere.json" in result.stderr


def test_a_failure_half_way_through_writing_leaves_nothing_behind(
    fresh_installation: Installation, valid_export: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    from supple.store import exchange

    real_insert, calls = exchange._insert, []

    def failing_insert(db: Any, row: Any) -> Any:
        calls.append(row)
        if len(calls) == 12:
            raise RuntimeError("disk unplugged")
        return real_insert(db, row)

    monkeypatch.setattr(exchange, "_insert", failing_insert)
    with open_store() as store:
        with pytest.raises(RuntimeError, match="disk unplugged"):
            store.import_export(valid_export)
        assert store.profiles() == [] and store.sessions("me") == []


def test_the_store_rejects_an_export_it_cannot_read() -> None:
    with (
        open_store() as store,
        pytest.raises(ExportFormatError, match="exported_at: Field required"),
    ):
        store.import_export({"format": "supple-export", "version": 2})


def test_incomplete_answers_in_an_export_are_accepted(valid_export: dict[str, Any]) -> None:
    """A version-2 document saved part-way (with ``unanswered``) is one the app reads."""
    from supple.store.exchange import parse_export

    document = copy.deepcopy(valid_export)
    answers = document["answers"][0]["document"]
    del answers["about"]
    answers["unanswered"] = ["about.age", "about.pregnancy"]
    assert parse_export(document).answers[0].document == answers


def test_a_version_1_export_imports_as_version_3_with_no_lessons_done(
    valid_export: dict[str, Any],
) -> None:
    """Exports written before lessons existed still restore everything they hold."""
    from supple.store.exchange import parse_export

    old = copy.deepcopy(valid_export)
    for section in ("lesson_completions", *NEW_IN_3):
        del old[section]
    old["version"] = 1
    parsed = parse_export(old)
    assert parsed.version == 3
    assert parsed.lesson_completions == []
    assert parsed.flare_ups == parsed.walking_goals == parsed.walks == []
    assert parsed.break_settings == [] and parsed.desk_checklists == []
    assert parsed.psfs_ratings == [] and parsed.outcome_reviews == []
    assert len(parsed.sessions) == len(valid_export["sessions"])


def test_a_version_2_export_imports_as_version_3_with_none_of_the_self_care_records(
    valid_export: dict[str, Any],
) -> None:
    from supple.store.exchange import parse_export

    old = copy.deepcopy(valid_export)
    for section in NEW_IN_3:
        del old[section]
    old["version"] = 2
    parsed = parse_export(old)
    assert parsed.version == 3
    assert parsed.flare_ups == parsed.walking_goals == parsed.walks == []
    assert parsed.break_settings == [] and parsed.desk_checklists == []
    assert len(parsed.lesson_completions) == len(valid_export["lesson_completions"])
    mixed = copy.deepcopy(valid_export)
    mixed["version"] = 2
    with pytest.raises(ExportFormatError, match="a version 2 export has none"):
        parse_export(mixed)
    assert parsed.psfs_ratings == [] and parsed.outcome_reviews == []
    old["break_settings"] = valid_export["break_settings"]
    with pytest.raises(ExportFormatError, match="a version 2 export has none"):
        parse_export(old)


def test_a_version_2_export_holding_goal_ratings_is_refused(valid_export: dict[str, Any]) -> None:
    from supple.store.exchange import parse_export

    mixed = copy.deepcopy(valid_export)
    for section in NEW_IN_3:
        if section != "psfs_ratings":
            del mixed[section]
    mixed["version"] = 2
    with pytest.raises(ExportFormatError, match="psfs_ratings: a version 2 export has none"):
        parse_export(mixed)


def test_goal_ratings_and_reviews_round_trip_with_their_scores_and_times(
    fresh_installation: Installation, tmp_path: Path
) -> None:
    record_history()
    original = export_json(tmp_path / "export.json")
    assert original["psfs_ratings"][1]["items"] == [
        {"activity": "Tying my shoes", "score": 5},
        {"activity": "Sitting through a film", "score": 7},
    ]
    assert original["psfs_ratings"][1]["score"] == 6.0
    assert original["outcome_reviews"] == [
        {"id": 1, "reviewed_at": (T0 + timedelta(weeks=4, hours=2)).isoformat(), "groc": 3}
    ]
    fresh_installation()
    assert supple("import", str(tmp_path / "export.json")).exit_code == 0
    with open_store() as store:
        ratings = store.psfs_ratings("me")
        reviews = store.outcome_reviews("me")
    assert [(r.rated_at, r.score) for r in ratings] == [
        (T0 + timedelta(hours=2), 4.0),
        (T0 + timedelta(weeks=4, hours=2), 6.0),
    ]
    assert [(r.reviewed_at, r.groc) for r in reviews] == [(T0 + timedelta(weeks=4, hours=2), 3)]


def test_a_version_1_export_holding_lessons_is_refused(valid_export: dict[str, Any]) -> None:
    from supple.store.exchange import parse_export

    mixed = copy.deepcopy(valid_export)
    del mixed["break_settings"], mixed["desk_checklists"]
    mixed["version"] = 1
    with pytest.raises(ExportFormatError, match="a version 1 export has none"):
        parse_export(mixed)


def test_lesson_completions_round_trip_with_their_answers_and_times(
    fresh_installation: Installation, tmp_path: Path
) -> None:
    record_history()
    original = export_json(tmp_path / "export.json")
    # The file keeps the order they were recorded in; the store reads them by time.
    assert [row["lesson_id"] for row in original["lesson_completions"]] == [
        "how-pain-works",
        "when-to-get-help",
    ]
    fresh_installation()
    assert supple("import", str(tmp_path / "export.json")).exit_code == 0
    with open_store() as store:
        done = store.lesson_completions("me")
    assert [(d.lesson_id, d.answers, d.completed_at) for d in done] == [
        ("when-to-get-help", [0, 0], T0),
        ("how-pain-works", [1, 0], T0 + timedelta(hours=1)),
    ]
