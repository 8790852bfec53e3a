"""A physiotherapist's wording for the adaptation messages (issue 13): the rules are
unchanged, the words say what to do, how soon, and never promise or rush."""

from __future__ import annotations

import html
import io
import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from rich.console import Console

from session_logs import MONDAY, fresh_answers, spread, weeks_of
from supple.answers import parse_answers
from supple.catalog.models import Level
from supple.cli.plan import render_plan
from supple.documents import plan_document
from supple.planning import History, Plan, PlanMark, plan_for
from supple.planning.history_notes import ChangeReason, LevelUp, change_text, recheck_text
from supple.planning.movement_words import CLASS_WORDS
from supple.player.pain_stop import LEG_PAIN_EMERGENCY, SAFETY_LINE_EMERGENCY, PainStopState
from supple.player.runner import pain_question
from supple.progress import adapt
from supple.progress.adapt import SEE_SOMEONE, UNTIL_SEEN
from supple.progress.weekly import WeeklySummary
from supple.progress.worse import weekly_rise
from supple.store import open_store
from web_fixtures import LOOPBACK_CLIENT, app_for_tests

ANSWERS = json.loads(
    (Path(__file__).parent / "fixtures" / "answers" / "ok.json").read_text(encoding="utf-8")
)
runner = CliRunner()


def flat(text: str) -> str:
    return " ".join(html.unescape(text).split())


@pytest.fixture
def client() -> Iterator[TestClient]:
    with TestClient(app_for_tests(), client=LOOPBACK_CLIENT) as test_client:
        yield test_client


# 1. The leg-pain recheck names the command that asks the questions ---------------------


def test_the_leg_pain_recheck_points_to_supple_start_not_supple_screen() -> None:
    text = recheck_text("leg_pain_stop")
    assert "supple start" in text and "Start on the web" in text
    assert "supple screen" not in text  # it needs --answers FILE and asks nothing


# 2. Rising pain: no promise that exercise eases pain ----------------------------------


def test_the_rising_pain_reason_speaks_of_most_people_not_a_guarantee() -> None:
    sessions, today = weeks_of([[2, 2, 2], [4, 4, 4], [4, 4, 4]])
    text = weekly_rise(WeeklySummary.of(sessions, today).pain)
    assert text is not None
    assert "For most people, regular gentle exercise eases back pain over some weeks" in text
    assert "pain that keeps rising is worth having checked" in text
    assert "should ease" not in text


# 3. The escalation: what to do and how soon, the figures, then until then -------------


def rising_message() -> str:
    sessions, today = weeks_of([[2, 2, 2], [4, 4, 4], [4, 4, 4]])
    result = adapt(sessions, today=today, level="beginner", level_since=None, regressions={})
    assert result.message is not None
    return result.message


def test_the_escalation_books_an_appointment_then_gives_figures_then_what_to_do_meanwhile() -> None:
    message = rising_message()
    assert SEE_SOMEONE.startswith(
        "Book an appointment with a GP or physiotherapist in the next week or two"
    )
    assert "not an emergency" not in message and "This is not usually urgent." in SEE_SOMEONE
    assert message.startswith(SEE_SOMEONE)
    # Meanwhile: the plan as it is, no level-up, and the signs that make it an emergency.
    assert UNTIL_SEEN.startswith("Until then, carry on with your plan as it is, stay at your")
    assert "Call 999/112/911" in UNTIL_SEEN and "weakness in both legs" in UNTIL_SEEN
    assert message.endswith(UNTIL_SEEN)
    middle = message[len(SEE_SOMEONE) : -len(UNTIL_SEEN)]
    assert "2.0" in middle and "4.0" in middle
    assert "It is time to see" not in message


