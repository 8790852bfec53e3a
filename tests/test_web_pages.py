"""The server-rendered pages: security on every response, CSRF on every form, the journey."""

from __future__ import annotations

import importlib
import json
import os
import pkgutil
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st

from ports import free_port
from supple.catalog import default_catalog
from supple.cli import cli
from supple.cli.serve import is_loopback
from supple.web.security import CSRF_COOKIE
from web_fixtures import LOOPBACK_CLIENT, app_for_tests
from web_forms import load, submit, token

FIXTURES = Path(__file__).parent / "fixtures" / "answers"


@pytest.fixture
def client() -> Iterator[TestClient]:
    with TestClient(app_for_tests(), client=LOOPBACK_CLIENT) as test_client:
        yield test_client


def started_session(client: TestClient) -> tuple[int, int]:
    made = submit(client, load("ok"))
    plan_id = int(made.headers["location"].rsplit("/", 1)[1])
    started = client.post(
        f"/plan/{plan_id}/session",
        data={"pain_before": "5", "csrf_token": token(client, f"/plan/{plan_id}")},
        follow_redirects=False,
    )
    return plan_id, int(started.headers["location"].rsplit("/", 1)[1])


def test_every_page_sends_the_security_headers(client: TestClient) -> None:
    plan_id, session_id = started_session(client)
    exercise = next(iter(default_catalog().exercises))
    pages = [
        "/",
        "/start",
        "/exercises",
        f"/exercises/{exercise}",
        "/learn",
        f"/plan/{plan_id}",
        f"/session/{session_id}",
        "/progress",
        "/progress/pain.svg",
        "/healthz",
        "/openapi.json",
        "/api/progress",
        "/no-such-page",
        "/static/supple.css",
    ]
    for path in pages:
        response = client.get(path)
        headers = response.headers
        policy = headers["content-security-policy"]
        assert "script-src 'self'" in policy and "'unsafe-inline'" not in policy, path
        assert "frame-ancestors 'none'" in policy, path
        assert headers["x-content-type-options"] == "nosniff", path
        assert headers["referrer-policy"] == "same-origin", path
        assert headers["x-frame-options"] == "DENY", path


def test_no_inline_script_or_event_handler_in_any_page(client: TestClient) -> None:
    plan_id, session_id = started_session(client)
    for path in [
        "/",
        "/start",
        "/learn",
        f"/plan/{plan_id}",
        f"/session/{session_id}",
        "/progress",
    ]:
        html = client.get(path).text
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert re.fullmatch(r'<script src="/static/[a-z]+\.js\?v=[0-9a-f]{12}" defer>', tag), (
                path,
                tag,
            )
        assert not re.search(r"<[^>]+\son[a-z]+=", html), path
        assert "style=" not in html, path


def test_healthz_answers(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}


def test_requests_for_another_host_are_refused(client: TestClient) -> None:
    response = client.get("/", headers={"host": "evil.example"})
    assert response.status_code == 400
    assert client.get("/", headers={"host": "127.0.0.1:8000"}).status_code == 200
    assert client.get("/", headers={"host": "localhost:8000"}).status_code == 200


@pytest.mark.parametrize(
    "host",
    [
        "127.0.0.1:abc",
        "127.0.0.1:18317/evil",
        "127.0.0.1:1@evil.com",
        "127.0.0.1:0",
        "127.0.0.1:65536",
        "127.0.0.1:",
        "[::1]:x",
        "[::1]evil",
    ],
)
def test_a_host_with_a_malformed_port_is_refused(client: TestClient, host: str) -> None:
    assert client.get("/", headers={"host": host}).status_code == 400


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.1:65535", "[::1]:1", "localhost:18317"])
def test_a_known_host_with_a_whole_number_port_is_served(client: TestClient, host: str) -> None:
    assert client.get("/", headers={"host": host}).status_code == 200


