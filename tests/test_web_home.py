"""The home page for a person who comes back, the menu's wording, and reminder files.

A returning person sees today's session (or "done today"), their streak, the next
reminder this device has, and a way straight into the player; the questions are
"check my answers again". The calendar file links the address the app is served at.
"""

from __future__ import annotations

import html
import itertools
import json
import re
from datetime import date, datetime, time
from typing import Any

import pytest
from fastapi.testclient import TestClient
from playwright.sync_api import expect

from conftest import REPO
from supple.calendar.schedule import next_reminder, parse_schedule
from supple.player.pain_stop import LEG_PAIN_EMERGENCY
from web_fixtures import (
    SCREENSHOTS,
    LiveServer,
    app_for_tests,
    assert_accessible,
    draw_figures_first,
    shoot,
)

ANSWERS = json.loads((REPO / "tests" / "fixtures" / "answers" / "ok.json").read_text())


def client(base_url: str = "http://testserver") -> TestClient:
    return TestClient(app_for_tests(), base_url=base_url)


def new_plan(web: TestClient) -> int:
    made = web.post("/api/plan?minutes=8", json=ANSWERS)
    assert made.is_success and "location" in made.headers, made.text
    return int(made.headers["location"].rsplit("/", 1)[1])


def record_done(web: TestClient, session_id: int, index: int, step: dict[str, Any]) -> None:
    """Step ``index`` of a session recorded as done, as the player records it."""
    body = {
        "index": index,
        "kind": step["kind"],
        "exercise": step["exercise"],
        "side": step["side"],
        "planned_seconds": step["seconds"],
        "actual_seconds": step["seconds"],
        "outcome": "done",
    }
    assert web.post(f"/api/sessions/{session_id}/steps", json=body).status_code == 201


def escalate_by_checkins(web: TestClient) -> None:
    """A PEG-3 check-in two points above the first one: the escalation stands."""
    first = {"pain": 2, "enjoyment": 2, "activity": 2, "week_of": "2026-01-05"}
    assert web.post("/api/checkins", json=first).status_code == 201
    worse = {"pain": 6, "enjoyment": 6, "activity": 6}
    assert web.post("/api/checkins", json=worse).status_code == 201


def played_session(web: TestClient, plan_id: int, pain_after: int | None = None) -> int:
    """A session of the plan with every step recorded done; finished with
    ``pain_after`` when given (else left to be rated). Returns its id."""
    started = web.post("/api/sessions", json={"plan_id": plan_id, "pain_before": 3}).json()
    session_id: int = started["session"]["id"]
    for index, step in enumerate(started["timeline"]["steps"]):
        record_done(web, session_id, index, step)
    if pain_after is not None:
        finished = web.post(f"/api/sessions/{session_id}/finish", json={"pain_after": pain_after})
        assert finished.status_code == 200, finished.text
    return session_id


def menu(html: str) -> list[str]:
    nav = html[html.index('<nav aria-label="Main">') : html.index("</nav>")]
    return re.findall(r'<a href="[^"]+"[^>]*>([^<]+)</a>', nav)


def test_a_new_person_is_offered_the_questions() -> None:
    page = client().get("/").text
    assert "Start the questions" in page and "today-title" not in page
    assert menu(page)[0] == "Start"


def test_a_returning_person_sees_todays_session_and_can_start_it_from_home() -> None:
    web = client()
    plan_id = new_plan(web)
    page = web.get("/").text
    assert "<h1>Welcome back</h1>" in page and "Today's session" in page
    assert "Streak</dt><dd>0 days" in page
    assert "None on this device" in page
    assert f'action="/plan/{plan_id}/session"' in page and "Start today's session" in page
    assert menu(page)[0] == "Check my answers again"
    assert "Start the questions" not in page
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert token
    started = web.post(
        f"/plan/{plan_id}/session",
        data={"csrf_token": token[1], "pain_before": "4"},
        follow_redirects=False,
    )
    assert started.status_code == 303 and started.headers["location"].startswith("/session/")
    # Under way: "continue" goes straight back into the player.
    page = web.get("/").text
    assert "Continue the session" in page
    assert f'href="{started.headers["location"]}"' in page


def test_after_a_session_today_the_card_says_done_and_counts_the_streak() -> None:
    web = client()
    plan_id = new_plan(web)
    played_session(web, plan_id, pain_after=2)
    page = web.get("/").text
    assert "Done today" in page and "Streak</dt><dd>1 day<" in page
    assert "Start another session" in page


