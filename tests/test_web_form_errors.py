"""What to fix is said at its own question as well as in the list at the top, in the
question's own words, and a refused clearance date is shown as it was just entered."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from fastapi.testclient import TestClient

from web_fixtures import app_for_tests
from web_forms import first_page, load, send, submit, token


@pytest.fixture
def client() -> Iterator[TestClient]:
    with TestClient(app_for_tests()) as test_client:
        yield test_client


def test_an_unanswered_question_says_so_at_the_question(client: TestClient) -> None:
    fields = first_page(load("ok"))
    del fields["about.age"]
    html = send(client, client.get("/start").text, fields).text
    error = re.search(r'<p class="field-error" id="error-q-about\.age">(.*?)</p>', html)
    assert error and "Type your age in whole years." in error.group(1)
    fieldset = re.search(r'<fieldset class="question invalid" id="q-about\.age"([^>]*)>', html)
    assert fieldset and "error-q-about.age" in fieldset.group(1)
    age_input = re.search(r'<input type="number" id="about\.age"[^>]*>', html)
    assert age_input and 'aria-invalid="true"' in age_input.group(0)
    assert "error-q-about.age" in age_input.group(0)
    # The answered questions are not marked.
    assert 'id="error-q-red_flags' not in html


def test_an_unanswered_group_says_so_at_the_group(client: TestClient) -> None:
    fields = {k: v for k, v in first_page(load("ok")).items() if k != "red_flags.fever"}
    html = send(client, client.get("/start").text, fields).text
    error = re.search(r'<p class="field-error" id="error-(group-[a-z_]+)">', html)
    assert error, "the group with a blank statement says so at the group"
    assert f'<a href="#{error.group(1)}">' in html
    assert re.search(rf'id="{error.group(1)}" aria-describedby="error-{error.group(1)} ', html)


def test_focus_goes_to_what_to_fix(client: TestClient) -> None:
    fields = first_page(load("ok"))
    del fields["about.age"]
    html = send(client, client.get("/start").text, fields).text
    assert re.search(
        r'<div class="notice danger" role="alert" id="problems" tabindex="-1" autofocus>', html
    )
    assert "start.js" in html


def clinician_page(client: TestClient) -> str:
    response = submit(client, load("see_clinician"))
    assert response.status_code == 200
    return str(response.text)


def answers_id(html: str) -> str:
    found = re.search(r'name="answers_id" value="(\d+)"', html)
    assert found
    return found.group(1)


def test_a_refused_date_is_shown_as_entered_with_its_reason(client: TestClient) -> None:
    week_ago = (date.today() - timedelta(days=7)).isoformat()
    client.post(
        "/start/cleared",
        data={
            "answers_id": answers_id(clinician_page(client)),
            "clear.numbness_one_leg": "yes",
            "date.numbness_one_leg": week_ago,
            "csrf_token": token(client),
        },
    )
    html = clinician_page(client)  # the saved date is offered to be confirmed again
    assert f'value="{week_ago}"' in html
    long_ago = (date.today() - timedelta(weeks=13)).isoformat()
    refused = client.post(
        "/start/cleared",
        data={
            "answers_id": answers_id(html),
            "clear.numbness_one_leg": "yes",
            "date.numbness_one_leg": long_ago,
            "csrf_token": token(client),
        },
    )
    assert refused.status_code == 422
    page = refused.text
    assert f'value="{long_ago}"' in page and week_ago not in page
    error = re.search(r'id="error-clear-numbness_one_leg">(.*?)</p>', page)
    assert error and "more than 12 weeks ago" in error.group(1)
    assert 'name="clear.numbness_one_leg" value="yes" checked' in page
    assert "A clearance you gave does not count now" not in page


def test_a_refused_date_saves_nothing(client: TestClient) -> None:
    html = clinician_page(client)
    store = client.app.state.store  # type: ignore[attr-defined]
    profile = client.app.state.settings.profile  # type: ignore[attr-defined]
    before = len(store.saved_answers(profile))
    future = (date.today() + timedelta(days=3)).isoformat()
    refused = client.post(
        "/start/cleared",
        data={
            "answers_id": answers_id(html),
            "clear.numbness_one_leg": "yes",
            "date.numbness_one_leg": future,
            "csrf_token": token(client),
        },
    )
    assert refused.status_code == 422 and "in the future" in refused.text
    assert len(store.saved_answers(profile)) == before


def test_a_cleared_plan_is_calm_and_says_so_in_its_heading(client: TestClient) -> None:
    week_ago = date.today() - timedelta(days=7)
    cleared = client.post(
        "/start/cleared",
        data={
            "answers_id": answers_id(clinician_page(client)),
            "clear.numbness_one_leg": "yes",
            "date.numbness_one_leg": week_ago.isoformat(),
            "csrf_token": token(client),
        },
        follow_redirects=False,
    )
    page = client.get(cleared.headers["location"]).text
    box = re.search(
        r'<section class="notice ([a-z]+)" aria-labelledby="screen-title">(.*?)</section>',
        page,
        re.S,
    )
    assert box and box.group(1) != "danger"
    assert box.group(2).count("Cleared by your clinician on") == 1
    assert "No routine is offered" not in page
    assert "today" not in box.group(2).lower()  # no "see a doctor today" above the routine
    assert "Start the guided session" in page


def long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


@pytest.mark.parametrize(
    ("shift", "words"),
    [(timedelta(weeks=-20), "more than 12 weeks ago"), (timedelta(days=5), "is in the future")],
)
def test_a_refused_date_names_the_date_just_entered_not_the_saved_one(
    client: TestClient, shift: timedelta, words: str
) -> None:
    three_weeks_ago = date.today() - timedelta(weeks=3)
    client.post(
        "/start/cleared",
        data={
            "answers_id": answers_id(clinician_page(client)),
            "clear.numbness_one_leg": "yes",
            "date.numbness_one_leg": three_weeks_ago.isoformat(),
            "csrf_token": token(client),
        },
    )
    entered = date.today() + shift
    refused = client.post(
        "/start/cleared",
        data={
            "answers_id": answers_id(clinician_page(client)),
            "clear.numbness_one_leg": "yes",
            "date.numbness_one_leg": entered.isoformat(),
            "csrf_token": token(client),
        },
    )
    assert refused.status_code == 422
    errors = re.findall(
        r'class="field-error" id="error-clear-numbness_one_leg">(.*?)</p>', refused.text
    )
    summary = re.search(r'id="problems".*?</div>', refused.text, re.S)
    assert errors and summary
    for text in (errors[0], summary.group(0)):
        assert long_date(entered) in text and words in text
        assert long_date(three_weeks_ago) not in text and "you told us" not in text


@pytest.mark.parametrize("typed", ["150", "abc", "-3"])
def test_a_wrong_age_is_said_in_the_questions_words_with_its_range(
    client: TestClient, typed: str
) -> None:
    fields = {**first_page(load("ok")), "about.age": typed}
    del fields["red_flags.fever"]  # another problem on the page, found by another check
    html = send(client, client.get("/start").text, fields).text
    error = re.search(r'id="error-q-about\.age">(.*?)</p>', html)
    assert error and "Type a whole number from 0 to 120." in error.group(1)
    assert "input should" not in html
    summary = re.search(r'id="problems".*?</div>', html, re.S)
    assert summary
    links = re.findall(r'<a href="#([^"]+)">', summary.group(0))
    assert links[0] == "q-about.age", links


def test_an_age_under_16_is_said_at_once_after_page_1(client: TestClient) -> None:
    html = send(
        client, client.get("/start").text, {**first_page(load("ok")), "about.age": "12"}
    ).text
    notice = re.search(r'id="not-for-children">(.*?)</p>', html)
    assert notice and "16" in notice.group(1) and "will not suggest a routine" in notice.group(1)
    adult = send(client, client.get("/start").text, first_page(load("ok"))).text
    assert "not-for-children" not in adult