def _form_routes() -> list[str]:
    """Every POST route outside the JSON API, from every router module the app mounts."""
    import supple.web.routes as package

    paths = []
    for info in pkgutil.iter_modules(package.__path__):
        router = importlib.import_module(f"{package.__name__}.{info.name}").router
        for route in router.routes:
            posts = isinstance(route, APIRoute) and "POST" in route.methods
            if posts and not route.path.startswith("/api/"):
                paths.append(route.path)
    return sorted(paths)


def test_the_form_routes_are_all_found() -> None:
    assert {"/start", "/start/{page_slug}", "/plan/{plan_id}/swap"} <= set(_form_routes())


@pytest.mark.parametrize("path", _form_routes())
def test_every_form_is_refused_without_a_valid_token(client: TestClient, path: str) -> None:
    plan_id, session_id = started_session(client)
    url = path.replace("{plan_id}", str(plan_id)).replace("{session_id}", str(session_id))
    url = url.replace("{page_slug}", "warning-signs")
    good = token(client)
    fields = {"red_flags.both_legs": "yes", "pain_before": "3", "pain_after": "2", "minutes": "10"}
    assert client.post(url, data=fields).status_code == 403
    assert client.post(url, data={**fields, "csrf_token": good[:-2] + "xx"}).status_code == 403
    # A token is only good together with the cookie it was made for.
    stranger = TestClient(app_for_tests(), client=LOOPBACK_CLIENT)
    response = stranger.post(url, data={**fields, "csrf_token": good})
    assert response.status_code == 403
    assert "could not be verified" in response.text


def test_the_csrf_cookie_is_strict_and_hidden_from_scripts(client: TestClient) -> None:
    cookie = client.get("/").headers["set-cookie"]
    assert cookie.startswith(f"{CSRF_COOKIE}=")
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie


def test_page_text_is_escaped(client: TestClient) -> None:
    response = client.get("/exercises/<img src=x onerror=alert(1)>")
    assert response.status_code == 404
    assert "<img src=x" not in response.text
    assert "&lt;img src=x onerror=alert(1)&gt;" in response.text


def test_answers_become_a_saved_plan_shown_with_dosage_and_reasons(client: TestClient) -> None:
    response = submit(client, load("ok"))
    assert response.status_code == 303
    page = client.get(response.headers["location"]).text
    plan = client.get("/api/plans").json()[-1]
    for item in client.get(f"/api/plans/{plan['id']}").json()["document"]["routine"]["items"]:
        assert item["name"] in page
        assert item["why"].replace("'", "&#39;") in page
    assert "not a diagnosis" in page


def test_changing_minutes_and_swapping_make_new_plans(client: TestClient) -> None:
    made = submit(client, load("ok"))
    plan_id = int(made.headers["location"].rsplit("/", 1)[1])
    page = client.get(f"/plan/{plan_id}").text
    form = token(client, f"/plan/{plan_id}")
    longer = client.post(
        f"/plan/{plan_id}/adjust",
        data={"minutes": "25", "level": "beginner", "csrf_token": form},
        follow_redirects=False,
    )
    new_id = int(longer.headers["location"].rsplit("/", 1)[1])
    routine = client.get(f"/api/plans/{new_id}").json()["document"]["routine"]
    assert new_id != plan_id and routine["minutes_requested"] == 25

    page = client.get(f"/plan/{new_id}").text
    swap = re.search(
        r'name="exercise" value="([a-z-]+)">.*?<option value="([a-z-]+)"', page, re.DOTALL
    )
    assert swap, "the plan page offers at least one alternative"
    old, new = swap.groups()
    swapped = client.post(
        f"/plan/{new_id}/swap",
        data={"exercise": old, "replacement": new, "csrf_token": form},
        follow_redirects=False,
    )
    assert swapped.status_code == 303
    document = client.get(swapped.headers["location"].replace("/plan/", "/api/plans/")).json()
    chosen = {item["exercise"] for item in document["document"]["routine"]["items"]}
    assert old not in chosen
    assert document["document"]["swaps"] == {old: new}
    current = swapped.headers["location"]
    refused = client.post(
        current + "/swap",
        data={"exercise": new, "replacement": "no-such-move", "csrf_token": form},
    )
    assert refused.status_code == 422