def test_the_next_reminder_comes_from_the_reminders_this_device_downloaded() -> None:
    web = client()
    plan_id = new_plan(web)
    ics = web.get(f"/plan/{plan_id}/calendar.ics?days=mon,wed,fri&at=06:15&weeks=2")
    assert ics.status_code == 200
    page = web.get("/").text
    expected = next_reminder(
        parse_schedule("mon,wed,fri", 2), date.today(), time(6, 15), datetime.now()
    )
    assert expected is not None
    assert "at 06:15" in page
    assert (expected.strftime("%A %d %B") in page) or ("Today at 06:15" in page)


def test_next_reminder_follows_the_days_and_stops_when_the_weeks_are_over() -> None:
    schedule = parse_schedule("mon,wed,fri", 1)
    monday = date(2026, 11, 30)
    at = time(7, 30)
    assert next_reminder(schedule, monday, at, datetime(2026, 11, 30, 7, 0)) == datetime(
        2026, 11, 30, 7, 30
    )
    assert next_reminder(schedule, monday, at, datetime(2026, 11, 30, 8, 0)) == datetime(
        2026, 12, 2, 7, 30
    )
    assert next_reminder(schedule, monday, at, datetime(2026, 12, 4, 7, 31)) is None


def test_reminder_files_link_the_address_and_port_the_app_is_served_at() -> None:
    """The .ics used to point at port 8000 whatever port the app ran on."""
    web = client("http://127.0.0.1:9123")
    plan_id = new_plan(web)
    ics = web.get(f"/plan/{plan_id}/calendar.ics").text.replace("\r\n ", "")
    assert "http://127.0.0.1:9123/play" in ics
    assert ":8000" not in ics


# True when every number of every 0-10 scale sits on one line inside its button.
ONE_LINE_NUMBERS = """() => [...document.querySelectorAll('.choices.numbers label')].every((l) => {
  const text = [...l.childNodes].find((n) => n.nodeType === 3 && n.textContent.trim());
  const range = document.createRange();
  range.selectNodeContents(text);
  return range.getClientRects().length === 1 && l.scrollWidth <= l.clientWidth;
})"""


@pytest.mark.browser
@pytest.mark.xdist_group("browser-home")
def test_home_goes_straight_into_the_player_and_back(page: Any, live_server: LiveServer) -> None:
    url = live_server.url
    made = page.request.post(url + "/api/plan?minutes=8", data=ANSWERS)
    assert made.ok
    # The plan page draws the routine's figures, which the session page then names.
    draw_figures_first(page, url + "/plan/" + made.headers["location"].rsplit("/", 1)[1])
    page.set_viewport_size({"width": 360, "height": 640})
    page.goto(url + "/")
    expect(page.get_by_role("heading", name="Today's session")).to_be_visible()
    assert_accessible(page, "home, today's session, at 360px")
    labels = [b.bounding_box() for b in page.locator("#q-pain_before .choices label").all()]
    assert len({round(box["y"]) for box in labels if box}) == 1, "the scale wraps at 360px"
    assert page.evaluate(ONE_LINE_NUMBERS), "a number wraps inside its button"
    shoot(page, "home-today")
    page.locator('input[name="pain_before"][value="4"]').check()
    with page.expect_navigation():
        page.get_by_role("button", name="Start today's session").click()
    assert re.search(r"/session/\d+$", page.url)
    session_path = page.url[len(url) :]
    expect(page.locator("#go")).to_be_enabled()
    page.goto(url + "/")
    assert_accessible(page, "home, session under way")
    with page.expect_navigation():
        page.get_by_role("link", name="Continue the session").click()
    assert page.url.endswith(session_path)


# Every 0-10 scale on the page: its buttons' boxes, and its question's size and place;
# and the inside of the box it is drawn in (its card, else its own fieldset): within
# the border and the padding.
SCALES = """() => [...document.querySelectorAll('fieldset.scale')].map((f) => {
  const box = (e) => { const r = e.getBoundingClientRect();
    return { left: r.left, top: r.top, right: r.right, bottom: r.bottom,
             width: r.width, height: r.height }; };
  const buttons = [...f.querySelectorAll('.choices.numbers label')].map(box);
  const legend = f.querySelector('legend');
  const number = f.querySelector('.choices.numbers label');
  const holder = f.closest('.card') || f;
  const style = getComputedStyle(holder), outer = holder.getBoundingClientRect();
  const inside = {
    left: outer.left + parseFloat(style.borderLeftWidth) + parseFloat(style.paddingLeft),
    right: outer.right - parseFloat(style.borderRightWidth) - parseFloat(style.paddingRight) };
  return { name: f.id, buttons: buttons, legend: box(legend), inside: inside,
           legend_size: parseFloat(getComputedStyle(legend).fontSize),
           body_size: parseFloat(getComputedStyle(document.body).fontSize),
           number_size: parseFloat(getComputedStyle(number).fontSize) };
})"""


