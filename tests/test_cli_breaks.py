"""``supple breaks``: set, show (and --json), the calendar file, and bad input (exit 2)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from icalendar import Calendar

from supple.cli import cli
from supple.settings import get_settings
from supple.store import open_store

runner = CliRunner()
ANSWERS = Path(__file__).parent / "fixtures" / "answers" / "ok.json"


def breaks(*args: str) -> Result:
    return runner.invoke(cli, ["breaks", *args])


def saved() -> list[Any]:
    with open_store() as store:
        return store.break_settings_history(get_settings().profile)


def answered() -> None:
    with open_store() as store:
        store.save_answers(get_settings().profile, json.loads(ANSWERS.read_text()))


def test_set_saves_the_settings_and_show_prints_the_times_and_the_routine() -> None:
    answered()
    result = breaks(
        "set",
        "--days",
        "mon,tue",
        "--start",
        "08:00",
        "--end",
        "11:00",
        "--every",
        "60",
        "--tz",
        "Europe/London",
    )
    assert result.exit_code == 0, result.output
    assert "every 60 minutes, 2 a day (09:00, 10:00)" in result.stdout
    shown = breaks("show")
    assert shown.exit_code == 0, shown.output
    assert "Mon, Tue, every 60 minutes from 08:00 to 11:00 (Europe/London)" in shown.stdout
    assert "1. " in shown.stdout and "sharp, shooting or spreading pain" in shown.stdout
    data = json.loads(breaks("show", "--json").stdout)
    assert data["breaks"]["times"] == ["09:00", "10:00"]
    assert data["breaks"]["zone"] == "Europe/London"
    assert 60 <= data["routine"]["seconds"] <= 120 and data["routine"]["moves"]
    assert [(s.interval_minutes, s.days) for s in saved()] == [(60, ["mon", "tue"])]


def test_the_calendar_file_holds_a_series_per_break_and_parses_back(tmp_path: Path) -> None:
    answered()
    assert breaks("set", "--every", "120", "--tz", "America/New_York").exit_code == 0
    out = tmp_path / "breaks.ics"
    result = breaks("calendar", "-o", str(out))
    assert result.exit_code == 0, result.output
    calendar = Calendar.from_ical(out.read_bytes())
    events = list(calendar.walk("VEVENT"))
    assert [e.decoded("dtstart").strftime("%H:%M") for e in events] == ["11:00", "13:00", "15:00"]
    assert all(e["DTSTART"].params["TZID"] == "America/New_York" for e in events)
    assert all(list(e.walk("VALARM")) for e in events)
    printed = breaks("calendar", "-o", "-")
    assert printed.exit_code == 0 and printed.stdout.startswith("BEGIN:VCALENDAR")


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--every", "5"], "--every: every 5 minutes is not allowed; choose 20 to 120"),
        (["--start", "17:00", "--end", "09:00"], "--end: work ends at 09:00, not after"),
        (["--start", "25:00"], "--start: start '25:00': HH:MM"),
        (["--days", "someday"], "--days: days 'someday' is not valid"),
        (["--tz", "Nowhere/Land"], "--tz: time zone 'Nowhere/Land' is not valid"),
        (["--every", "many"], "'many' is not a valid integer"),
    ],
)
def test_bad_settings_exit_2_in_one_line_and_save_nothing(args: list[str], words: str) -> None:
    result = breaks("set", *args)
    assert result.exit_code == 2
    assert words in result.stderr
    assert "Traceback" not in result.output
    assert saved() == []


def test_the_calendar_before_any_breaks_are_set_exits_2(tmp_path: Path) -> None:
    result = breaks("calendar", "-o", str(tmp_path / "x.ics"))
    assert result.exit_code == 2
    assert "no movement breaks are set yet" in result.stderr
    assert not (tmp_path / "x.ics").exists()


def test_every_breaks_command_has_help() -> None:
    for command in ([], ["set"], ["show"], ["calendar"]):
        result = breaks(*command, "--help")
        assert result.exit_code == 0 and "Usage:" in result.stdout


@pytest.mark.parametrize("name", ["emergency.json", "urgent.json"])
def test_under_an_emergency_or_urgent_screen_no_reminders_are_offered(
    name: str, tmp_path: Path
) -> None:
    assert breaks("set", "--every", "60").exit_code == 0
    with open_store() as store:
        document = json.loads((ANSWERS.parent / name).read_text())
        store.save_answers(get_settings().profile, document)
    shown = breaks("show")
    assert shown.exit_code == 0, shown.output
    assert "still fine" not in shown.stdout and "No movement break reminders" in shown.stdout
    assert json.loads(breaks("show", "--json").stdout)["routine"]["reminders_refused"]
    out = tmp_path / "b.ics"
    refused = breaks("calendar", "-o", str(out))
    assert refused.exit_code == 2 and "No movement break reminders" in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1 and not out.exists()