def test_an_earlier_plan_says_so_and_its_changes_go_to_the_current_plan(
    client: TestClient,
) -> None:
    made = submit(client, load("ok"))
    first = int(made.headers["location"].rsplit("/", 1)[1])
    form = token(client, f"/plan/{first}")
    first_page = client.get(f"/plan/{first}").text
    assert "This is an earlier plan" not in first_page and f"/plan/{first}/swap" in first_page
    longer = client.post(
        f"/plan/{first}/adjust",
        data={"minutes": "25", "level": "beginner", "csrf_token": form},
        follow_redirects=False,
    )
    current = int(longer.headers["location"].rsplit("/", 1)[1])
    plans = len(client.app.state.store.plans(client.app.state.settings.profile))  # type: ignore[attr-defined]

    page = client.get(f"/plan/{first}").text
    assert "This is an earlier plan" in page and f'href="/plan/{current}"' in page
    # Nothing on it acts on the earlier plan: no swap, no new-plan form, no session.
    for action in ("swap", "adjust", "session", "keep-previous"):
        assert f'action="/plan/{first}/{action}"' not in page, action
    # The routine is still there to read.
    assert 'class="routine"' in page
    # A change posted from an old tab makes no plan; it opens the current one.
    exercise = client.get(f"/api/plans/{first}").json()["document"]["routine"]["items"][0]
    for action, data in (
        ("swap", {"exercise": exercise["exercise"], "replacement": "clamshell"}),
        ("adjust", {"minutes": "10", "level": "beginner"}),
    ):
        sent = client.post(
            f"/plan/{first}/{action}", data={**data, "csrf_token": form}, follow_redirects=False
        )
        assert (sent.status_code, sent.headers["location"]) == (303, f"/plan/{current}"), action
    assert len(client.app.state.store.plans(client.app.state.settings.profile)) == plans  # type: ignore[attr-defined]
    assert "This is an earlier plan" not in client.get(f"/plan/{current}").text


def test_plan_pages_do_not_show_plan_numbers(client: TestClient) -> None:
    made = submit(client, load("ok"))
    page = client.get(made.headers["location"]).text
    visible = re.sub(r"<[^>]+>", " ", page)
    assert "/api/plans/" not in visible and "plan number" not in visible.lower()


def test_finishing_a_session_by_form_records_pain_and_ratings(client: TestClient) -> None:
    _, session_id = started_session(client)
    page = client.get(f"/session/{session_id}").text
    assert 'src="/static/player.js?v=' in page and f'data-session="{session_id}"' in page
    finish_page = client.get(f"/session/{session_id}/finish?ended=early").text
    assert "Well done" not in finish_page
    # Nothing was played, so no exercise is asked about; a rating sent anyway is not kept.
    assert not re.findall(r'name="rating_([a-z-]+)"', finish_page)
    exercise = json.loads(client.get(f"/api/sessions/{session_id}").text)["timeline"]["steps"][0]
    fields = {"pain_after": "2", "csrf_token": token(client, f"/session/{session_id}/finish")}
    fields.update({"ended": "early", f"rating_{exercise['exercise']}": "easy"})
    response = client.post(f"/session/{session_id}/finish", data=fields, follow_redirects=False)
    assert response.headers["location"] == "/progress"
    detail = client.get(f"/api/sessions/{session_id}").json()
    assert detail["session"]["pain_after"] == 2
    assert detail["session"]["status"] == "quit"  # no step was played
    assert detail["ratings"] == []
    assert "This session has ended" in client.get(f"/session/{session_id}").text