# WCAG 2.5.8's least target width; 48 px tall for a finger on the floor.
SCALE_BUTTON_WIDTH = 24


def assert_scales_fit(page: Any, where: str, width: int) -> int:
    """Each 0-10 scale is one line of 11 equal buttons, each at least 24 px wide and
    48 px tall, none touching another, all inside their card's (or their own box's)
    padding, under a larger question."""
    scales = page.evaluate(SCALES)
    for scale in scales:
        name, buttons = f"{scale['name']} ({where})", scale["buttons"]
        assert len(buttons) == 11, name
        assert len({round(b["top"]) for b in buttons}) == 1, f"{name} wraps"
        assert max(b["width"] for b in buttons) - min(b["width"] for b in buttons) < 1, name
        for number, button in enumerate(buttons):
            big = button["width"] >= SCALE_BUTTON_WIDTH and button["height"] >= 48
            assert big, f"{name} {number}: {button}"
            assert button["left"] >= 0 and button["right"] <= width, f"{name} {number}: {button}"
            inside = scale["inside"]
            within = (
                inside["left"] - 0.5 <= button["left"] and button["right"] <= inside["right"] + 0.5
            )
            assert within, f"{name} {number} runs past its box's padding: {button}, {inside}"
        for before, after in itertools.pairwise(buttons):
            assert before["right"] <= after["left"], f"{name}: buttons overlap"
        assert scale["legend"]["bottom"] <= buttons[0]["top"], f"{name}: question not above"
        assert scale["legend_size"] >= 1.15 * scale["body_size"], f"{name}: question too small"
    return len(scales)


@pytest.mark.browser
@pytest.mark.xdist_group("browser-home")
def test_every_pain_scale_is_one_line_of_usable_buttons_at_360px(
    page: Any, live_server: LiveServer
) -> None:
    url = live_server.url
    assert page.request.post(url + "/api/plan?minutes=8", data=ANSWERS).ok
    page.set_viewport_size({"width": 360, "height": 640})
    page.goto(url + "/")
    # The module's server is shared: a session an earlier test left under way is
    # (rightly) offered to continue, with no scale. End it, as its person would.
    under_way = re.search(r'href="/session/(\d+)"', page.content())
    if under_way:
        ended = page.request.post(
            f"{url}/api/sessions/{under_way[1]}/finish", data={"pain_after": 2}
        )
        assert ended.ok, ended.text()
        page.goto(url + "/")
    assert assert_scales_fit(page, "home", 360) == 1
    assert page.evaluate(ONE_LINE_NUMBERS), "a number wraps inside its button"
    page.screenshot(path=str(SCREENSHOTS / "scales-home-360x640.png"), full_page=True)
    plan_path = re.search(r'href="(/plan/\d+)"', page.content())
    assert plan_path
    page.goto(url + plan_path[1])
    assert assert_scales_fit(page, "plan's start card", 360) == 1
    assert page.evaluate(ONE_LINE_NUMBERS), "a number wraps inside its button"
    started = page.request.post(
        url + "/api/sessions", data={"plan_id": int(plan_path[1][6:]), "pain_before": 3}
    )
    assert started.ok, started.text()
    page.goto(f"{url}/session/{started.json()['session']['id']}/finish")
    assert assert_scales_fit(page, "finish", 360) == 1
    assert page.evaluate(ONE_LINE_NUMBERS), "a number wraps inside its button"
    assert_accessible(page, "finish at 360px")
    ended = page.request.post(
        f"{url}/api/sessions/{started.json()['session']['id']}/finish", data={"pain_after": 2}
    )
    assert ended.ok, ended.text()
    page.goto(url + "/progress")
    assert assert_scales_fit(page, "weekly check-in", 360) == 3
    assert_accessible(page, "progress at 360px")
    page.screenshot(path=str(SCREENSHOTS / "scales-progress-360x640.png"), full_page=True)


def test_with_every_step_done_home_asks_for_the_rating_not_to_carry_on() -> None:
    web = client()
    plan_id = new_plan(web)
    session_id = played_session(web, plan_id)
    page = web.get("/").text
    assert "carry on where you stopped" not in page.lower() and "Continue the session" not in page
    assert f'href="/session/{session_id}/finish"' in page and "Rate today's session" in page


