"""``supple flare`` and ``supple walk``: the screen first, a recorded bad day, the
walking goal set, walks logged, and exit code 2 for every kind of bad input with
nothing written."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from supple.cli import cli
from supple.settings import get_settings
from supple.store import open_store

runner = CliRunner()
ANSWERS = Path(__file__).parent / "fixtures" / "answers"
TODAY = date.today()


def supple(*args: str) -> Result:
    return runner.invoke(cli, list(args))


def as_json(*args: str) -> Any:
    result = supple(*args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def recorded() -> tuple[list[Any], list[Any], list[Any]]:
    profile = get_settings().profile
    with open_store() as store:
        return store.flare_ups(profile), store.walking_goals(profile), store.walks(profile)


def test_a_bad_day_shows_a_gentle_routine_and_is_recorded() -> None:
    data = as_json("flare", "--answers", str(ANSWERS / "ok.json"), "--note", "after gardening")
    routine = data["routine"]
    assert routine["gentle"] and 300 <= routine["estimated_seconds"] <= 480
    assert all(item["variant"] for item in routine["items"])
    assert len(data["advice"]) == 3
    assert [w["level"] for w in data["warning_signs"]] == ["emergency", "urgent"]
    assert data["recorded"]["day"] == TODAY.isoformat()
    flares, _, _ = recorded()
    assert [(f.day, f.note) for f in flares] == [(TODAY, "after gardening")]
    text = " ".join(supple("flare", "--answers", str(ANSWERS / "ok.json")).stdout.split())
    assert "A gentle routine for a bad day" in text and "Recorded" in text


def test_the_saved_answers_are_screened_when_none_are_given() -> None:
    document = json.loads((ANSWERS / "ok.json").read_text())
    with open_store() as store:
        store.save_answers(get_settings().profile, document)
    assert as_json("flare", "--no-record")["routine"] is not None
    assert recorded()[0] == []


@pytest.mark.parametrize("name", ["emergency", "urgent", "see_clinician"])
def test_a_screen_that_needs_a_doctor_gives_no_routine(name: str) -> None:
    data = as_json("flare", "--answers", str(ANSWERS / f"{name}.json"))
    assert data["routine"] is None and data["screen"]["level"] == name
    assert data["advice"] == []
    text = supple("flare", "--answers", str(ANSWERS / f"{name}.json"), "--no-record").stdout
    assert "No routine today" in text
    assert "What helps" not in text and "Keep moving" not in text


def test_two_bad_days_in_a_week_show_in_the_history_and_in_progress() -> None:
    ok = str(ANSWERS / "ok.json")
    assert supple("flare", "--answers", ok).exit_code == 0
    yesterday = (TODAY - timedelta(days=1)).isoformat()
    assert supple("flare", "--answers", ok, "--date", yesterday).exit_code == 0
    weeks = as_json("flare", "--history")
    assert sum(w["count"] for w in weeks["weeks"]) == 2
    assert weeks["note"].startswith("2 flare-ups in the last 7 days")
    progress = " ".join(supple("progress").stdout.split())
    assert "2 flare-ups in the last 7 days: no step up is offered this week" in progress


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["flare"], "no saved answers"),
        (["flare", "--answers", "missing.json"], "missing.json"),
        (["flare", "--date", "yesterday"], "is not a date"),
        (["flare", "--date", "2999-01-01"], "after today"),
        (["flare", "--note", "x" * 501], "keep it to 500"),
        (["walk", "goal", "ten"], "not a number"),
        (["walk", "goal", "0"], "outside 1 to 120"),
        (["walk", "goal", "121"], "outside 1 to 120"),
        (["walk", "log", "0"], "outside 1 to 300"),
        (["walk", "log", "301"], "outside 1 to 300"),
        (["walk", "log", "1.5"], "not a number"),
        (["walk", "log", "10", "--date", "2999-01-01"], "after today"),
    ],
)
def test_bad_input_exits_2_with_one_clear_line_and_writes_nothing(
    args: list[str], message: str
) -> None:
    if args[0] == "flare" and len(args) > 1 and args[1] != "--answers":
        args = [*args, "--answers", str(ANSWERS / "ok.json")]
    result = supple(*args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output + result.stderr
    assert recorded() == ([], [], [])


def test_the_walking_goal_is_set_logged_shown_and_turned_off() -> None:
    assert as_json("walk")["goal"] is None
    assert as_json("walk", "goal", "10")["start_minutes"] == 10
    assert as_json("walk", "log", "15")["minutes"] == 15
    assert supple("walk", "log", "5").exit_code == 0
    data = as_json("walk")
    assert data["goal"]["minutes"] == 10 and data["goal"]["walked_today"] == 20
    assert data["walked"][TODAY.isoformat()] == 20
    assert data["goal"]["paused"] == []
    assert supple("flare", "--answers", str(ANSWERS / "ok.json")).exit_code == 0
    assert as_json("walk")["goal"]["paused"] == ["flare_up"]
    assert "Not rising for now: a flare-up" in supple("walk").stdout
    assert supple("walk", "goal", "off").exit_code == 0
    assert as_json("walk")["goal"] is None
    _, goals, _ = recorded()
    assert [g.start_minutes for g in goals] == [10, None]  # every setting is kept


def test_every_new_command_has_help() -> None:
    for args in (["flare"], ["walk"], ["walk", "goal"], ["walk", "log"]):
        result = supple(*args, "--help")
        assert result.exit_code == 0 and "Usage" in result.output


def test_after_a_leg_pain_stop_the_warning_signs_come_before_a_bad_day_routine() -> None:
    from datetime import UTC, datetime

    profile = get_settings().profile
    document = json.loads((ANSWERS / "ok.json").read_text())
    earlier = datetime.now(UTC) - timedelta(hours=2)
    with open_store() as store:
        answers_id = store.save_answers(profile, document, now=earlier)
        plan = store.save_plan(profile, {"routine": None}, answers_id, now=earlier)
        session = store.start_session(profile, plan, 4, now=earlier + timedelta(minutes=5))
        store.record_step(
            session,
            index=1,
            kind="hold",
            exercise="clamshell",
            side="left",
            planned_seconds=20,
            actual_seconds=5,
            outcome="stopped_leg_pain",
            now=earlier + timedelta(minutes=6),
        )
    data = as_json("flare", "--no-record")
    assert data["routine"] is None and "warning-sign" in data["withheld"]
    assert "supple start" in supple("flare", "--no-record").stdout
    with open_store() as store:
        store.save_answers(profile, document)  # answered again
    assert as_json("flare", "--no-record")["routine"] is not None