def test_progress_page_shows_charts_calendar_and_checkins(client: TestClient) -> None:
    assert "No sessions yet" in client.get("/progress").text
    client.post(
        "/progress/checkin",
        data={"pain": "5", "enjoyment": "4", "activity": "6", "csrf_token": token(client)},
    )
    started_session(client)
    page = client.get("/progress").text
    assert 'src="/progress/pain.svg"' in page and 'src="/progress/checkins.svg"' in page
    svg = client.get("/progress/pain.svg")
    assert svg.headers["content-type"] == "image/svg+xml"
    assert svg.text.lstrip().startswith("<?xml") and "<script" not in svg.text
    assert "Before" in svg.text and "After" in svg.text
    assert page.count('class="day') == 35


def test_exercise_pages_have_a_figure_slot_for_each_side(client: TestClient) -> None:
    page = client.get("/exercises/supine-figure-four").text
    assert page.count('class="figure-slot"') == 2
    drawings = re.findall(
        r'<img src="(/figures/supine-figure-four-(?:left|right)-animated\.[0-9a-f]{12}\.svg)"', page
    )
    assert len(drawings) == 2  # the figure engine draws both sides
    for url in drawings:
        svg = client.get(url)
        assert svg.headers["content-type"] == "image/svg+xml" and "<svg" in svg.text
    assert client.get("/figures/supine-figure-four-middle.svg").status_code == 404


@given(st.ip_addresses())
def test_only_loopback_addresses_count_as_loopback(address: Any) -> None:
    assert is_loopback(str(address)) == address.is_loopback


def test_serve_refuses_a_public_address() -> None:
    for host in ("0.0.0.0", "192.168.1.10", "example.com", "::"):
        result = CliRunner().invoke(cli, ["serve", "--host", host])
        assert result.exit_code == 2
        assert "refusing to listen" in result.output
    assert is_loopback("localhost") and is_loopback("::1") and is_loopback("[::1]")


def test_supple_serve_prints_its_address_and_answers(tmp_path: Path) -> None:
    """The real command, as the README starts it: SQLite in SUPPLE_HOME, address printed."""
    port = free_port()
    env = {**os.environ, "SUPPLE_HOME": str(tmp_path)}
    command = [sys.executable, "-m", "supple", "serve", "--port", str(port)]
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert f"http://127.0.0.1:{port}/" in line
        deadline = time.monotonic() + 20
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/progress") as answer:
                    assert answer.status == 200
                    break
            except OSError:
                assert time.monotonic() < deadline, "supple serve did not answer"
                time.sleep(0.1)
        assert (tmp_path / "supple.db").exists()
        assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_serve_on_a_busy_port_says_so_and_how_to_fix_it() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(cli, ["serve", "--port", str(port)])
    assert result.exit_code == 2
    assert "running" not in result.stdout  # nothing announced before the port is ours
    assert f"http://127.0.0.1:{port}/" in result.stderr and "--port" in result.stderr


def test_bare_supple_starts_the_web_app(monkeypatch: pytest.MonkeyPatch) -> None:
    """`./dev run` runs plain `supple`: it must reach the server (seen here through the
    busy-port refusal, so the test never leaves a server running)."""
    from supple.settings import get_settings

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        monkeypatch.setenv("SUPPLE_PORT", str(taken.getsockname()[1]))
        get_settings.cache_clear()
        result = CliRunner().invoke(cli, [])
    assert result.exit_code == 2 and "cannot listen on" in result.stderr


def test_the_plan_link_leads_to_the_latest_plan_and_an_open_session(client: TestClient) -> None:
    assert client.get("/plan", follow_redirects=False).headers["location"] == "/start"
    plan_id, session_id = started_session(client)
    assert client.get("/plan", follow_redirects=False).headers["location"] == f"/plan/{plan_id}"
    page = client.get(f"/plan/{plan_id}").text
    assert "A session is waiting" in page and f'href="/session/{session_id}"' in page
    client.post(f"/api/sessions/{session_id}/finish", json={"status": "quit", "pain_after": 3})
    assert "A session is waiting" not in client.get(f"/plan/{plan_id}").text