def test_a_session_under_way_is_offered_even_after_the_plan_was_updated() -> None:
    # A phone user stopped an exercise for pain and skipped on; the stop updated the
    # living plan, and home then offered only "Start today's session": the session
    # under way (on the plan it began with) could not be continued or rated.
    web = client()
    first = new_plan(web)
    started = web.post("/api/sessions", json={"plan_id": first, "pain_before": 3}).json()
    session_id = started["session"]["id"]
    record_done(web, session_id, 0, started["timeline"]["steps"][0])
    assert new_plan(web) != first  # the current plan is now another one
    page = web.get("/").text
    assert "Continue the session" in page, "the session under way is not offered"
    assert f'href="/session/{session_id}"' in page


def stop_for_pain(web: TestClient, plan_id: int, outcome: str, pain_after: int) -> None:
    """A session ended at its first exercise with the stop ``outcome``."""
    started = web.post("/api/sessions", json={"plan_id": plan_id, "pain_before": 3}).json()
    session_id = started["session"]["id"]
    for index, step in enumerate(started["timeline"]["steps"]):
        if step["kind"] in ("hold", "reps"):
            body = {
                "index": index,
                "kind": step["kind"],
                "exercise": step["exercise"],
                "side": step["side"],
                "planned_seconds": step["seconds"],
                "actual_seconds": 1,
                "outcome": outcome,
            }
            assert web.post(f"/api/sessions/{session_id}/steps", json=body).status_code == 201
            break
        record_done(web, session_id, index, step)
    finish = {"status": "quit", "pain_after": pain_after}
    ended = web.post(f"/api/sessions/{session_id}/finish", json=finish)
    assert ended.status_code == 200, ended.text


def leg_pain_stop(web: TestClient, plan_id: int) -> None:
    """A session stopped at its first exercise for pain spreading down the leg."""
    stop_for_pain(web, plan_id, "stopped_leg_pain", pain_after=4)


def test_after_a_leg_pain_stop_home_asks_the_questions_first_and_does_not_congratulate() -> None:
    """Issue 13, F3: a session done today, then one ended for pain down the leg. The
    warning-sign questions come before any other session, so home says so, links them,
    and neither congratulates nor offers another session."""
    web = client()
    plan_id = new_plan(web)
    played_session(web, plan_id, pain_after=2)
    leg_pain_stop(web, plan_id)
    page = web.get("/").text
    assert "Well done" not in page and "Another one is fine" not in page
    assert "Start another session" not in page and "Start today's session" not in page
    card = page[page.index('class="card today"') :]
    assert "Answer the warning-sign questions first" in card
    assert 'href="/start">Answer the warning-sign questions</a>' in card


def test_after_a_leg_pain_stop_home_shows_the_emergency_signs_first_in_bold() -> None:
    """The physiotherapist's review (MUST 3): the branch for exactly this case names the
    emergency signs first, in bold, then what comes next, then a GP today or NHS 111 (a same-day
    physiotherapist is rarely offered), then a GP or physiotherapist if it does not settle."""
    web = client()
    leg_pain_stop(web, new_plan(web))
    page = web.get("/").text
    card = html.unescape(" ".join(page[page.index('class="card today"') :].split()))
    card = card[: card.index("</section>")]
    emergency = f"<strong>{LEG_PAIN_EMERGENCY}</strong>"
    assert emergency in card
    paragraphs = re.findall(r"<p>(.*?)</p>", card)
    assert paragraphs[0] == emergency
    assert paragraphs[1] == (
        "Your last session stopped because pain spread down your leg. Before your next "
        "session, answer the warning-sign questions again. Supple will then update your plan."
    )
    assert paragraphs[2] == (
        "If a leg feels weak or numb, or it is getting worse, contact a GP today or call NHS "
        "111. If the leg pain has not settled in a few days, book a GP or physiotherapist."
    )


def test_a_standing_escalation_comes_first_on_home() -> None:
    """Issue 13, F4: a PEG-3 check-in two points above the first one escalates; home
    shows the GP or physiotherapist advice before today's session, as a warning."""
    web = client()
    new_plan(web)
    escalate_by_checkins(web)
    page = web.get("/").text
    assert 'class="notice warning" id="escalation"' in page
    assert "Please read this first" in page
    assert page.index('id="escalation"') < page.index('id="today-title"')


def test_no_praise_for_todays_session_while_an_escalation_stands() -> None:
    """t13b: "Well done ... Another one is fine" stood under the advice to see a GP or
    physiotherapist; the advice outweighs an invitation to do more."""
    web = client()
    played_session(web, new_plan(web), pain_after=3)
    assert "Well done" in web.get("/").text  # without the escalation, praise is right
    escalate_by_checkins(web)
    page = web.get("/").text
    assert 'id="escalation"' in page
    assert "Well done" not in page and "Another one is fine" not in page
    card = page[page.index('class="card today"') :]
    assert "Today's session is recorded" in card and "It hurt" not in card


