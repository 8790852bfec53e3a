"""The web app in a real browser: the whole journey, the emergency path and resuming.

These drive Debian's Chromium through Playwright against a live server (see
web_fixtures.py). Every page, and every state of the session player, is checked with
axe-core and saved at phone and desktop size in tests/artifacts/screenshots/.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import expect

from conftest import REPO
from supple.screening.questions import default_questions
from web_fixtures import LiveServer, assert_accessible, shoot
from web_forms import form_for

# One xdist worker runs this module (--dist loadgroup): its tests share one live server;
# each browser module is its own group, so the two workers share the browser tests.
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser-journey")]

ANSWERS = REPO / "tests" / "fixtures" / "answers"
CATALOG_PAGES = {
    "home": "/",
    "exercises": "/exercises",
    "exercise": "/exercises/supine-figure-four",
    "learn": "/learn",
}

# Longer than any routine these tests play (8 or 15 minutes), in the page's fake time.
SESSION_LIMIT_MS = 20 * 60 * 1000
EXERCISE_STEP = re.compile("Hold|Repetitions|Warm-up")
# The home page's way to the questions: "Start" for a new person, a re-check later.
QUESTIONS_LINK = re.compile("Start the questions|Check my answers again")


def position(page: Any) -> str:
    text: str = page.locator("#position-text").inner_text()
    return text


def step_number(page: Any) -> int:
    """The timeline step the player shows (its ``data-step``; people see exercises)."""
    found = page.locator("#position-text").get_attribute("data-step")
    assert found, position(page)
    return int(found)


def play_until(page: Any, reached: Callable[[], bool]) -> None:
    """Move the page's fake clock on a second at a time until ``reached()`` holds.

    The player's deadlines and ticks all run on that clock, so minutes of a session
    pass in moments with the same code a person's browser runs at real speed.
    """
    for _ in range(SESSION_LIMIT_MS // 1000):
        if reached():
            return
        page.clock.run_for(1000)
    raise AssertionError(f"never reached; the player shows {position(page)!r}")


def check(page: Any, name: str) -> None:
    """axe at both sizes, no sideways scrolling on a phone, then the screenshots."""
    for width, height in [(1280, 800), (390, 844)]:
        page.set_viewport_size({"width": width, "height": height})
        assert_accessible(page, f"{name} at {width}px")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{name} scrolls sideways by {overflow}px at {width}px"
    shoot(page, name)


def field(name: str) -> str:
    """A CSS selector for the input with this id (ids are field paths, with dots)."""
    return f'[id="{name}"]'


def load(name: str) -> dict[str, Any]:
    answers: dict[str, Any] = json.loads((ANSWERS / f"{name}.json").read_text())
    return answers


def page_number(page: Any) -> int:
    found = re.search(r"Page (\d+) of", page.locator(".progress-step").inner_text())
    assert found
    return int(found.group(1))


def answer_page(page: Any, answers: dict[str, Any], changes: dict[str, Any] | None = None) -> None:
    """Answer the questions this page shows as the person in ``answers`` would, by clicking:
    "None of these" where a group is all no, then each answer."""
    values = {**form_for(answers), **(changes or {})}
    questions = default_questions()
    on_page = questions.on_page(questions.page[page_number(page) - 1].id)
    for group in {q.group for q in on_page if q.group}:
        if all(values.get(q.id) == "no" for q in on_page if q.group == group):
            box = page.locator(f'input[name="none_of.{group}"]')
            if box.count():
                box.check()
    for question in on_page:
        value = values.get(question.id)
        inputs = page.locator(f'[name="{question.id}"]')
        if value is None or not inputs.count():
            continue
        if question.kind == "number" and inputs.first.get_attribute("type") == "number":
            page.fill(field(question.id), str(value))
        elif question.kind == "choices":
            for box in inputs.all():
                box.set_checked(box.get_attribute("value") in value)
        else:
            page.locator(f'input[name="{question.id}"][value="{value}"]').check()


def answer_all(page: Any, answers: dict[str, Any], name: str = "", **changes: Any) -> None:
    """Answer page after page until the questions end (checking each page on the way)."""
    while page.locator("#questions-form").count():
        number = page_number(page)
        if name:
            check(page, f"{name}-page-{number}")
        answer_page(page, answers, changes)
        with page.expect_navigation():
            page.locator("#questions-form button[type=submit]").click()


@pytest.mark.parametrize("name", sorted(CATALOG_PAGES))
def test_catalog_pages_are_accessible_at_both_sizes(
    page: Any, live_server: LiveServer, name: str
) -> None:
    page.goto(live_server.url + CATALOG_PAGES[name])
    assert page.locator("h1").count() == 1
    check(page, name)


def test_home_page_starts_the_questions_by_keyboard(page: Any, live_server: LiveServer) -> None:
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.get_by_role(
        "link", name=re.compile("(Start|Answer) the questions|Check my answers again")
    ).focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/start")


def test_full_journey_from_questions_to_progress(page: Any, live_server: LiveServer) -> None:
    url = live_server.url
    page.goto(url + "/")
    page.get_by_role(
        "link", name=re.compile("(Start|Answer) the questions|Check my answers again")
    ).click()
    page.wait_for_url("**/start")
    answer_all(page, load("ok"), "start", **{"preferences.minutes": "8"})

    page.wait_for_url(re.compile(r".*/plan/\d+$"))
    assert page.get_by_role("heading", name="Your routine", level=1).is_visible()
    items = page.locator("ol.routine > li")
    assert items.count() >= 3
    assert "Why:" in items.first.inner_text()
    check(page, "plan")

    page.locator('input[name="pain_before"][value="5"]').check()
    page.get_by_role("button", name="Start the guided session").click()
    page.wait_for_url(re.compile(r".*/session/\d+$"))
    # The player runs at its real speed on a fake clock the test moves forward.
    page.clock.install()
    page.reload()
    go = page.locator("#go")
    expect(page.locator("#go")).to_be_enabled()
    assert go.inner_text() == "Start"
    check(page, "player-ready")

    go.click()
    expect(page.locator("#count")).not_to_have_text("–")
    page.keyboard.press("Space")
    assert page.locator("#pause").inner_text() == "Resume"
    check(page, "player-paused")
    page.keyboard.press("Space")
    assert page.locator("#pause").inner_text() == "Pause"
    check(page, "player-running")

    # Play on to a real exercise step, then stop it for sharp pain with the key.
    play_until(page, lambda: bool(EXERCISE_STEP.search(position(page))))
    page.keyboard.press("x")
    # Everything pauses and asks, in large type, whether the pain is easing.
    expect(page.locator("#pain-stop-question")).to_be_visible()
    shown, where = page.locator("#count").inner_text(), position(page)
    page.clock.run_for(30_000)
    assert page.locator("#count").inner_text() == shown and position(page) == where
    check(page, "player-pain-stop-question")
    page.get_by_role("button", name="Yes, it is easing").click()
    check(page, "player-pain-stop-choices")
    page.get_by_role("button", name="Skip to the next exercise").click()
    assert page.locator("#stopped-note").is_visible()
    check(page, "player-stopped-for-pain")

    page.clock.run_for(SESSION_LIMIT_MS)
    page.wait_for_url(re.compile(r".*/session/\d+/finish$"))
    page.wait_for_selector("#finish", state="visible")
    # A stop for pain in the session: finished, but no "well done" above the stop.
    assert "Session finished" in page.locator("#finish-title").inner_text()
    check(page, "player-finished")
    page.locator('input[name="pain_after"][value="3"]').check()
    for group in page.locator("#finish fieldset").all()[1:]:
        group.locator('input[value="right"]').check()
    page.get_by_role("button", name="Save and see my progress").click()

    page.wait_for_url("**/progress")
    stats = page.locator(".stats").inner_text()
    assert re.search(r"\b1\s+sessions completed", stats), stats
    assert page.locator("text=Exercises stopped for pain").is_visible()
    chart = page.locator('img[src="/progress/pain.svg"]')
    assert chart.evaluate("img => img.complete && img.naturalWidth > 0")
    check(page, "progress")

    for name, value in (("pain", "4"), ("enjoyment", "3"), ("activity", "3")):
        page.locator(f'input[name="{name}"][value="{value}"]').check()
    page.get_by_role("button", name="Save this week's check-in").click()
    page.wait_for_url("**/progress#checkin")
    peg = page.locator('img[src="/progress/checkins.svg"]')
    assert peg.evaluate("img => img.complete && img.naturalWidth > 0")
    check(page, "progress-with-checkin")

    # The server kept every step of the session, each once, and the ratings.
    api = page.request.get(url + "/api/sessions")
    session = api.json()[-1]
    assert session["status"] == "completed" and session["pain_after"] == 3
    detail = page.request.get(f"{url}/api/sessions/{session['id']}").json()
    indices = [event["index"] for event in detail["events"]]
    assert sorted(indices) == list(range(len(detail["timeline"]["steps"])))
    outcomes = {event["outcome"] for event in detail["events"]}
    assert "stopped_for_pain" in outcomes
    assert detail["ratings"]


def test_an_emergency_answer_shows_only_the_emergency_page(
    page: Any, live_server: LiveServer
) -> None:
    page.goto(live_server.url + "/start")
    # One answer is enough, the rest unanswered; nothing is sent until the person does.
    page.locator('input[name="red_flags.saddle_numbness"][value="yes"]').click()
    time.sleep(0.3)
    assert page.url.endswith("/start")
    with page.expect_navigation():
        page.get_by_role("button", name="Next").click()
    assert page.url.endswith("/start/warning-signs")
    heading = page.get_by_role("heading", level=1)
    assert heading.inner_text() == "Get emergency help now"
    text = page.locator("main").inner_text()
    assert "999" in text and "112" in text and "911" in text
    assert page.locator("form").count() == 0
    # Nothing to click but a phone: only tap-to-call links, each at least 48 px tall.
    assert page.locator("main a:not([href^='tel:']), header a:not(.skip)").count() == 0
    calls = page.locator("main a[href^='tel:']")
    assert [calls.nth(i).get_attribute("href") for i in range(calls.count())] == [
        "tel:999",
        "tel:112",
        "tel:911",
    ]
    for i in range(calls.count()):
        assert calls.nth(i).bounding_box()["height"] >= 48
    check(page, "emergency")


def test_a_session_resumes_after_a_reload(page: Any, live_server: LiveServer) -> None:
    url = live_server.url
    answers = json.loads((ANSWERS / "ok.json").read_text())
    made = page.request.post(url + "/api/plan?minutes=8", data=answers)
    assert made.ok, made.text()
    plan_id = int(made.headers["location"].rsplit("/", 1)[1])
    started = page.request.post(url + "/api/sessions", data={"plan_id": plan_id, "pain_before": 4})
    session_id = started.json()["session"]["id"]
    steps = len(started.json()["timeline"]["steps"])

    page.clock.install()
    page.goto(f"{url}/session/{session_id}")
    expect(page.locator("#go")).to_be_enabled()
    page.locator("#go").click()
    play_until(page, lambda: step_number(page) > 4)
    # Pause, and let the steps the page has ended reach the server, so the count is final.
    page.keyboard.press("Space")
    expect(page.locator("#pause")).to_have_text("Resume")
    expect(page.locator("#status")).to_have_text("Paused")
    ended = step_number(page) - 1
    assert 4 <= ended < steps
    session_api = f"{url}/api/sessions/{session_id}"
    deadline = time.monotonic() + 15
    while page.request.get(session_api).json()["next_index"] < ended:
        assert time.monotonic() < deadline, "the ended steps never reached the server"
        time.sleep(0.05)

    page.reload()
    expect(page.locator("#go")).to_be_enabled()
    resume_at = page.request.get(f"{url}/api/sessions/{session_id}").json()["next_index"]
    assert page.locator("#go").inner_text().startswith("Resume at exercise ")
    assert step_number(page) == resume_at + 1
    assert "Welcome back" in page.locator("#status").inner_text()
    check(page, "player-resume")
    page.locator("#go").click()
    page.clock.run_for(SESSION_LIMIT_MS)
    page.wait_for_selector("#finish", state="visible")

    events = page.request.get(f"{url}/api/sessions/{session_id}").json()["events"]
    indices = [event["index"] for event in events]
    # Nothing done before the reload is lost or done twice; the rest follows on.
    assert sorted(indices) == list(range(steps))


def test_a_step_saved_while_paused_leaves_paused_showing(
    page: Any, live_server: LiveServer
) -> None:
    """A step that ended just before the pause is saved after it; the save's success
    used to blank the status line, so the person no longer saw that it was paused."""
    url = live_server.url
    answers = json.loads((ANSWERS / "ok.json").read_text())
    made = page.request.post(url + "/api/plan?minutes=8", data=answers)
    plan_id = int(made.headers["location"].rsplit("/", 1)[1])
    started = page.request.post(url + "/api/sessions", data={"plan_id": plan_id, "pain_before": 3})
    held: list[Any] = []
    page.route("**/api/sessions/*/steps", lambda route: held.append(route))  # hold each save
    page.clock.install()
    page.goto(f"{url}/session/{started.json()['session']['id']}")
    expect(page.locator("#go")).to_be_enabled()
    page.locator("#go").click()
    play_until(page, lambda: step_number(page) > 1)
    for _ in range(200):
        if held:
            break
        page.wait_for_timeout(25)
    assert held, "the first step was never sent"
    page.keyboard.press("Space")
    expect(page.locator("#status")).to_have_text("Paused")
    with page.expect_response("**/api/sessions/*/steps") as saved:
        held[0].continue_()
    assert saved.value.ok
    expect(page.locator("#status")).to_have_text("Paused")


def test_dark_mode_and_reduced_motion_pass_axe_too(browser: Any, live_server: LiveServer) -> None:
    """The dark palette keeps every contrast ratio; nothing moves when motion is reduced."""
    url = live_server.url
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, color_scheme="dark", reduced_motion="reduce"
    )
    try:
        tab = context.new_page()
        answers = json.loads((ANSWERS / "caution.json").read_text())
        made = tab.request.post(url + "/api/plan", data=answers)
        plan_path = made.headers["location"].replace("/api/plans/", "/plan/")
        started = tab.request.post(
            url + "/api/sessions",
            data={"plan_id": int(plan_path.rsplit("/", 1)[1]), "pain_before": 2},
        )
        session_path = f"/session/{started.json()['session']['id']}"
        pages = {
            "dark-home": "/",
            "dark-start": "/start",
            "dark-exercise": "/exercises/clamshell",
            "dark-plan": plan_path,
            "dark-player": session_path,
            "dark-progress": "/progress",
        }
        for name, path in pages.items():
            tab.goto(url + path)
            if path == session_path:
                expect(tab.locator("#go")).to_be_enabled()
            background = tab.evaluate("getComputedStyle(document.body).backgroundColor")
            assert background == "rgb(20, 23, 28)", f"{name} is not dark: {background}"
            if path == session_path:
                # The countdown ring animates normally; here it must not.
                ring = "getComputedStyle(document.getElementById('ring-bar')).transitionDuration"
                assert tab.evaluate(ring) == "1e-05s"
            check(tab, name)
    finally:
        context.close()


def test_arrowing_through_a_radio_group_never_leaves_the_page(
    page: Any, live_server: LiveServer
) -> None:
    """WCAG 3.2.2: choosing an answer, even an emergency one, changes nothing but the answer."""
    page.goto(live_server.url + "/start")
    first = page.locator('input[name="red_flags.numbness_tingling"]').first
    first.focus()
    page.keyboard.press("Space")
    for _ in range(4):
        page.keyboard.press("ArrowDown")  # none -> one leg -> both legs -> round again
    page.locator('input[name="red_flags.saddle_numbness"][value="yes"]').focus()
    page.keyboard.press("Space")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowLeft")
    time.sleep(0.5)
    assert page.url.endswith("/start")
    assert page.locator("#questions-form").count() == 1
    # "None of these" answers its group no in one tap, and a yes clears it again.
    page.locator('input[name="none_of.body"]').check()
    body = [q.id for q in default_questions().question if q.group == "body"]
    for name in body:
        assert page.locator(f'input[name="{name}"][value="no"]').is_checked()
    page.locator(f'input[name="{body[0]}"][value="yes"]').check()
    assert not page.locator('input[name="none_of.body"]').is_checked()
    # Ticked again after that yes: the yes to a warning sign is never erased silently.
    page.locator('input[name="none_of.body"]').click()
    assert page.locator(f'input[name="{body[0]}"][value="yes"]').is_checked()
    assert not page.locator('input[name="none_of.body"]').is_checked()
    statement = default_questions().by_id(body[0]).text
    expect(page.locator("#group-body .kept-yes")).to_contain_text(f"You said yes to: {statement}")
    assert page.url.endswith("/start")


def test_unanswered_questions_are_listed_and_linked(page: Any, live_server: LiveServer) -> None:
    page.goto(live_server.url + "/start")
    page.fill(field("about.age"), "34")
    with page.expect_navigation():
        page.get_by_role("button", name="Next").click()
    problems = page.locator("#problems")
    pregnancy = default_questions().by_id("about.pregnancy")
    assert pregnancy.missing in problems.inner_text()
    assert pregnancy.text not in problems.inner_text()
    assert "red_flags." not in problems.inner_text()
    assert page.input_value(field("about.age")) == "34"
    check(page, "start-problems")


def test_an_urgent_answer_then_a_clearance_leads_to_a_cleared_gentle_routine(
    page: Any, live_server: LiveServer
) -> None:
    page.goto(live_server.url + "/start")
    answers = load("ok")
    answer_page(page, answers, {"red_flags.cough_sneeze_worse": "yes"})
    with page.expect_navigation():
        page.get_by_role("button", name="Next").click()
    assert page.get_by_role("heading", level=1).inner_text() == "See a doctor today"
    assert page.locator('[name="pain.intensity"]').count() == 0
    check(page, "urgent")
    with page.expect_navigation():
        page.get_by_role("button", name="Go on with the questions").click()
    # A clearance needs the pain examined by a GP or physiotherapist.
    answer_all(page, answers, **{"red_flags.cough_sneeze_worse": "yes", "pain.assessed": "yes"})
    assert "Already examined" in page.locator("main").inner_text()
    check(page, "clearance")
    page.locator('input[name="clear.cough_sneeze_worse"][value="yes"]').check()
    page.fill(field("date.cough_sneeze_worse"), "2000-01-01")
    with page.expect_navigation():
        page.get_by_role("button", name="Build a gentle routine").click()
    assert "more than 12 weeks ago" in page.locator("main").inner_text()
    check(page, "clearance-not-counted")
    page.locator('input[name="clear.cough_sneeze_worse"][value="yes"]').check()
    week_ago = time.strftime("%Y-%m-%d", time.localtime(time.time() - 7 * 86400))
    page.fill(field("date.cough_sneeze_worse"), week_ago)
    with page.expect_navigation():
        page.get_by_role("button", name="Build a gentle routine").click()
    page.wait_for_url(re.compile(r".*/plan/\d+$"))
    heading = page.locator("#screen-title").inner_text()
    assert heading.startswith("Cleared by your clinician on") and "cough" in heading.lower()
    assert "No routine is offered" not in page.locator("main").inner_text()
    assert page.locator("ol.routine > li").count() >= 1
    check(page, "plan-cleared")


def test_an_urgent_answer_that_cannot_be_cleared_asks_for_care_first(
    page: Any, live_server: LiveServer
) -> None:
    page.goto(live_server.url + "/start")
    answer_page(page, load("ok"), {"red_flags.fever": "yes"})
    with page.expect_navigation():
        page.get_by_role("button", name="Next").click()
    text = page.locator("main").inner_text()
    assert "See a doctor today" in text and "get care first" in text
    assert page.locator("main form").count() == 0
    check(page, "urgent-not-clearable")


def test_book_review_and_ok_plans_say_what_to_do_first(page: Any, live_server: LiveServer) -> None:
    page.goto(live_server.url + "/start")
    answer_all(page, load("book_review"))
    page.wait_for_url(re.compile(r".*/plan/\d+$"))
    text = page.locator("main").inner_text()
    assert text.index("Book a GP or physiotherapist appointment") < text.index("The exercises")
    check(page, "plan-book-review")
    page.goto(live_server.url + "/start")
    answer_all(page, load("ok"))
    page.wait_for_url(re.compile(r".*/plan/\d+$"))
    assert "none of the warning signs Supple asks about" in page.locator("main").inner_text()


def test_old_answers_are_checked_again_before_any_routine(
    page: Any, live_server: LiveServer
) -> None:
    url = live_server.url
    old = json.loads((ANSWERS.with_name("answers_v1") / "ok.json").read_text())
    made = page.request.post(url + "/api/plan", data=old)
    assert made.ok, made.text()
    page.goto(url + made.headers["location"].replace("/api/plans/", "/plan/"))
    assert page.locator("ol.routine").count() == 0
    check(page, "plan-check-again")
    with page.expect_navigation():
        page.locator("main").get_by_role("link", name="Check my answers again").click()
    assert "Supple asks some new questions now" in page.locator("main").inner_text()
    answers = load("ok")
    for _ in range(2):
        answer_page(page, answers)
        with page.expect_navigation():
            page.get_by_role("button", name="Next").click()
    assert page.locator(".badge").count() >= 1  # the new questions about the pain are marked
    check(page, "start-asked-again")
    answer_all(page, answers)
    page.wait_for_url(re.compile(r".*/plan/\d+$"))
    assert page.locator("ol.routine > li").count() >= 1


def test_a_pain_stop_and_an_early_end_update_the_plan_everywhere(
    page: Any, live_server: LiveServer
) -> None:
    """Played to a pain stop that is not easing, ended there: the finish screen asks
    only about what was done and does not congratulate; the home page, /play and the
    calendar's link then all lead to the rebuilt plan, which says what changed."""
    url = live_server.url
    made = page.request.post(url + "/api/plan?minutes=8", data=load("ok"))
    assert made.ok, made.text()
    old_id = int(made.headers["location"].rsplit("/", 1)[1])
    old_ics = page.request.get(f"{url}/plan/{old_id}/calendar.ics").text()
    page.goto(f"{url}/plan/{old_id}")
    page.locator('input[name="pain_before"][value="4"]').check()
    page.get_by_role("button", name="Start the guided session").click()
    page.wait_for_url(re.compile(r".*/session/\d+$"))
    page.clock.install()
    page.reload()
    expect(page.locator("#go")).to_be_enabled()
    page.locator("#go").click()
    play_until(page, lambda: bool(EXERCISE_STEP.search(position(page))) and step_number(page) > 2)
    stopped_name = page.locator("#now").inner_text()
    page.get_by_role("button", name="Sharp pain: stop this exercise").click()
    expect(page.locator("#pain-stop-question")).to_be_visible()
    page.get_by_role("button", name="No, it is not easing").click()
    # Not easing: going on to the next exercise is not offered.
    expect(page.get_by_role("button", name="Skip to the next exercise")).to_be_hidden()
    page.get_by_role("button", name="End the session", exact=True).click()

    page.wait_for_url(re.compile(r".*/finish\?ended=pain$"))
    title = page.locator("#finish-title").inner_text()
    assert "Well done" not in title and "pain" in title
    legends = page.locator("#finish fieldset legend").all_inner_texts()
    assert not any(stopped_name.split(":")[0] in legend for legend in legends[1:])
    check(page, "finish-after-pain-stop")
    page.locator('input[name="pain_after"][value="5"]').check()
    page.get_by_role("button", name="Save and see my progress").click()
    page.wait_for_url("**/progress")

    page.goto(url + "/")
    # The returning person's card says the plan was updated and links to what changed.
    expect(page.locator(".today #plan-date")).to_contain_text("Your plan, updated")
    page.get_by_role("link", name="see what changed and why").click()
    page.wait_for_url(re.compile(r".*/plan/\d+#plan-changes$"))
    new_id = int(page.url.split("#")[0].rsplit("/", 1)[1])
    assert new_id != old_id
    changes = page.locator("#plan-changes")
    expect(changes).to_contain_text("What changed and why")
    expect(changes).to_contain_text("Stopped for pain once")
    assert page.get_by_role("button", name="Keep my previous plan").count() == 0
    check(page, "plan-updated-after-pain-stop")

    page.goto(url + "/play")
    assert page.url.endswith(f"/plan/{new_id}#start-session")
    # The reminders made from the old plan link to /play, which leads to the new one.
    found = re.search(r"(https?://[^\s]+/play)", old_ics.replace("\r\n ", ""))
    assert found, old_ics
    page.goto(url + "/" + found.group(1).split("/", 3)[3])
    assert page.url.endswith(f"/plan/{new_id}#start-session")


