"""The browser player's pain stop as data, and the finish screen the server renders.

The player looks every pain-stop choice up in the one rule the page carries
(``supple.player.pain_stop.follow_on_table``); the finish screen is rendered from the
recorded steps by ``supple.player.finish``: it asks only about exercises that were done
and does not congratulate a session that pain ended.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from supple.player.pain_stop import CHOICE_LABELS, QUESTION, follow_on_table
from web_fixtures import LOOPBACK_CLIENT, app_for_tests
from web_forms import load, submit, token


@pytest.fixture
def client() -> Iterator[TestClient]:
    with TestClient(app_for_tests(), client=LOOPBACK_CLIENT) as test_client:
        yield test_client


def new_session(client: TestClient) -> dict[str, Any]:
    made = submit(client, load("ok"))
    plan_id = int(made.headers["location"].rsplit("/", 1)[1])
    started = client.post("/api/sessions", json={"plan_id": plan_id, "pain_before": 4})
    assert started.status_code == 201, started.text
    session: dict[str, Any] = started.json()
    return session


def record(client: TestClient, session: dict[str, Any], index: int, outcome: str) -> None:
    step = session["timeline"]["steps"][index]
    response = client.post(
        f"/api/sessions/{session['session']['id']}/steps",
        json={
            "index": index,
            "kind": step["kind"],
            "exercise": step["exercise"] or None,
            "side": step["side"],
            "planned_seconds": step["seconds"],
            "actual_seconds": step["seconds"] / 10,
            "outcome": outcome,
        },
    )
    assert response.status_code == 201, response.text


def finish_by_form(client: TestClient, session_id: int, ended: str, pain_after: int) -> None:
    """The finish screen's form sent as the player leaves it after an early end."""
    fields = {
        "pain_after": str(pain_after),
        "ended": ended,
        "csrf_token": token(client, f"/session/{session_id}/finish?ended={ended}"),
    }
    client.post(f"/session/{session_id}/finish", data=fields)


def exercises_in_order(session: dict[str, Any]) -> list[str]:
    return list(dict.fromkeys(s["exercise"] for s in session["timeline"]["steps"] if s["exercise"]))


def play_first_exercise_then_stop_the_second(
    client: TestClient, session: dict[str, Any], outcome: str = "stopped_for_pain"
) -> int:
    """Every step up to the second exercise's first work step done; that one stopped
    (``outcome``). Returns the index of the stopped step."""
    second = exercises_in_order(session)[1]
    steps = session["timeline"]["steps"]
    stop_at = next(
        i
        for i, s in enumerate(steps)
        if s["exercise"] == second and s["kind"] in ("warmup", "hold", "reps")
    )
    for index in range(stop_at):
        record(client, session, index, "done")
    record(client, session, stop_at, outcome)
    return stop_at


def rated(page: str) -> list[str]:
    return re.findall(r'name="rating_([a-z0-9-]+)" value="easy"', page)


def test_the_player_page_carries_the_one_pain_stop_rule(client: TestClient) -> None:
    session = new_session(client)
    page = client.get(f"/session/{session['session']['id']}").text
    found = re.search(r"data-pain-stop='([^']*)'", page)
    assert found, "the page carries no pain-stop rule"
    data = json.loads(html.unescape(found.group(1)))
    assert data["rule"] == follow_on_table()
    assert data["question"] == QUESTION and data["labels"] == CHOICE_LABELS
    # The large question and every choice of the rule are on the page, waiting.
    assert html.escape(QUESTION, quote=False) in page
    for choice, label in CHOICE_LABELS.items():
        assert f'data-choice="{choice}"' in page and html.escape(label, quote=False) in page
    # The finish screen is no longer a part of the player that could ask about everything.
    assert 'name="rating_' not in page


