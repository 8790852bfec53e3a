"""The web's goals and 4-week review: /goals stores the person's activities, /review
compares first against now, is recorded when due, and every bad form is shown again
(422) with its message and nothing written."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from supple.settings import get_settings
from supple.store import open_store
from web_fixtures import LOOPBACK_CLIENT, app_for_tests
from web_forms import token


@pytest.fixture
def client() -> Iterator[TestClient]:
    with TestClient(app_for_tests(), client=LOOPBACK_CLIENT) as test_client:
        yield test_client


def stored() -> tuple[list[Any], list[Any]]:
    with open_store() as store:
        profile = get_settings().profile
        return store.psfs_ratings(profile), store.outcome_reviews(profile)


def post(client: TestClient, path: str, **fields: str) -> Any:
    data = {"csrf_token": token(client, "/goals"), **fields}
    return client.post(path, data=data, follow_redirects=False)


def started_days_ago(days: int, *, goals: bool = True) -> None:
    with open_store() as store:
        profile = get_settings().profile
        start = datetime.now(UTC) - timedelta(days=days)
        store.save_plan(profile, {"routine": None}, now=start)
        if goals:
            items = [
                {"activity": "Tying my shoes", "score": 2},
                {"activity": "Walking", "score": 4},
            ]
            store.save_psfs(profile, items, now=start)


def test_the_goals_page_offers_ideas_and_three_activities(client: TestClient) -> None:
    html = client.get("/goals").text
    assert "Sitting through a film" in html and 'list="activity-ideas"' in html
    for n in (1, 2, 3):
        assert f'name="activity{n}"' in html and f'name="score{n}"' in html


def test_goals_are_stored_and_shown_on_the_review(client: TestClient) -> None:
    answer = post(
        client, "/goals", activity1=" Tying  my shoes ", score1="3", activity2="", score2=""
    )
    assert answer.status_code == 303 and answer.headers["location"] == "/review#goals-title"
    ratings, _ = stored()
    assert [r.items for r in ratings] == [[{"activity": "Tying my shoes", "score": 3}]]
    html = client.get("/review").text
    assert "Tying my shoes: <strong>3</strong> out of 10" in html


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"activity1": "Tying my shoes", "score1": "11"}, "is 11"),
        ({"activity1": "Tying my shoes"}, "Rate &#39;Tying my shoes&#39; from 0"),
        ({"activity1": "", "score1": "4"}, "Activity 1 is empty"),
        ({}, "Name at least one activity"),
        (
            {f"activity{n}": f"Thing {n}" for n in range(1, 5)}
            | {f"score{n}": "3" for n in range(1, 5)},
            "4 activities given; name up to 3",
        ),
    ],
)
def test_a_bad_goals_form_is_shown_again_with_its_message(
    client: TestClient, fields: dict[str, str], message: str
) -> None:
    answer = post(client, "/goals", **fields)
    assert answer.status_code == 422
    assert message in answer.text and 'role="alert"' in answer.text
    assert stored() == ([], [])


def test_the_review_is_not_due_in_the_first_4_weeks(client: TestClient) -> None:
    started_days_ago(10)
    html = client.get("/review").text
    assert "Your next review is on" in html and 'name="groc"' not in html
    answer = post(client, "/review", groc="3", score1="5", score2="5")
    assert answer.status_code == 422 and "No review is due yet" in answer.text
    assert len(stored()[1]) == 0
    assert "Your 4-week review is due" not in client.get("/").text


def test_the_due_review_is_shown_on_home_and_recorded_with_the_goals_rated_again(
    client: TestClient,
) -> None:
    started_days_ago(28)
    assert "Your 4-week review is due" in client.get("/").text
    html = client.get("/review").text
    assert "Your 4-week review is due" in html
    assert html.count('name="groc"') == 15 and "+7: A very great deal better" in html
    assert "Tying my shoes: how well can you do it now?" in html
    answer = post(client, "/review", groc="-3", score1="2", score2="4")
    assert answer.status_code == 303
    ratings, reviews = stored()
    assert [r.score for r in ratings] == [3.0, 3.0] and [r.groc for r in reviews] == [-3]
    html = client.get("/review").text
    assert "-3 Somewhat worse" in html
    assert "Book an appointment with a GP or physiotherapist" in html
    assert "Your next review is on" in html
    assert "Your 4-week review is due" not in client.get("/").text


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"groc": "8", "score1": "2", "score2": "4"}, "Choose how you are since you started"),
        ({"score1": "2", "score2": "4"}, "Choose how you are since you started"),
        ({"groc": "1", "score1": "2"}, "Rate &#39;Walking&#39; again"),
        ({"groc": "1", "score1": "2", "score2": "12"}, "The rating for &#39;Walking&#39; is 12"),
    ],
)
def test_a_bad_review_form_is_shown_again_and_nothing_is_written(
    client: TestClient, fields: dict[str, str], message: str
) -> None:
    started_days_ago(30)
    answer = post(client, "/review", **fields)
    assert answer.status_code == 422 and message in answer.text
    ratings, reviews = stored()
    assert len(ratings) == 1 and reviews == []


def test_the_goals_chart_is_an_svg_of_the_scores(client: TestClient) -> None:
    started_days_ago(30)
    post(client, "/review", groc="2", score1="5", score2="7")
    answer = client.get("/review/psfs.svg")
    assert answer.headers["content-type"].startswith("image/svg+xml")
    assert "<script" not in answer.text and "Tying my shoes" in answer.text
    assert 'src="/review/psfs.svg"' in client.get("/review").text


def test_home_asks_for_goals_when_none_are_named(client: TestClient) -> None:
    assert "set your goals" not in client.get("/").text  # no plan yet: the questions first
    started_days_ago(1, goals=False)
    assert 'href="/goals">set your goals</a>' in client.get("/").text
    post(client, "/goals", activity1="Walking", score1="4")
    assert "set your goals" not in client.get("/").text
