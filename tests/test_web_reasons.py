"""Screening reasons say their label once (a phone user read "Sharp, shooting or burning
pain: Sharp, shooting or burning pain calls for...")."""

from __future__ import annotations

import json
import re

from fastapi.testclient import TestClient

from conftest import REPO
from supple.screening.rules import load_rules
from supple.web.format import reason_parts
from web_fixtures import app_for_tests


def test_a_reason_whose_advice_opens_with_its_label_leads_with_the_advice() -> None:
    lead, rest = reason_parts("a fever", "A fever with back pain can be an infection.")
    assert (lead, rest) == ("A fever", " with back pain can be an infection.")
    assert reason_parts("hip arthritis", "Go gently.") == ("Hip arthritis:", " Go gently.")


def test_no_rule_reads_its_label_twice() -> None:
    for rule in load_rules().rule:
        _lead, rest = reason_parts(rule.label, rule.advice)
        assert rule.label.lower() not in rest.lower()[: len(rule.label) + 2], rule.id


def test_the_caution_plan_names_each_reason_once() -> None:
    web = TestClient(app_for_tests())
    answers = json.loads((REPO / "tests" / "fixtures" / "answers" / "caution.json").read_text())
    made = web.post("/api/plan?minutes=8", json=answers)
    page = web.get(made.headers["location"].replace("/api/plans/", "/plan/")).text
    items = re.findall(r"<li><strong>([^<]+)</strong>([^<]*)</li>", page)
    assert items, "the plan lists no reasons"
    for lead, rest in items:
        label = lead.rstrip(":").lower()
        assert label not in rest.lower(), (lead, rest)