def test_after_a_pain_stop_only_exercises_done_are_asked_and_nothing_congratulates(
    client: TestClient,
) -> None:
    session = new_session(client)
    first, second, *rest = exercises_in_order(session)
    play_first_exercise_then_stop_the_second(client, session)
    session_id = session["session"]["id"]
    page = client.get(f"/session/{session_id}/finish?ended=pain").text
    assert rated(page) == [first]
    assert "Well done" not in page and "Session ended for pain" in page
    assert "Stopped for pain:" in page
    assert 'name="ended" value="pain"' in page
    fields = {
        "pain_after": "6",
        "ended": "pain",
        "csrf_token": token(client, f"/session/{session_id}/finish?ended=pain"),
        f"rating_{first}": "right",
        # Never asked: an exercise stopped for pain, and one never reached.
        f"rating_{second}": "easy",
        **({f"rating_{rest[0]}": "easy"} if rest else {}),
    }
    done = client.post(f"/session/{session_id}/finish", data=fields, follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"] == "/progress"
    detail = client.get(f"/api/sessions/{session_id}").json()
    assert detail["session"]["status"] == "quit"
    assert [(r["exercise"], r["rating"]) for r in detail["ratings"]] == [(first, "right")]


def test_pain_down_the_leg_ends_with_the_warning_sign_questions(client: TestClient) -> None:
    session = new_session(client)
    play_first_exercise_then_stop_the_second(client, session)
    session_id = session["session"]["id"]
    page = client.get(f"/session/{session_id}/finish?ended=leg").text
    assert "warning-sign questions again" in page and "Well done" not in page
    fields = {
        "pain_after": "7",
        "ended": "leg",
        "csrf_token": token(client, f"/session/{session_id}/finish?ended=leg"),
    }
    done = client.post(f"/session/{session_id}/finish", data=fields, follow_redirects=False)
    assert done.headers["location"] == "/start"


@pytest.mark.parametrize(
    ("outcome", "heading", "next_page"),
    [
        ("stopped_for_pain", "Session ended for pain", "/progress"),
        ("stopped_leg_pain", "Session ended for pain", "/start"),
    ],
)
def test_a_finish_screen_opened_again_still_knows_pain_ended_the_session(
    client: TestClient, outcome: str, heading: str, next_page: str
) -> None:
    """t13b: opened again from home (no ``?ended=``), the screen said "Session ended
    early", and after pain down the leg neither showed the warning-sign box nor led to
    the questions."""
    session = new_session(client)
    play_first_exercise_then_stop_the_second(client, session, outcome)
    session_id = session["session"]["id"]
    page = client.get(f"/session/{session_id}/finish").text
    assert heading in page and "Session ended early" not in page
    assert ("warning-sign questions again" in page) == (outcome == "stopped_leg_pain")
    fields = {"pain_after": "6", "csrf_token": token(client, f"/session/{session_id}/finish")}
    done = client.post(f"/session/{session_id}/finish", data=fields, follow_redirects=False)
    assert done.headers["location"] == next_page
    assert client.get(f"/api/sessions/{session_id}").json()["session"]["status"] == "quit"


def test_a_session_played_to_the_end_asks_every_exercise_without_praise_yet(
    client: TestClient,
) -> None:
    """u16b item 2: "Well done. How was it?" stood above a form not yet answered; the
    answers may still show that it hurt, so the heading only asks."""
    session = new_session(client)
    for index in range(len(session["timeline"]["steps"])):
        record(client, session, index, "done")
    page = client.get(f"/session/{session['session']['id']}/finish").text
    assert ">How was it?</h1>" in page and "Well done" not in page
    assert rated(page) == exercises_in_order(session)


def test_played_to_the_end_with_a_pain_stop_is_finished_not_ended_early(
    client: TestClient,
) -> None:
    # A phone user stopped one exercise for pain, skipped on and finished every other
    # exercise: the finish screen said "Session ended early", which reads as a failure.
    session = new_session(client)
    stop_at = play_first_exercise_then_stop_the_second(client, session)
    second = session["timeline"]["steps"][stop_at]["exercise"]
    steps = session["timeline"]["steps"]
    for index in range(stop_at + 1, len(steps)):
        if steps[index]["exercise"] != second:
            record(client, session, index, "done")
    page = client.get(f"/session/{session['session']['id']}/finish").text
    assert "Session ended early" not in page and "Well done" not in page
    assert "Session finished" in page and "Stopped for pain:" in page


def test_end_now_before_the_end_is_not_congratulated(client: TestClient) -> None:
    session = new_session(client)
    for index in range(len(session["timeline"]["steps"]) - 1):
        record(client, session, index, "done")
    page = client.get(f"/session/{session['session']['id']}/finish?ended=early").text
    assert "Well done" not in page and "Session ended early" in page


def test_an_unknown_ending_is_refused(client: TestClient) -> None:
    session_id = new_session(client)["session"]["id"]
    assert client.get(f"/session/{session_id}/finish?ended=bored").status_code == 422
    fields = {
        "pain_after": "2",
        "ended": "bored",
        "csrf_token": token(client, f"/session/{session_id}/finish"),
    }
    refused = client.post(f"/session/{session_id}/finish", data=fields)
    assert refused.status_code == 422 and "ended" in refused.text
    assert client.get(f"/api/sessions/{session_id}").json()["session"]["status"] == "in_progress"


def test_after_pain_down_the_leg_no_session_starts_before_the_warning_signs(
    client: TestClient,
) -> None:
    session = new_session(client)
    stopped = play_first_exercise_then_stop_the_second(client, session, "stopped_leg_pain")
    session_id, plan_id = session["session"]["id"], session["session"]["plan_id"]
    fields = {
        "pain_after": "7",
        "ended": "leg",
        "csrf_token": token(client, f"/session/{session_id}/finish?ended=leg"),
    }
    client.post(f"/session/{session_id}/finish", data=fields)
    assert client.get("/play", follow_redirects=False).headers["location"] == "/start"
    started = client.post(
        f"/plan/{plan_id}/session",
        data={"pain_before": "3", "csrf_token": token(client, "/start")},
        follow_redirects=False,
    )
    assert started.headers["location"] == "/start"
    assert session["timeline"]["steps"][stopped]["exercise"]


def test_after_pain_down_the_leg_an_unsaved_session_is_never_resumed(
    client: TestClient,
) -> None:
    """t13c N2: after "Pain down the leg: end the session", with the finish form not
    saved, home said "Today's session is under way" and the player resumed the routine
    at the next exercise, recording it as done."""
    session = new_session(client)
    play_first_exercise_then_stop_the_second(client, session, "stopped_leg_pain")
    session_id = session["session"]["id"]
    opened = client.get(f"/session/{session_id}", follow_redirects=False)
    assert (opened.status_code, opened.headers["location"]) == (
        303,
        f"/session/{session_id}/finish",
    )
    home = client.get("/").text
    assert "under way" not in home and "Continue the session" not in home
    assert f'href="/session/{session_id}/finish"' in home
    assert "Every step is done" not in home and "the pain spread down your leg" in home


def test_a_saved_session_ended_by_pain_down_the_leg_still_says_so(client: TestClient) -> None:
    """t13c: opened again after saving, the page said only "It was stopped early"."""
    session = new_session(client)
    play_first_exercise_then_stop_the_second(client, session, "stopped_leg_pain")
    session_id = session["session"]["id"]
    finish_by_form(client, session_id, "leg", 5)
    for path in (f"/session/{session_id}/finish", f"/session/{session_id}"):
        page = client.get(path).text
        assert "It was ended for pain." in page and "warning-sign questions again" in page, path
        assert 'href="/start">Answer the warning-sign questions</a>' in page