def test_the_plan_page_offers_the_handout_and_calendar_downloads(client: TestClient) -> None:
    made = submit(client, load("ok"))
    plan_id = int(made.headers["location"].rsplit("/", 1)[1])
    page = client.get(f"/plan/{plan_id}").text
    assert f'action="/plan/{plan_id}/handout.pdf"' in page
    assert f'action="/plan/{plan_id}/calendar.ics"' in page
    pdf = client.get(f"/plan/{plan_id}/handout.pdf", params={"paper": "letter"})
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert pdf.headers["content-disposition"].startswith("attachment")
    handouts = client.app.state.handouts  # type: ignore[attr-defined]
    assert handouts.renders == 1
    again = client.get(f"/plan/{plan_id}/handout.pdf", params={"paper": "Letter"})
    assert again.content == pdf.content and handouts.renders == 1  # served from the cache
    ics = client.get(f"/plan/{plan_id}/calendar.ics", params={"days": "mon,wed,fri", "at": "18:15"})
    assert ics.status_code == 200 and ics.text.startswith("BEGIN:VCALENDAR")
    assert "BYDAY=MO,WE,FR" in ics.text
    assert client.get(f"/plan/{plan_id}/calendar.ics", params={"days": "fun"}).status_code == 422
    assert client.get(f"/plan/{plan_id}/handout.pdf", params={"paper": "a9"}).status_code == 422


def test_the_home_page_leads_back_to_the_latest_plan(client: TestClient) -> None:
    assert "Continue the session" not in client.get("/").text
    plan_id, session_id = started_session(client)
    home = client.get("/").text
    assert f'href="/session/{session_id}">Continue the session' in home
    assert f'href="/plan/{plan_id}">See the plan' in home


def test_play_resumes_a_waiting_session_or_opens_the_plan_at_its_start_form(
    client: TestClient,
) -> None:
    """The calendar reminder's link: it must always lead somewhere useful."""
    assert client.get("/play", follow_redirects=False).headers["location"] == "/start"
    plan_id, session_id = started_session(client)
    assert (
        client.get("/play", follow_redirects=False).headers["location"] == f"/session/{session_id}"
    )
    client.post(f"/api/sessions/{session_id}/finish", json={"status": "completed", "pain_after": 2})
    target = client.get("/play", follow_redirects=False).headers["location"]
    assert target == f"/plan/{plan_id}#start-session"
    assert 'id="start-session"' in client.get(f"/plan/{plan_id}").text


@pytest.mark.parametrize("value", ["²", "١", "99999", "-1", " 3", "3\n", ""])
def test_form_numbers_are_ascii_digits_in_range_or_422(client: TestClient, value: str) -> None:
    plan_id, session_id = started_session(client)
    good = token(client)
    forms = {
        f"/plan/{plan_id}/session": {"pain_before": value},
        f"/plan/{plan_id}/adjust": {"minutes": value, "level": "beginner"},
        f"/session/{session_id}/finish": {"pain_after": value},
        "/progress/checkin": {"pain": value, "enjoyment": "5", "activity": "5"},
    }
    for url, fields in forms.items():
        response = client.post(url, data={**fields, "csrf_token": good}, follow_redirects=False)
        assert response.status_code == 422, (url, response.text)
        assert "a whole number from" in response.text
    cleared = client.post(
        "/start/cleared", data={"answers_id": value, "confirm": "yes", "csrf_token": good}
    )
    assert cleared.status_code == 404