def save_rising_history(client: TestClient) -> int:
    """A plan, then three weeks of sessions with pain before rising from 3 to 6."""
    made = client.post("/api/plan", json=ANSWERS)
    assert made.is_success, made.text
    plan_id = int(made.headers["location"].rsplit("/", 1)[1])
    today = datetime.now(UTC)
    monday = today - timedelta(days=today.weekday() + 14)
    with open_store() as store:
        for week, pain in ((0, 3), (1, 6), (2, 6)):
            for day in range(3):
                at = min(monday + timedelta(days=7 * week + day), today)
                session = store.start_session("me", plan_id, pain, now=at)
                store.finish_session(session, pain_after=pain, now=at + timedelta(minutes=15))
    return plan_id


def escalation_section(page: str) -> str:
    found = re.search(r'<section class="([^"]*)" id="escalation"[^>]*>(.*?)</section>', page, re.S)
    assert found, "no escalation notice on the page"
    return found[0]


def test_the_web_shows_the_escalation_as_a_warning_not_an_emergency(client: TestClient) -> None:
    save_rising_history(client)
    progress = client.get("/progress").text
    section = escalation_section(progress)
    assert 'class="notice warning"' in section
    assert "danger" not in section and 'role="alert"' not in section
    words = flat(section)
    assert SEE_SOMEONE in words and UNTIL_SEEN in words
    heading = re.search(r"<h2[^>]*>(.*?)</h2>", section)
    assert heading and heading[1] == "Please read this first"
    assert "See a GP" not in heading[1] and "GP" not in heading[1]
    # The plan the history rebuilt leads with the same notice, in the same style.
    made = client.post("/api/plan", json=ANSWERS)
    plan_id = int(made.headers["location"].rsplit("/", 1)[1])
    plan = client.get(f"/plan/{plan_id}").text
    plan_section = escalation_section(plan)
    assert 'class="notice warning"' in plan_section and "danger" not in plan_section
    assert plan.index('id="escalation"') < plan.index('id="screen-title"')


def test_the_warning_style_is_not_the_emergency_red() -> None:
    css = (
        Path(__file__).parents[1] / "src" / "supple" / "web" / "static" / "supple.css"
    ).read_text(encoding="utf-8")
    rule = re.search(r"\.notice\.warning \{([^}]*)\}", css)
    assert rule and "--warn" in rule[1] and "--danger" not in rule[1]


# 4. Pain down the leg: the emergency signs, wherever the stop is shown -----------------


def test_the_emergency_line_says_exactly_what_to_look_for_and_to_call_999() -> None:
    # Loss of feeling comes before loss of control, and one leg getting weaker counts
    # too (the physiotherapist's review, MUST 3); every page gives the same numbers
    # (u16b item 9: the player said "999 or go to A&E", UK only).
    assert LEG_PAIN_EMERGENCY == (
        "If you have numbness between your legs or around your bottom, cannot feel or "
        "control when you pee or poo, or have weakness in both legs or a leg is getting "
        "weaker, call 999/112/911 or go to an emergency department now."
    )
    assert "999/112/911" in SAFETY_LINE_EMERGENCY


def test_the_terminal_pain_question_shows_the_emergency_line() -> None:
    shown = pain_question(PainStopState("exercise", "cat-cow"), counts=False)
    assert LEG_PAIN_EMERGENCY in shown


def new_session(client: TestClient) -> int:
    made = client.post("/api/plan", json=ANSWERS)
    plan_id = int(made.headers["location"].rsplit("/", 1)[1])
    started = client.post("/api/sessions", json={"plan_id": plan_id, "pain_before": 3})
    assert started.status_code == 201, started.text
    session_id: int = started.json()["session"]["id"]
    return session_id


def test_the_browser_pain_stop_and_the_leg_pain_finish_show_the_emergency_line(
    client: TestClient,
) -> None:
    session_id = new_session(client)
    player = client.get(f"/session/{session_id}").text
    panel = re.search(r'<section class="pain-stop".*?</section>', player, re.S)
    assert panel and LEG_PAIN_EMERGENCY in flat(panel[0])
    finish = flat(client.get(f"/session/{session_id}/finish?ended=leg").text)
    assert LEG_PAIN_EMERGENCY in finish