def test_after_a_rebuild_home_shows_what_changed_at_the_top() -> None:
    """Issue 13, F6: the "what changed" note itself (its first lines), not only a link,
    before today's session."""
    web = client()
    plan_id = new_plan(web)
    leg_pain_stop(web, plan_id)
    page = web.get("/").text
    assert 'id="home-changes"' in page
    note = page[page.index('id="home-changes"') : page.index('id="today-title"')]
    assert "Your plan, updated" in note and "See what changed and why" in note
    assert "<li>" in note and "warning-sign questions" in note


def pain_stop(web: TestClient, plan_id: int) -> None:
    """A session ended at its first exercise, stopped for sharp pain (not down the leg)."""
    stop_for_pain(web, plan_id, "stopped_for_pain", pain_after=5)


def assert_bad_day_first(page: str, plan_id: int) -> None:
    card = page[page.index('class="card today"') : page.index("</section>", page.index("today"))]
    assert "Today was a bad day: the gentle routine" in card
    gentle = card.index('href="/flare"')
    full = card.index(f'action="/plan/{plan_id}/session"')
    assert gentle < full, "the gentle routine must come before the full session"
    assert 'class="button primary big" id="bad-day-first" href="/flare"' in card
    assert "Start the full session instead" in card
    assert "Start today's session" not in card and "Well done" not in card


def test_after_a_flare_up_recorded_today_home_leads_with_the_gentle_routine() -> None:
    web = client()
    plan_id = new_plan(web)
    token = re.search(r'name="csrf_token" value="([^"]+)"', web.get("/flare").text)
    assert token
    recorded = web.post("/flare", data={"csrf_token": token[1]}, follow_redirects=False)
    assert recorded.status_code == 303
    assert_bad_day_first(web.get("/").text, plan_id)


def test_after_a_session_ended_for_pain_today_home_leads_with_the_gentle_routine() -> None:
    web = client()
    plan_id = new_plan(web)
    assert "Today was a bad day" not in web.get("/").text
    pain_stop(web, plan_id)
    page = web.get("/").text
    assert "Today was a bad day" in page
    plan_id = int(re.findall(r'action="/plan/(\d+)/session"', page)[0])
    assert_bad_day_first(page, plan_id)


@pytest.mark.parametrize(
    ("pain_after", "rating"),
    [(7, "right"), (3, "painful"), (5, "right")],
    ids=["up", "painful", "up2"],
)
def test_a_session_that_hurt_is_not_praised_and_no_other_is_invited(
    pain_after: int, rating: str
) -> None:
    """u16b item 2: after pain 3 -> 7 and a "painful" rating home said "Well done…
    Another one is fine"; a session that hurt gets rest advice instead."""
    web = client()
    plan_id = new_plan(web)
    started = web.post("/api/sessions", json={"plan_id": plan_id, "pain_before": 3}).json()
    session_id = started["session"]["id"]
    for index, step in enumerate(started["timeline"]["steps"]):
        record_done(web, session_id, index, step)
    exercise = next(s["exercise"] for s in started["timeline"]["steps"] if s["exercise"])
    rated = web.post(
        f"/api/sessions/{session_id}/ratings", json={"exercise": exercise, "rating": rating}
    )
    assert rated.status_code == 200, rated.text
    finished = web.post(f"/api/sessions/{session_id}/finish", json={"pain_after": pain_after})
    assert finished.status_code == 200, finished.text
    page = web.get("/").text
    assert "Done today" in page
    assert "Well done" not in page and "Another one is fine" not in page
    assert "Start another session" not in page and "rest and go easy" in page


def test_a_session_set_aside_before_a_later_one_is_not_offered_again() -> None:
    """t13c F1/F6: a session left unfinished, then another begun and ended: home said
    "Today's session is under way" and its button resumed the set-aside session."""
    web = client()
    plan_id = new_plan(web)
    first = web.post("/api/sessions", json={"plan_id": plan_id, "pain_before": 3}).json()
    record_done(web, first["session"]["id"], 0, first["timeline"]["steps"][0])
    played_session(web, plan_id, pain_after=3)
    page = web.get("/").text
    assert "under way" not in page and f'href="/session/{first["session"]["id"]}"' not in page
    assert web.get("/play", follow_redirects=False).headers["location"].endswith("#start-session")
