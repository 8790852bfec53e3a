"""The typed, versioned documents (issue 13): the published schemas are the models', and
what the shells print is exactly what the models say."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from pydantic import ValidationError

from supple.answers import read_answers
from supple.catalog import default_catalog
from supple.cli import cli
from supple.documents import (
    PlanDocument,
    ProgressDocument,
    SessionLogDocument,
    plan_document,
    session_log_document,
)
from supple.documents.schema import PUBLISHED, schema_text
from supple.planning import History, plan_for

DOCS = Path(__file__).parent.parent / "docs"
FIXTURES = Path(__file__).parent / "fixtures" / "answers"
TODAY = date(2026, 1, 5)


@pytest.mark.parametrize("name", sorted(PUBLISHED))
def test_the_published_schemas_are_the_models(name: str) -> None:
    published = (DOCS / name).read_text(encoding="utf-8")
    assert published == schema_text(name), (
        "regenerate with: .venv/bin/python -m supple.documents.schema docs"
    )


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.json")), ids=lambda p: p.stem)
def test_every_plan_is_its_typed_document(path: Path) -> None:
    answers = read_answers(json.loads(path.read_text(encoding="utf-8")))
    plan = plan_for(answers, History(), TODAY, catalog=default_catalog())
    document = plan_document(plan)
    assert document.version == 1
    assert document.to_json() == plan.to_dict()
    # Read back, a stored document is the same document.
    assert PlanDocument.model_validate(document.to_json()) == document


def test_a_field_the_model_does_not_know_is_refused() -> None:
    plan = plan_for(
        read_answers(json.loads((FIXTURES / "ok.json").read_text())), History(), TODAY
    ).to_dict()
    with pytest.raises(ValidationError, match="surprise"):
        PlanDocument.model_validate({**plan, "surprise": 1})
    with pytest.raises(ValidationError, match="version"):
        PlanDocument.model_validate({**plan, "version": 2})


def test_the_cli_documents_are_versioned_and_typed() -> None:
    runner = CliRunner()
    planned = runner.invoke(cli, ["plan", "--answers", str(FIXTURES / "ok.json"), "--json"])
    assert planned.exit_code == 0, planned.output
    PlanDocument.model_validate(json.loads(planned.output))
    progress = runner.invoke(cli, ["progress", "--json"])
    assert ProgressDocument.model_validate(json.loads(progress.output)).version == 1
    history = runner.invoke(cli, ["history", "--json"])
    assert SessionLogDocument.model_validate(json.loads(history.output)).sessions == []


def test_the_session_log_counts_each_session_from_its_steps() -> None:
    session = {
        "id": 7,
        "profile": "me",
        "plan_id": 1,
        "started_at": "2026-01-05T09:00:00+00:00",
        "ended_at": "2026-01-05T09:20:00+00:00",
        "status": "quit",
        "pain_before": 3,
        "pain_after": 5,
        "note": None,
    }
    steps = [
        (7, "done", "cat-cow", 60.0),
        (7, "skipped", None, 5.0),
        (7, "stopped_for_pain", "clamshell", 12.25),
        (7, "stopped_leg_pain", "figure-four", 3.0),
        (8, "done", "cat-cow", 99.0),  # another session's step
    ]
    log = session_log_document("me", [session], steps, [(7, "cat-cow", "easy")])
    (entry,) = log.sessions
    assert (entry.steps_done, entry.steps_skipped, entry.active_seconds) == (1, 1, 80.2)
    assert entry.stopped_for_pain == ["clamshell", "figure-four"]
    assert entry.stopped_leg_pain == ["figure-four"]
    assert entry.ratings == {"cat-cow": "easy"}
    assert log.to_json()["version"] == 1
