"""``supple goals`` and ``supple review``: goals stored and shown, the review with --json,
recording it when due, and exit code 2 (nothing written) for every bad input."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from click.testing import CliRunner, Result

from supple.cli import cli
from supple.settings import get_settings
from supple.store import open_store

runner = CliRunner()


def supple(*args: str) -> Result:
    return runner.invoke(cli, list(args))


def stored() -> tuple[list[Any], list[Any]]:
    with open_store() as store:
        profile = get_settings().profile
        return store.psfs_ratings(profile), store.outcome_reviews(profile)


def plan_made_days_ago(days: int) -> None:
    with open_store() as store:
        made = datetime.now(UTC) - timedelta(days=days)
        store.save_plan(get_settings().profile, {"routine": None}, now=made)


def test_goals_are_stored_with_their_score_and_shown_again() -> None:
    result = supple("goals", "Tying my shoes=4", "  Walking for 20 minutes =3", "--json")
    assert result.exit_code == 0, result.stderr
    saved = json.loads(result.stdout)
    assert saved["items"] == [
        {"activity": "Tying my shoes", "score": 4},
        {"activity": "Walking for 20 minutes", "score": 3},
    ]
    assert saved["score"] == 3.5
    shown = supple("goals")
    assert "Tying my shoes: 4" in shown.stdout and "Score (the average): 3.5" in shown.stdout
    assert [r["score"] for r in json.loads(supple("goals", "--json").stdout)] == [3.5]


def test_with_no_goals_the_command_suggests_some() -> None:
    result = supple("goals")
    assert result.exit_code == 0
    assert "Sitting through a film" in result.stdout and "supple goals" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["Tying my shoes=11"], "the rating for 'Tying my shoes' is 11"),
        (["Tying my shoes=-1"], "is -1"),
        (["Tying my shoes=four"], "is four"),
        (["=4"], "activity 1 is empty"),
        (["   =4"], "activity 1 is empty"),
        (["a=1", "b=2", "c=3", "d=4"], "4 activities given; name up to 3"),
        (["Tying my shoes"], "has no rating; write it as ACTIVITY=RATING"),
        (["Walking=3", "walking=5"], "named twice"),
    ],
)
def test_bad_goals_exit_2_with_one_line_and_write_nothing(args: list[str], message: str) -> None:
    result = supple("goals", *args)
    assert result.exit_code == 2
    assert message in result.stderr.splitlines()[0]
    assert "Traceback" not in result.output
    assert stored() == ([], [])


def test_the_review_before_any_plan_says_it_starts_from_the_first_plan() -> None:
    result = supple("review")
    assert result.exit_code == 0
    assert "starts from your first plan" in result.stdout
    document = json.loads(supple("review", "--json").stdout)
    assert document["version"] == 1 and document["due"] is False


def test_a_review_cannot_be_recorded_before_it_is_due() -> None:
    plan_made_days_ago(10)
    result = supple("review", "--groc", "3")
    assert result.exit_code == 2
    next_on = date.today() + timedelta(days=18)
    assert f"next one is on {next_on:%d %B %Y}" in result.stderr
    assert stored() == ([], [])


def test_the_due_review_rates_the_goals_again_and_records_the_change_rating() -> None:
    with open_store() as store:
        profile = get_settings().profile
        start = datetime.now(UTC) - timedelta(days=29)
        store.save_plan(profile, {"routine": None}, now=start)
        items = [{"activity": "Tying my shoes", "score": 2}, {"activity": "Walking", "score": 3}]
        store.save_psfs(profile, items, now=start)
    before = json.loads(supple("review", "--json").stdout)
    assert before["due"] is True and before["groc"] is None
    assert supple("review").stdout.count("Your 4-week review is due") == 1

    result = supple("review", "--groc", "4", "--score", "5", "--score", "6", "--json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["due"] is False and document["groc"] == 4
    assert document["groc_words"] == "+4 Clearly better"
    psfs = next(m for m in document["measures"] if m["measure"] == "psfs")
    assert (psfs["first"]["value"], psfs["now"]["value"], psfs["change"]) == (2.5, 5.5, 3.0)
    assert psfs["direction"] == "better" and psfs["real_change"] == "about 2 points on average"
    assert document["verdict"] == "better"
    assert [g["score"] for g in document["goals"]] == [2.5, 5.5]
    ratings, reviews = stored()
    assert [r.score for r in ratings] == [2.5, 5.5] and [r.groc for r in reviews] == [4]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--groc", "8"], "the change rating is 8"),
        (["--groc", "-8"], "the change rating is -8"),
        (["--groc", "2", "--score", "5"], "1 --score given for 2 goals"),
        (["--groc", "2", "--score", "5", "--score", "11"], "the rating for 'Walking' is 11"),
        (["--score", "5", "--score", "5"], "give --groc too"),
        (["--groc", "x"], "'x' is not a valid integer"),
    ],
)
def test_a_bad_review_exits_2_and_writes_nothing(args: list[str], message: str) -> None:
    with open_store() as store:
        profile = get_settings().profile
        start = datetime.now(UTC) - timedelta(days=29)
        store.save_plan(profile, {"routine": None}, now=start)
        items = [{"activity": "Tying my shoes", "score": 2}, {"activity": "Walking", "score": 3}]
        store.save_psfs(profile, items, now=start)
    result = supple("review", *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output
    ratings, reviews = stored()
    assert len(ratings) == 1 and reviews == []


def test_both_commands_have_help() -> None:
    for command in ("goals", "review"):
        result = supple(command, "--help")
        assert result.exit_code == 0 and "--json" in result.stdout