def test_a_session_left_at_a_pain_stop_shows_the_emergency_line(client: TestClient) -> None:
    session_id = new_session(client)
    steps = client.get(f"/api/sessions/{session_id}").json()["timeline"]["steps"]
    at = next(i for i, s in enumerate(steps) if s["kind"] not in ("ready", "transition"))
    marked = client.post(f"/api/sessions/{session_id}/pain-stop", json={"index": at})
    assert marked.status_code == 200, marked.text
    home = flat(client.get("/").text)
    assert "stopped for pain" in home and LEG_PAIN_EMERGENCY in home


# 5. The level-up: encouragement with the real figures, the command only in the CLI ----


def offer(to_level: Level | None = "intermediate") -> LevelUp:
    return LevelUp(from_level="beginner", to_level=to_level, sessions=6, days=14, planned=True)


def test_the_level_up_offer_praises_steady_practice_and_leaves_the_choice_to_the_person() -> None:
    text = offer().message
    assert text.startswith(
        "Good, steady practice: 6 sessions over 14 days, and your pain was never more than 1 "
        "point higher after a session than before it. If you feel ready, you can move up to "
        "the intermediate level."
    )
    assert "You are ready" not in text and "supple plan --level" not in text
    top = offer(None).message
    assert top.startswith("Good, steady practice: 6 sessions over 14 days, and your pain")
    assert "without extra pain" not in top
    assert "If you feel ready, you can try harder variants" in top


def steady_plan() -> Plan:
    """The plan after six calm sessions over 14 days: a level-up is earned."""
    sessions = spread(6, 14, before=2, after=2)
    today = max(s.day for s in sessions)
    history = History(
        sessions=tuple(sessions),
        plans=(PlanMark(MONDAY, "beginner", ("bird-dog",)),),
        warning_signs_answered=fresh_answers(today),
    )
    return plan_for(parse_answers(ANSWERS), history, today)


def test_the_plan_offer_has_no_command_and_the_terminal_adds_it() -> None:
    plan = steady_plan()
    assert plan.adjustments.level_up is not None
    # The advice is what the web pages, the API and the handout show: no command there.
    line = next(a for a in plan.advice if a.startswith("Good, steady practice"))
    assert "If you feel ready, you can move up to the intermediate level" in line
    assert "It changes:" in line
    assert not any("supple plan --level" in a for a in plan.advice)
    assert "supple plan --level" not in json.dumps(plan_document(plan).to_json())
    out = io.StringIO()
    Console(file=out, width=200).print(*render_plan(plan))
    assert "To move up in a terminal: supple plan --level intermediate" in out.getvalue()


# 6. Leg-pain movement words and the "stopped twice" advice ----------------------------


def test_a_shared_movement_is_named_in_plain_words_never_as_a_class_id() -> None:
    reason = ChangeReason(
        "same_movement_as_leg_pain_stop",
        because_of="figure-four",
        movements=("spinal_rotation",),
    )
    text = change_text(reason, {"figure-four": "Figure-four stretch"})
    assert text.startswith(
        "Left out because it uses the same kind of movement (twisting the trunk) as "
        "Figure-four stretch"
    )
    assert "spinal" not in text and "loads" not in text
    leg = change_text(ChangeReason("leg_pain_stop"), {})
    assert "uses the same kind of movement" in leg and "loads" not in leg


@pytest.mark.parametrize("movement", sorted(CLASS_WORDS))
def test_every_movement_class_reads_in_words(movement: str) -> None:
    reason = ChangeReason("same_movement_as_leg_pain_stop", because_of="x", movements=(movement,))
    text = change_text(reason, {"x": "X"})
    assert f"({CLASS_WORDS[movement]})" in text and movement not in text


def test_stopped_twice_asks_a_gp_or_physiotherapist_about_the_pain() -> None:
    text = change_text(ChangeReason("stopped_twice", count=2), {})
    assert text == (
        "Stopped for pain twice: left out; ask a GP or physiotherapist about the pain it "
        "caused before you try it again."
    )