def test_a_plan_from_an_old_document_asks_for_the_new_questions(client: TestClient) -> None:
    old = json.loads((FIXTURES.with_name("answers_v1") / "ok.json").read_text())
    made = client.post("/api/plan", json=old)
    assert made.status_code == 200 and made.json()["routine"] is None
    plan_id = made.headers["location"].rsplit("/", 1)[1]
    page = client.get(f"/plan/{plan_id}")
    assert page.status_code == 200
    assert "Check your answers again" in page.text and "Fine to start" not in page.text
    assert 'href="/start"' in page.text


def test_exercise_page_names_the_next_step_down(client: TestClient) -> None:
    page = client.get("/exercises/supine-figure-four").text
    assert "the next step down is its easier version: Foot stays down" in page
    pigeon = client.get("/exercises/pigeon-pose").text
    assert 'A gentler exercise: <a href="/exercises/supine-figure-four">' in pigeon


def _statements_for(client: TestClient, path: str) -> tuple[int, int]:
    """The SQL statements and transactions one GET of ``path`` costs."""
    from sqlalchemy import event

    engine = client.app.state.store.engine  # type: ignore[attr-defined]
    counts = {"statements": 0, "transactions": 0}

    def statement(*_args: Any) -> None:
        counts["statements"] += 1

    def begin(*_args: Any) -> None:
        counts["transactions"] += 1

    event.listen(engine, "before_cursor_execute", statement)
    event.listen(engine, "begin", begin)
    try:
        assert client.get(path).status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", statement)
        event.remove(engine, "begin", begin)
    return counts["statements"], counts["transactions"]


def test_the_plan_page_costs_the_same_queries_however_long_the_history(
    client: TestClient,
) -> None:
    made = submit(client, load("ok"))
    plan_id = int(made.headers["location"].rsplit("/", 1)[1])
    store = client.app.state.store  # type: ignore[attr-defined]
    profile = client.app.state.settings.profile  # type: ignore[attr-defined]
    waiting = store.start_session(profile, plan_id, 3)
    # Measured as the long history is below: right after a view of the page, so the
    # history kept from that view is as fresh in both (issue 14: it is read once per
    # change, so a first view after a write reads more, however long the history).
    assert f'href="/session/{waiting}"' in client.get(f"/plan/{plan_id}").text
    short = _statements_for(client, f"/plan/{plan_id}")
    client.get("/play", follow_redirects=False)
    play = _statements_for(client, "/play")
    for _ in range(30):
        done = store.start_session(profile, plan_id, 2)
        store.finish_session(done, status="completed", pain_after=1)
    page = client.get(f"/plan/{plan_id}").text
    # Sessions were done since: the one left unfinished before them was set aside, and
    # is not offered (t13c F1); /play opens the plan's start form instead.
    assert f'href="/session/{waiting}"' not in page
    assert client.get("/play", follow_redirects=False).headers["location"] == (
        f"/plan/{plan_id}#start-session"
    )
    # The latest session, left unfinished, is the one offered, at the same cost as
    # with no history.
    latest = store.start_session(profile, plan_id, 2)
    assert f'href="/session/{latest}"' in client.get(f"/plan/{plan_id}").text
    assert _statements_for(client, f"/plan/{plan_id}") == short
    statements, transactions = short
    # The plan, its owner, its answers, the waiting session, the newest plan's id, and
    # the newest warning-sign outcome with the time answers were last saved (one
    # statement).
    assert transactions == 1 and statements <= 6
    client.get("/play", follow_redirects=False)
    assert _statements_for(client, "/play") == play
    assert client.get("/play", follow_redirects=False).headers["location"] == f"/session/{latest}"


def test_a_field_sent_twice_is_refused_not_last_one_wins(client: TestClient) -> None:
    made = submit(client, load("ok"))
    plan_id = int(made.headers["location"].rsplit("/", 1)[1])
    response = client.post(
        f"/plan/{plan_id}/session",
        data={"pain_before": ["5", "6"], "csrf_token": token(client, f"/plan/{plan_id}")},
        follow_redirects=False,
    )
    assert response.status_code == 422
    assert "pain_before" in response.text and "more than once" in response.text