def test_a_stop_during_get_ready_counts_against_the_exercise_only_when_said(
    page: Any, live_server: LiveServer
) -> None:
    url = live_server.url
    made = page.request.post(url + "/api/plan?minutes=8", data=load("ok"))
    plan_id = int(made.headers["location"].rsplit("/", 1)[1])
    started = page.request.post(url + "/api/sessions", data={"plan_id": plan_id, "pain_before": 3})
    session_id = started.json()["session"]["id"]
    steps = started.json()["timeline"]["steps"]
    assert steps[0]["kind"] == "ready"
    page.clock.install()
    page.goto(f"{url}/session/{session_id}")
    expect(page.locator("#go")).to_be_enabled()
    page.locator("#go").click()
    page.keyboard.press("x")
    count_it = page.locator("#pain-count")
    expect(count_it).to_be_visible()
    assert not count_it.is_checked()
    count_it.check()
    page.get_by_role("button", name="Yes, it is easing").click()
    page.get_by_role("button", name="Skip to the next exercise").click()
    first = steps[0]["exercise"]
    passed = [i for i, s in enumerate(steps) if s["exercise"] == first]
    api = f"{url}/api/sessions/{session_id}"
    deadline = time.monotonic() + 15
    while page.request.get(api).json()["next_index"] <= passed[-1]:
        assert time.monotonic() < deadline, (
            "the stop and the skipped steps never reached the server"
        )
        time.sleep(0.05)
    events = {e["index"]: e["outcome"] for e in page.request.get(api).json()["events"]}
    # Said to come from the exercise about to start: the stop counts against it, and the
    # rest of it is passed over; the next exercise starts, nothing else runs on.
    assert events[0] == "stopped_for_pain"
    assert all(events[i] == "skipped" for i in passed[1:])
    assert step_number(page) == passed[-1] + 2
