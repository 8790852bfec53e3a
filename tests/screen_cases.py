"""Answers builders shared by the screening tests: a calm baseline and small changes to it.

The expected results in the tests are written out from issue 11, independently of
rules.toml, so a change to the data file that weakens a rule fails there.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

from supple.answers import AnswersDocument, read_answers

FIXTURES = Path(__file__).parent / "fixtures" / "answers"
FIXTURES_V1 = Path(__file__).parent / "fixtures" / "answers_v1"
TODAY = dt.date(2026, 12, 1)


def calm() -> dict[str, Any]:
    """A complete version-2 document that triggers no rule (the ok fixture)."""
    raw: dict[str, Any] = json.loads((FIXTURES / "ok.json").read_text())
    return raw


def changed(raw: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    """A copy with ``{"pain.legs.left": "thigh", ...}`` applied."""
    out = copy.deepcopy(raw)
    for path, value in changes.items():
        *sections, name = path.split(".")
        target = out
        for section in sections:
            target = target.setdefault(section, {})
        if value is None:
            target.pop(name, None)
        else:
            target[name] = value
    return out


def answers(changes: dict[str, Any] | None = None, **kw: Any) -> AnswersDocument:
    return read_answers(changed(calm(), {**(changes or {}), **kw}))


def days_ago(days: int) -> str:
    return (TODAY - dt.timedelta(days=days)).isoformat()


def cleared_today(folder: Path) -> Path:
    """The cleared fixture with its clearance dated a week before the real today, for the
    shells (which pass the real date to the screen)."""
    raw = json.loads((FIXTURES / "cleared.json").read_text())
    week_ago = dt.date.today() - dt.timedelta(days=7)
    raw["clearance"][0]["date"] = week_ago.isoformat()
    path = folder / "cleared.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    return path
