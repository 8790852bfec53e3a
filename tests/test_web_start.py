"""The web questionnaire (supple.web.routes.pages_start): page by page from questions.toml,
warning signs first, an emergency or urgent answer met at once, clearance per rule."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date, timedelta
from html import escape, unescape
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from supple.screening.questions import MISSING_LIMIT, default_questions
from web_fixtures import app_for_tests
from web_forms import FIXTURES, first_page, load, page_fields, send, submit, token, walk

WEB = Path(__file__).parents[1] / "src" / "supple" / "web"


@pytest.fixture
def client() -> Iterator[TestClient]:
    with TestClient(app_for_tests()) as test_client:
        yield test_client


def field_names(html: str) -> list[str]:
    return list(
        dict.fromkeys(
            re.findall(r'<input type="(?:radio|checkbox|number)"[^>]*name="([^"]+)"', html)
        )
    )


def test_warning_signs_come_first_each_with_its_reason(client: TestClient) -> None:
    html = client.get("/start").text
    page = default_questions().on_page("warning_signs")
    asked = [n for n in field_names(html) if not n.startswith("none_of.")]
    assert asked == [q.id for q in page if q.shown_when is None]
    for question in page:
        if question.shown_when is None:  # follow-ups come once their answers are sent
            assert question.why.replace("'", "&#39;") in html
    assert "pain.intensity" not in html  # pain questions come only after the warning signs
    assert (
        "Page 1 of 5" in html
        and '<progress aria-labelledby="progress-label" max="5" value="1"' in html
    )
    assert "usual answer" not in html
    assert not re.search(r"<input[^>]*\bchecked", html)  # nothing answered in advance


def test_no_wording_of_a_question_is_written_in_the_web_code() -> None:
    """Every question, group, page and clearance sentence is in questions.toml only."""
    questions = default_questions()
    texts = [q.text for q in questions.question] + [q.why for q in questions.question]
    texts += [o.label for q in questions.question for o in q.options or [] if len(o.label) > 12]
    texts += [g.text for g in questions.group] + [g.why for g in questions.group]
    texts += [p.intro for p in questions.page] + [questions.clearance.why]
    texts += [q.missing for q in questions.question] + [g.missing for g in questions.group]
    texts += [questions.clearance.missing.partition("{")[0]]
    code = {
        path: path.read_text() for path in WEB.rglob("*") if path.suffix in (".py", ".html", ".js")
    }
    for text in texts:
        written = [str(path) for path, body in code.items() if text in body]
        assert not written, f"{text!r} is also written in {written}"


def test_every_page_says_how_far_along_it_is(client: TestClient) -> None:
    responses = walk(client, load("ok"))
    numbers = [re.search(r"Page (\d) of 5", r.text) for r in responses if r.status_code == 200]
    assert [int(n.group(1)) for n in numbers if n] == [1, 2, 3, 4, 5]
    assert responses[-1].status_code == 303 and "/plan/" in responses[-1].headers["location"]


def test_unanswered_questions_are_asked_again_in_their_own_words(client: TestClient) -> None:
    fields = first_page(load("ok"))
    del fields["about.age"]
    response = send(client, client.get("/start").text, fields)
    assert response.status_code == 422
    assert '<a href="#q-about.age">Type your age in whole years.</a>' in response.text
    assert "about.age:" not in response.text
    # What was answered stays answered.
    assert 'name="red_flags.fever" value="no" checked' in response.text


def summary(html: str) -> list[tuple[str, str]]:
    """The "please check these answers" list: (link target, text) per problem."""
    box = re.search(r'<div class="notice danger" role="alert" id="problems".*?</div>', html, re.S)
    assert box, "no list of problems on the page"
    links = re.findall(r'<li><a href="#([^"]+)">(.*?)</a></li>', box.group(0))
    return [(target, unescape(text)) for target, text in links]


def test_an_unanswered_page_lists_a_short_instruction_per_question(client: TestClient) -> None:
    """Issue 11: the summary once repeated every long question after "Please answer:"."""
    questions = default_questions()
    fields = first_page(load("ok"))
    left_blank = ["about.age", "pain.onset", "red_flags.leg_weakness"]
    for name in left_blank + [q.id for q in questions.question if q.group == "nerves"]:
        del fields[name]
    response = send(client, client.get("/start").text, fields)
    assert response.status_code == 422
    listed = summary(response.text)
    nerves = questions.group_by_id("nerves")
    assert listed == [
        *((f"q-{name}", questions.by_id(name).missing) for name in left_blank),
        ("group-nerves", nerves.missing),
    ]
    for _, text in listed:
        assert len(text) <= MISSING_LIMIT and "Please answer" not in text
    for name in left_blank:  # and said at the question too, just as briefly
        assert f"<strong>Please check:</strong> {escape(questions.by_id(name).missing)}" in (
            response.text
        )


def test_one_emergency_answer_is_enough_for_the_emergency_page(client: TestClient) -> None:
    response = client.post(
        "/start/warning-signs",
        data={"red_flags.bladder_change": "yes", "about.age": "150", "csrf_token": token(client)},
    )
    assert response.status_code == 200
    assert "Get emergency help now" in response.text
    assert "<form" not in response.text
    assert 'href="/start"' not in response.text


def test_the_script_never_sends_a_form_by_itself() -> None:
    script = (WEB / "static" / "start.js").read_text()
    assert "submit" not in script.replace("sent only when", "").lower().replace("submitter", "")
    assert "location" not in script and "click()" not in script


def test_an_urgent_answer_is_its_own_page_before_the_pain_questions(client: TestClient) -> None:
    answers = load("ok")
    answers["red_flags"]["cough_sneeze_worse"] = True
    answers["pain"]["assessed"] = True  # a clearance needs the pain examined
    responses = walk(client, answers, go_on=False)
    urgent = responses[-1].text
    assert "See a doctor today" in urgent and "pain.intensity" not in urgent
    assert "Page 1 of 5" in responses[-2].text
    assert "Go on with the questions" in urgent  # a clinician may already have checked this
    responses = walk(client, answers)
    assert responses[-1].status_code == 200 and "Already examined" in responses[-1].text
    assert 'name="clear.cough_sneeze_worse"' in responses[-1].text


def test_pregnancy_warning_signs_say_maternity_unit_not_gp(client: TestClient) -> None:
    answers = load("ok")
    answers["about"]["pregnancy"] = "pregnant"
    answers["red_flags"]["pregnancy_warning"] = True
    urgent = walk(client, answers, go_on=False)[-1].text
    assert "See a doctor today" in urgent
    assert "maternity unit or midwife now" in urgent and "urgent GP appointment" not in urgent


def test_an_urgent_answer_that_cannot_be_cleared_says_get_care_first(client: TestClient) -> None:
    answers = load("ok")
    answers["red_flags"]["fever"] = True
    responses = walk(client, answers)
    last = responses[-1].text
    assert "See a doctor today" in last and "get care first" in last
    assert "Go on with the questions" not in last and "questions-form" not in last


def test_none_of_these_answers_a_whole_group_no(client: TestClient) -> None:
    fields = first_page(load("ok"))
    group = [q.id for q in default_questions().question if q.group == "body"]
    for name in group:
        del fields[name]
    html = client.get("/start").text
    blank = send(client, html, fields)
    body = default_questions().group_by_id("body")
    assert blank.status_code == 422 and ("group-body", body.missing) in summary(blank.text)
    fine = send(client, html, {**fields, "none_of.body": "yes"})
    assert fine.status_code == 200 and "Page 2 of 5" in fine.text
    hidden = dict(re.findall(r'type="hidden" name="([^"]+)" value="([^"]*)"', fine.text))
    assert all(hidden[name] == "no" for name in group)
    both = send(client, html, {**fields, "none_of.body": "yes", "red_flags.loin_colic": "yes"})
    assert both.status_code == 422 and "also answered yes to: Pain in your side" in both.text


FOLLOW_UPS = (
    "red_flags.pregnancy_warning",
    "red_flags.cannot_bear_weight_after_fall",
    "red_flags.walking_much_harder_after_fall",
    "pain.legs_both_new_or_worse",
)


def test_follow_up_questions_appear_on_the_first_page_once_they_apply(client: TestClient) -> None:
    first = client.get("/start").text
    for name in FOLLOW_UPS:
        assert f'name="{name}"' not in first
    plain = send(client, first, first_page(load("ok"))).text
    assert "Page 2 of 5" in plain
    for name in FOLLOW_UPS:
        assert f'type="radio" name="{name}"' not in plain
    answers = load("ok")
    answers["about"]["pregnancy"] = "pregnant"
    answers["pain"]["onset"] = "after_fall_or_knock"
    answers["pain"]["legs"] = {"left": "thigh", "right": "thigh"}
    fields = {k: v for k, v in first_page(answers).items() if k not in FOLLOW_UPS}
    again = send(client, first, fields)
    assert "Page 1 of 5" in again.text and "Get emergency help now" not in again.text
    for name in FOLLOW_UPS:
        assert f'type="radio" name="{name}"' in again.text
    assert re.search(r'name="about.pregnancy" value="pregnant"[^>]* checked', again.text)


def test_a_fall_with_no_weight_bearing_is_an_emergency_right_after_page_1(
    client: TestClient,
) -> None:
    answers = load("ok")
    answers["pain"]["onset"] = "after_fall_or_knock"
    fields = first_page(answers)
    del fields["red_flags.cannot_bear_weight_after_fall"]
    asked = send(client, client.get("/start").text, fields)
    assert 'type="radio" name="red_flags.cannot_bear_weight_after_fall"' in asked.text
    emergency = send(
        client, asked.text, {**fields, "red_flags.cannot_bear_weight_after_fall": "yes"}
    )
    assert "Get emergency help now" in emergency.text


def test_another_emergency_answer_is_not_held_back_by_a_follow_up(client: TestClient) -> None:
    answers = load("ok")
    answers["pain"]["onset"] = "after_fall_or_knock"
    answers["red_flags"]["bladder_change"] = True
    fields = first_page(answers)
    del fields["red_flags.cannot_bear_weight_after_fall"]
    response = send(client, client.get("/start").text, fields)
    assert "Get emergency help now" in response.text


def test_errors_use_the_questions_words_never_field_paths(client: TestClient) -> None:
    answers = load("ok")
    html = walk(client, answers)[3].text  # page 3: the pain
    wrong = send(client, html, {**page_fields(answers, "the_pain"), "pain.intensity": "12"})
    assert wrong.status_code == 422
    assert "How strong is the pain right now" in wrong.text and "pain.intensity:" not in wrong.text
    last = walk(client, answers)[-2].text  # page 5, before sending it
    nothing = send(client, last, {**page_fields(answers, "preferences"), "preferences.can": []})
    assert nothing.status_code == 422
    assert "Choose at least one position you can get into comfortably." in nothing.text
    assert "preferences.can:" not in nothing.text


def test_later_pages_start_with_last_times_answers(client: TestClient) -> None:
    answers = load("ok")
    assert "filled in below" not in walk(client, answers)[3].text
    submit(client, answers)
    pain_page = walk(client, answers)[3 - 1].text
    assert "filled in below" in pain_page
    assert (
        f'name="pain.intensity" value="{answers["pain"]["intensity"]}" required checked'
        in pain_page
    )
    # The warning signs are never pre-answered.
    assert not re.search(r"<input[^>]*\bchecked", client.get("/start").text)


def clinician_page(client: TestClient, name: str = "see_clinician") -> str:
    response = submit(client, load(name))
    assert response.status_code == 200
    return str(response.text)


def answers_id(html: str) -> str:
    found = re.search(r'name="answers_id" value="(\d+)"', html)
    assert found
    return found.group(1)


def test_a_clearance_is_asked_per_rule_with_a_date(client: TestClient) -> None:
    html = clinician_page(client)
    assert "examined this pain, knowing about numbness or tingling in one leg" in html
    assert 'type="date" id="date.numbness_one_leg"' in html
    assert not re.search(r'name="clear\.[a-z_]+" value="yes" checked', html)
    fields = {"answers_id": answers_id(html), "csrf_token": token(client)}
    unconfirmed = client.post("/start/cleared", data=fields)
    short = default_questions().clearance.missing.replace(
        "{label}", "numbness or tingling in one leg"
    )
    assert unconfirmed.status_code == 422
    assert ("clear-numbness_one_leg", short) in summary(unconfirmed.text)
    said_no = client.post("/start/cleared", data={**fields, "clear.numbness_one_leg": "no"})
    assert said_no.status_code == 422 and "get care first" in said_no.text
    no_date = client.post("/start/cleared", data={**fields, "clear.numbness_one_leg": "yes"})
    assert no_date.status_code == 422 and "On what date did they say so?" in no_date.text
    week_ago = date.today() - timedelta(days=7)
    confirmed = {
        **fields,
        "clear.numbness_one_leg": "yes",
        "date.numbness_one_leg": week_ago.isoformat(),
    }
    cleared = client.post("/start/cleared", data=confirmed, follow_redirects=False)
    assert cleared.status_code == 303
    plan = client.get(cleared.headers["location"].replace("/plan/", "/api/plans/")).json()
    assert plan["document"]["routine"]["gentle"] is True
    page = client.get(cleared.headers["location"]).text
    heading = re.search(r'<h2 id="screen-title">([^<]+)</h2>', page)
    assert heading and heading.group(1).startswith(f"Cleared by your clinician on {week_ago.day} ")
    assert "numbness or tingling in one leg" in heading.group(1)
    assert "No routine is offered" not in page


def test_a_saved_clearance_is_shown_and_confirmed_again(client: TestClient) -> None:
    html = clinician_page(client)
    week_ago = (date.today() - timedelta(days=7)).isoformat()
    client.post(
        "/start/cleared",
        data={
            "answers_id": answers_id(html),
            "clear.numbness_one_leg": "yes",
            "date.numbness_one_leg": week_ago,
            "csrf_token": token(client),
        },
    )
    again = clinician_page(client)
    assert "you told us a GP or physiotherapist had said exercise is fine" in again
    assert (
        f'name="date.numbness_one_leg" max="{date.today().isoformat()}" value="{week_ago}"' in again
    )
    assert not re.search(r'value="yes" checked', again)


def test_a_clearance_older_than_12_weeks_does_not_count(client: TestClient) -> None:
    html = clinician_page(client)
    long_ago = (date.today() - timedelta(weeks=13)).isoformat()
    fields = {
        "answers_id": answers_id(html),
        "clear.numbness_one_leg": "yes",
        "date.numbness_one_leg": long_ago,
        "csrf_token": token(client),
    }
    again = client.post("/start/cleared", data=fields)
    assert again.status_code == 422 and "more than 12 weeks ago" in again.text


def test_a_rule_that_cannot_be_cleared_is_explained(client: TestClient) -> None:
    answers = load("urgent")
    answers["red_flags"]["fever"] = True
    response = submit(client, answers)
    assert "See a doctor today" in response.text
    assert 'name="clear.' not in response.text
    assert "get care first, then answer the questions again afterwards" in response.text


def test_urgent_answers_withhold_the_routine(client: TestClient) -> None:
    response = submit(client, load("urgent"))
    assert "See a doctor today" in response.text
    assert client.get("/api/plans").json()[-1]["estimated_seconds"] is None


def test_book_review_says_to_book_first_then_offers_the_gentle_routine(client: TestClient) -> None:
    made = submit(client, load("book_review"))
    page = client.get(made.headers["location"]).text
    book = page.index("Book a GP or physiotherapist appointment in the coming days or weeks")
    assert book < page.index("Start the guided session")
    assert page.index("6 weeks") < page.index('<ol class="routine">') or "weeks" in page[book:]


def test_a_stored_version_1_document_is_asked_again_never_an_error(client: TestClient) -> None:
    """Before issue 11, GET /plan/{id} answered 500 on answers with a red flag missing."""
    made = submit(client, load("ok"))
    plan_id = int(made.headers["location"].rsplit("/", 1)[1])
    old = json.loads((FIXTURES.with_name("answers_v1") / "ok.json").read_text())
    del old["red_flags"]["fever"]
    app_store = client.app.state.store  # type: ignore[attr-defined]
    plan = app_store.get_plan(plan_id)
    answers_id = app_store.save_answers(plan.profile, old)
    new_id = app_store.save_plan(plan.profile, plan.document, answers_id)
    page = client.get(f"/plan/{new_id}")
    assert page.status_code == 200
    assert "Check my answers again" in page.text
    assert "Start the guided session" not in page.text and "Swap for" not in page.text
    form = token(client)
    for path, data in (
        (f"/plan/{new_id}/adjust", {"minutes": "20", "level": "beginner"}),
        (f"/plan/{new_id}/session", {"pain_before": "3"}),
    ):
        sent = client.post(path, data={**data, "csrf_token": form}, follow_redirects=False)
        assert (sent.status_code, sent.headers["location"]) == (303, "/start")
    start = client.get("/start").text
    assert "Supple asks some new questions now" in start
    # What version 2 asks anew is blank and marked, on the page it belongs to.
    answers = load("ok")
    pain_page = walk(client, answers)[3 - 1].text
    assert '<span class="badge">' in pain_page
    assert not re.search(r'name="pain.trend" value="[a-z]+" required checked', pain_page)


@pytest.mark.parametrize(
    ("name", "said", "never"),
    [
        ("ok", "Check my answers again", "Fine to start"),
        ("emergency", "Get emergency help now", "Start the guided session"),
    ],
)
def test_a_plan_from_old_answers_shows_what_they_still_prove(
    client: TestClient, name: str, said: str, never: str
) -> None:
    made = submit(client, load("ok"))
    plan = client.app.state.store.get_plan(int(made.headers["location"].rsplit("/", 1)[1]))  # type: ignore[attr-defined]
    old = json.loads((FIXTURES.with_name("answers_v1") / f"{name}.json").read_text())
    store = client.app.state.store  # type: ignore[attr-defined]
    new_id = store.save_plan(plan.profile, plan.document, store.save_answers(plan.profile, old))
    page = client.get(f"/plan/{new_id}").text
    assert said in page and "Check my answers again" in page
    assert never not in page


def test_no_clearance_is_asked_when_no_one_has_examined_the_pain(client: TestClient) -> None:
    answers = load("see_clinician")
    answers["pain"]["assessed"] = False
    html = submit(client, answers).text
    assert 'name="clear.' not in html
    assert "a clearance needs a gp or physiotherapist who examined this pain" in html.lower()
