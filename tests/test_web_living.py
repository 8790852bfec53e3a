"""The living plan: one current plan, rebuilt before the next session when the history
changes it, with what changed and why at the top, and "keep my previous plan" only for
changes that are not about safety."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from supple.catalog import default_catalog
from supple.planning.changes import ESCALATION_CHANGE, is_safety, plan_update
from supple.planning.filters import Adjustments
from supple.planning.history_notes import ChangeReason
from test_web_finish import finish_by_form, new_session, record
from web_fixtures import LOOPBACK_CLIENT, app_for_tests
from web_forms import token


@pytest.fixture
def client() -> Iterator[TestClient]:
    with TestClient(app_for_tests(), client=LOOPBACK_CLIENT) as test_client:
        yield test_client


def plans(client: TestClient) -> list[dict[str, Any]]:
    listed: list[dict[str, Any]] = client.get("/api/plans").json()
    return listed


def stop_first_exercise(
    client: TestClient, session: dict[str, Any], exercise: str | None = None
) -> str:
    """Play up to the first work step of ``exercise`` (by default the first exercise
    with an easier version), stop it for pain, and end the session from the pain stop;
    returns that exercise."""
    catalog = default_catalog()
    steps = session["timeline"]["steps"]
    index, step = next(
        (i, s)
        for i, s in enumerate(steps)
        if s["kind"] in ("warmup", "hold", "reps")
        and (
            s["exercise"] == exercise
            if exercise
            else s["kind"] != "warmup" and catalog.exercises[s["exercise"]].regression
        )
    )
    for earlier in range(index):
        record(client, session, earlier, "done")
    record(client, session, index, "stopped_for_pain")
    finish_by_form(client, session["session"]["id"], "pain", 5)
    exercise: str = step["exercise"]
    return exercise


def test_a_plan_is_not_rebuilt_while_nothing_changes(client: TestClient) -> None:
    session = new_session(client)
    for path in ("/", "/plan", "/play", f"/plan/{session['session']['plan_id']}"):
        client.get(path)
    assert len(plans(client)) == 1
    home = client.get("/").text
    assert re.search(r"Your plan, made \d+ [A-Z][a-z]{2}\.", home)
    assert "Plan 1" not in client.get(f"/plan/{session['session']['plan_id']}").text


def test_a_pain_stop_rebuilds_the_plan_before_the_next_session(client: TestClient) -> None:
    session = new_session(client)
    old_id = session["session"]["plan_id"]
    stopped = stop_first_exercise(client, session)
    name = default_catalog().exercises[stopped].name
    # Every way in leads to the rebuilt plan.
    play = client.get("/play", follow_redirects=False).headers["location"]
    found = re.fullmatch(r"/plan/(\d+)#start-session", play)
    assert found and int(found.group(1)) != old_id
    new_id = int(found.group(1))
    assert client.get("/plan", follow_redirects=False).headers["location"] == f"/plan/{new_id}"
    home = client.get("/").text
    assert f'href="/plan/{new_id}"' in home and "Your plan, updated" in home
    page = client.get(f"/plan/{new_id}").text
    assert "What changed and why" in page
    assert f"{name}: Stopped for pain once" in page
    assert "its easier version, its easier version" not in page
    # A pain stop is about safety: the previous plan cannot be kept.
    assert "Keep my previous plan" not in page
    refused = client.post(
        f"/plan/{new_id}/keep-previous", data={"csrf_token": token(client, f"/plan/{new_id}")}
    )
    assert refused.status_code == 409
    # A session cannot start on the old plan (an old tab, whose form still carries the
    # token): it leads to the updated one.
    started = client.post(
        f"/plan/{old_id}/session",
        data={"pain_before": "3", "csrf_token": token(client, f"/plan/{new_id}")},
        follow_redirects=False,
    )
    assert started.headers["location"] == f"/plan/{new_id}#start-session"
    assert len(plans(client)) == 2  # rebuilt once, not on every page


def test_a_swap_confirms_what_was_swapped_for_what(client: TestClient) -> None:
    session = new_session(client)
    plan_id = session["session"]["plan_id"]
    page = client.get(f"/plan/{plan_id}").text
    found = re.search(
        r'name="exercise" value="([a-z0-9-]+)">.*?<option value="([a-z0-9-]+)"', page, re.S
    )
    assert found, "no swap offered"
    old, new = found.groups()
    swapped = client.post(
        f"/plan/{plan_id}/swap",
        data={"exercise": old, "replacement": new, "csrf_token": token(client, f"/plan/{plan_id}")},
    )
    names = default_catalog().exercises
    assert f"You swapped {names[old].name} for {names[new].name}." in swapped.text
    assert "Keep my previous plan" in swapped.text
    swapped_id = int(str(swapped.url).rsplit("/", 1)[1])
    # Every other exercise that left or came in is named too (F2).
    before = client.get(f"/api/plans/{plan_id}").json()["document"]["routine"]["items"]
    after = client.get(f"/api/plans/{swapped_id}").json()["document"]["routine"]["items"]
    moved = {i["exercise"] for i in before} ^ {i["exercise"] for i in after}
    changes = swapped.text[swapped.text.index('id="plan-changes"') :]
    changes = changes[: changes.index("</section>")]
    for key in moved - {old, new}:
        assert f"{names[key].name}: " in changes, (key, changes)
    kept = client.post(
        f"/plan/{swapped_id}/keep-previous",
        data={"csrf_token": token(client, f"/plan/{swapped_id}")},
        follow_redirects=False,
    )
    kept_id = int(kept.headers["location"].rsplit("/", 1)[1])
    plan = client.get(f"/api/plans/{kept_id}").json()["document"]
    assert old in {item["exercise"] for item in plan["routine"]["items"]}
    # Kept, and not rebuilt again while the history is the same.
    assert client.get("/plan", follow_redirects=False).headers["location"] == f"/plan/{kept_id}"


def test_which_changes_are_about_safety() -> None:
    assert is_safety(ChangeReason("stopped_once"))
    assert is_safety(ChangeReason("leg_pain_stop"))
    assert is_safety(ChangeReason("rated_too_much", ratings=("hard", "painful")))
    assert not is_safety(ChangeReason("rated_too_much", ratings=("hard",)))
    assert not is_safety(ChangeReason("swapped"))


def test_an_escalation_is_the_first_change_and_about_safety() -> None:
    item = {"exercise": "a", "name": "A", "sets": 2, "why": "x", "variant": None}
    old = {"screen": {}, "routine": {"items": [item]}, "advice": []}
    new = {
        "screen": {},
        "routine": {"items": [{**item, "sets": 1}]},
        "advice": ["See a GP"],
    }
    adjustments = Adjustments(
        step_downs={"a": 1},
        reasons={"a": ChangeReason("rated_too_much", ratings=("hard",))},
        escalation="See a GP",
    )
    update = plan_update(old, new, adjustments, {"a": "A"})
    assert update is not None and update.safety
    # The advice is said once, in the warning box; the change list refers to it (F9).
    assert update.changes[0].text == ESCALATION_CHANGE
    assert "See a GP" not in {change.text for change in update.changes}
    assert update.changes[1].text.startswith("A: Rated hard once")
    assert plan_update(old, old, adjustments, {}) is None


def test_a_swap_never_offers_what_the_history_left_out_and_never_claims_a_swap_not_made(
    client: TestClient,
) -> None:
    """t13c F4: the walk, stopped for pain and left out, was offered in the march's
    swap list; chosen, the page said "You swapped Marching in place for Brisk walk"
    over a plan holding Arm circles instead."""
    stop_first_exercise(client, new_session(client), "brisk-walk")
    current = client.get("/plan", follow_redirects=False).headers["location"]
    page = client.get(current).text
    assert 'value="march-in-place"' in page
    assert '<option value="brisk-walk">' not in page
    count = len(plans(client))
    refused = client.post(
        current + "/swap",
        data={
            "exercise": "march-in-place",
            "replacement": "brisk-walk",
            "csrf_token": token(client, current),
        },
        headers={"referer": f"http://testserver{current}"},
    )
    assert refused.status_code == 422
    assert "You swapped" not in refused.text
    assert f'href="{current}">Back to the page you were on' in refused.text
    assert len(plans(client)) == count


def test_a_plan_rebuilt_after_a_stop_stays_put_however_often_it_is_opened(
    client: TestClient,
) -> None:
    """t13c N1: after a stop of an exercise whose easier version is a variant, every
    page view made a new plan, the exercise alternating between "left out: it was
    already done as its easier version" (untrue) and "added to fill your time"."""
    session = new_session(client)
    catalog = default_catalog()
    planned = [s["exercise"] for s in session["timeline"]["steps"] if s["exercise"]]
    exercise = next(
        key
        for key in planned
        if catalog.exercises[key].regression_variant and catalog.exercises[key].kind != "warmup"
    )
    stop_first_exercise(client, session, exercise)
    for _ in range(4):
        for path in ("/", "/plan", "/play"):
            client.get(path)
    assert len(plans(client)) == 2
    current = client.get("/plan", follow_redirects=False).headers["location"]
    page = client.get(current).text
    variant = catalog.exercises[exercise].regression_variant
    assert f"Easier version for now:</strong> {variant}" in page
    assert "already done as its easier version" not in page


def test_play_and_home_continue_the_same_session_after_a_rebuild(client: TestClient) -> None:
    """t13c N10: after a stop and "the pain has eased: carry on", home continued the
    session (of the plan it began on) while /play started a new one on the rebuilt plan."""
    session = new_session(client)
    catalog = default_catalog()
    steps = session["timeline"]["steps"]
    index = next(
        i
        for i, s in enumerate(steps)
        if s["kind"] in ("hold", "reps") and catalog.exercises[s["exercise"]].regression
    )
    for earlier in range(index):
        record(client, session, earlier, "done")
    record(client, session, index, "stopped_for_pain")  # then carried on: not finished
    home = client.get("/").text
    session_id = session["session"]["id"]
    assert f'href="/session/{session_id}"' in home
    assert client.get("/play", follow_redirects=False).headers["location"] == (
        f"/session/{session_id}"
    )
