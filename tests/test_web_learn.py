"""The web's Learn pages: the lesson index, a lesson and its check, locked lessons, pictures."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient

from supple.learning import DIAGRAMS, default_course
from supple.settings import get_settings
from supple.store import open_store
from web_fixtures import LOOPBACK_CLIENT, app_for_tests
from web_forms import token

COURSE = default_course()
FIRST = COURSE.lessons[0]
LOCKED = next(lesson for lesson in COURSE.lessons if lesson.release_day > 0)


@pytest.fixture
def client() -> Iterator[TestClient]:
    with TestClient(app_for_tests(), client=LOOPBACK_CLIENT) as test_client:
        yield test_client


def answer(client: TestClient, lesson_id: str, **fields: str) -> object:
    data = {"csrf_token": token(client, f"/learn/{lesson_id}"), **fields}
    return client.post(f"/learn/{lesson_id}/check", data=data, follow_redirects=False)


def plan_made_days_ago(days: int) -> None:
    with open_store() as store:
        made = datetime.now(UTC) - timedelta(days=days)
        store.save_plan(get_settings().profile, {"routine": None}, now=made)


def test_the_index_lists_every_lesson_with_open_next_and_locked_ones(client: TestClient) -> None:
    html = client.get("/learn").text
    for lesson in COURSE.lessons:
        assert lesson.title in html
    assert f'href="/learn/{FIRST.id}"' in html
    assert f"Next: {FIRST.title}" in html
    assert f'href="/learn/{LOCKED.id}"' not in html
    assert f"Opens on day {LOCKED.release_day}" in html
    assert 'href="/learn/reference"' in html


def test_a_lesson_shows_its_screens_picture_check_and_sources(client: TestClient) -> None:
    html = client.get(f"/learn/{FIRST.id}").text
    for screen in FIRST.screens:
        assert screen.heading in html
    assert f'src="/learn/pictures/{FIRST.picture}.svg"' in html
    assert f'alt="{FIRST.alt}"' in html
    for question in FIRST.check:
        assert question.question in html
    for source in FIRST.sources:
        assert source in html


def test_answering_the_check_stores_it_marks_it_and_moves_next_on(client: TestClient) -> None:
    wrong = 1 - FIRST.check[0].answer
    response = answer(client, FIRST.id, q1=str(wrong), q2=str(FIRST.check[1].answer))
    assert response.status_code == 303  # type: ignore[attr-defined]
    with open_store() as store:
        done = store.lesson_completions(get_settings().profile)
    assert [(d.lesson_id, d.answers) for d in done] == [(FIRST.id, [wrong, FIRST.check[1].answer])]
    html = client.get(f"/learn/{FIRST.id}").text
    assert f"The best answer is: {FIRST.check[0].choices[FIRST.check[0].answer]}" in html
    assert FIRST.check[0].why in html
    second = COURSE.lessons[1]
    assert f"Next lesson: {second.title}" in html
    index = client.get("/learn").text
    assert "1 of 7 lessons done" in index
    assert f"Next: {second.title}" in index


@pytest.mark.parametrize(
    "fields",
    [{}, {"q1": "0"}, {"q1": "0", "q2": "9"}, {"q1": "x", "q2": "0"}, {"q1": "-1", "q2": "0"}],
)
def test_an_incomplete_or_impossible_check_is_refused_and_nothing_stored(
    client: TestClient, fields: dict[str, str]
) -> None:
    assert answer(client, FIRST.id, **fields).status_code == 422  # type: ignore[attr-defined]
    with open_store() as store:
        assert store.lesson_completions(get_settings().profile) == []


def test_a_locked_lesson_says_when_it_opens_and_takes_no_answers(client: TestClient) -> None:
    html = client.get(f"/learn/{LOCKED.id}").text
    assert f"opens on day {LOCKED.release_day}" in html
    assert LOCKED.screens[0].heading not in html
    data = {"csrf_token": token(client, f"/learn/{FIRST.id}"), "q1": "0", "q2": "0"}
    refused = client.post(f"/learn/{LOCKED.id}/check", data=data, follow_redirects=False)
    assert refused.status_code == 409
    with open_store() as store:
        assert store.lesson_completions(get_settings().profile) == []


def test_lessons_open_as_the_days_since_the_first_plan_pass(client: TestClient) -> None:
    plan_made_days_ago(LOCKED.release_day)
    html = client.get(f"/learn/{LOCKED.id}").text
    assert LOCKED.screens[0].heading in html
    assert f"day {LOCKED.release_day} of your course" in client.get("/learn").text


def test_an_unknown_lesson_is_404(client: TestClient) -> None:
    assert client.get("/learn/no-such-lesson").status_code == 404
    assert client.get("/learn/pictures/no-such-picture.svg").status_code == 404


@pytest.mark.parametrize("name", sorted(DIAGRAMS))
def test_every_picture_is_served_as_svg(client: TestClient, name: str) -> None:
    response = client.get(f"/learn/pictures/{name}.svg")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("image/svg+xml")
    assert re.match(r"<svg [^>]*viewBox=", response.text)


def test_the_reference_keeps_the_muscles_and_conditions(client: TestClient) -> None:
    html = client.get("/learn/reference").text
    assert 'id="piriformis"' in html and 'id="prolonged-sitting"' in html


def test_answers_kept_from_an_older_check_do_not_break_the_lesson_page(
    client: TestClient,
) -> None:
    """A later course may reword a check; answers stored against the old one are kept
    (the lesson stays done) but are not marked against questions they never answered."""
    with open_store() as store:
        store.complete_lesson(get_settings().profile, FIRST.id, [0, 0, 0])
    response = client.get(f"/learn/{FIRST.id}")
    assert response.status_code == 200
    assert "Your answers" not in response.text
    assert "1 of 7 lessons done" in client.get("/learn").text
