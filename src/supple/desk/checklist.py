"""The desk set-up checklist: its items (data, ``checklist.toml``) and what answers mean.

The sitting lesson asks each item about the person's own desk; the store keeps each
answering; ``checklist_summary`` is the value the progress page (and the 4-week review)
reads: how many items are in place and the tip for each one that is not yet.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, model_validator

from supple.datafile import Source, load_toml_model

CHECKLIST_PATH = Path(__file__).with_name("checklist.toml")
Answer = Literal["yes", "partly", "no"]
ANSWERS: tuple[Answer, ...] = get_args(Answer)
ANSWER_WORDS: Mapping[str, str] = {"yes": "Yes", "partly": "Partly", "no": "Not yet"}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class ChecklistItem(_Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$", max_length=32)
    topic: str = Field(min_length=3)
    question: str = Field(min_length=10)
    tip: str = Field(min_length=10)
    sources: list[str] = Field(min_length=1)


class Checklist(_Strict):
    sources: dict[str, Source]
    item: list[ChecklistItem] = Field(min_length=4, max_length=6)

    @model_validator(mode="after")
    def _linked(self) -> Checklist:
        ids = [item.id for item in self.item]
        if len(ids) != len(set(ids)):
            raise ValueError("checklist item ids must be unique")
        for item in self.item:
            unknown = set(item.sources) - set(self.sources)
            if unknown:
                raise ValueError(f"item '{item.id}': unknown sources {sorted(unknown)}")
        return self

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(item.id for item in self.item)


class ChecklistError(ValueError):
    """The checklist file, or a set of answers, is not valid; the message says which."""


def load_checklist(path: Path = CHECKLIST_PATH) -> Checklist:
    return load_toml_model(path, Checklist, ChecklistError)


@cache
def default_checklist() -> Checklist:
    return load_checklist()


def check_checklist_answers(
    answers: Mapping[str, str], checklist: Checklist | None = None
) -> dict[str, Answer]:
    """Every item answered once with yes, partly or no; raises ``ChecklistError``."""
    items = (checklist or default_checklist()).ids
    unknown = sorted(set(answers) - set(items))
    if unknown:
        raise ChecklistError(f"{unknown[0]}: not an item of the desk checklist")
    checked: dict[str, Answer] = {}
    for key in items:
        value = answers.get(key)
        if value not in ANSWERS:
            raise ChecklistError(f"{key}: answer yes, partly or no")
        checked[key] = value
    return checked


@dataclass(frozen=True)
class ChecklistLine:
    item: ChecklistItem
    answer: Answer

    @property
    def in_place(self) -> bool:
        return self.answer == "yes"

    @property
    def answer_words(self) -> str:
        return ANSWER_WORDS[self.answer]


@dataclass(frozen=True)
class ChecklistSummary:
    """The newest answering: when, each item's answer, and what is still to do."""

    answered_at: datetime
    lines: tuple[ChecklistLine, ...]

    @property
    def in_place(self) -> int:
        return sum(line.in_place for line in self.lines)

    @property
    def total(self) -> int:
        return len(self.lines)

    @property
    def to_do(self) -> tuple[ChecklistLine, ...]:
        return tuple(line for line in self.lines if not line.in_place)

    def to_dict(self) -> dict[str, object]:
        return {
            "answered_at": self.answered_at.isoformat(),
            "in_place": self.in_place,
            "total": self.total,
            "items": [
                {"id": line.item.id, "topic": line.item.topic, "answer": line.answer}
                for line in self.lines
            ],
        }


def checklist_summary(
    answered_at: datetime, answers: Mapping[str, str], checklist: Checklist | None = None
) -> ChecklistSummary:
    """The summary of one stored answering. An item added to the checklist after it was
    answered counts as not yet answered ("no"): it is shown, with its tip."""
    found = checklist or default_checklist()
    lines = []
    for item in found.item:
        value = answers.get(item.id)
        answer: Answer = value if value in ("yes", "partly") else "no"  # type: ignore[assignment]
        lines.append(ChecklistLine(item, answer))
    return ChecklistSummary(answered_at, tuple(lines))


__all__ = [
    "ANSWERS",
    "ANSWER_WORDS",
    "Answer",
    "Checklist",
    "ChecklistError",
    "ChecklistItem",
    "ChecklistLine",
    "ChecklistSummary",
    "check_checklist_answers",
    "checklist_summary",
    "default_checklist",
    "load_checklist",
]
