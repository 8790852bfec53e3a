"""Helpers for the web tests: fill the questionnaire's forms as a person would.

Inputs are named by answers field path, so a fixture document becomes the fields of a
page directly. ``walk`` goes page by page as the browser does (earlier answers travel
as hidden fields); ``submit`` sends every answer at once to the last page, having read
any urgent notice, for tests about what comes after the questions.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from supple.answers import flatten
from supple.screening import default_rules
from supple.screening.questions import default_questions

FIXTURES = Path(__file__).parent / "fixtures" / "answers"
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
HIDDEN = re.compile(r'type="hidden" name="([^"]+)" value="([^"]*)"')
ACTION = re.compile(r'<form method="post" action="([^"]+)"')
PREFERENCES = {"level": "beginner", "minutes": 15, "can": ["standing", "chair", "floor", "kneel"]}


def token(client: TestClient, path: str = "/start") -> str:
    found = TOKEN.search(client.get(path).text)
    assert found, f"no form token on {path}"
    return found.group(1)


def load(name: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads((FIXTURES / f"{name}.json").read_text())
    return document


def form_for(answers: dict[str, Any]) -> dict[str, Any]:
    """The form fields a person would fill in for these answers (named by field path)."""
    fields: dict[str, Any] = {}
    sections = {k: v for k, v in answers.items() if isinstance(v, dict)}
    sections["preferences"] = {**PREFERENCES, **sections.get("preferences", {})}
    for path, value in flatten(sections).items():
        if isinstance(value, bool):
            fields[path] = "yes" if value else "no"
        elif isinstance(value, list):
            fields[path] = value
        else:
            fields[path] = str(value)
    return fields


def page_fields(answers: dict[str, Any], page: str) -> dict[str, Any]:
    """Only the fields of one page."""
    names = {q.id for q in default_questions().on_page(page)}
    return {k: v for k, v in form_for(answers).items() if k in names}


def first_page(answers: dict[str, Any]) -> dict[str, Any]:
    return page_fields(answers, "warning_signs")


def submit(client: TestClient, answers: dict[str, Any]) -> Any:
    """Every answer at once to the last page, with every urgent notice read."""
    seen = [rule.id for rule in default_rules().rule]
    data = {**form_for(answers), "seen_urgent": seen, "csrf_token": token(client)}
    return client.post("/start", data=data, follow_redirects=False)


def send(client: TestClient, html: str, fields: dict[str, Any]) -> Any:
    """Send the form on this page (its hidden fields, and these answers)."""
    data: dict[str, list[str]] = {}
    for name, value in HIDDEN.findall(html):
        data.setdefault(name, []).append(value)
    for name, value in fields.items():
        data[name] = value if isinstance(value, list) else [value]
    action = ACTION.search(html)
    assert action, "no form on this page"
    return client.post(action.group(1), data=data, follow_redirects=False)


def walk(client: TestClient, answers: dict[str, Any], *, go_on: bool = True) -> list[Any]:
    """Answer page by page; go on past an urgent notice when it offers that. Returns
    every response, the last being where the questions led."""
    responses = [client.get("/start")]
    pages = [page.id for page in default_questions().page]
    for _ in range(3 * len(pages)):
        html = responses[-1].text
        if responses[-1].status_code != 200:
            break
        if go_on and "Go on with the questions" in html:
            responses.append(send(client, html, {}))
        elif 'id="questions-form"' in html:
            number = re.search(r"Page (\d+) of", html)
            assert number
            page = pages[int(number.group(1)) - 1]
            responses.append(send(client, html, page_fields(answers, page)))
        else:
            break
    return responses
