"""The questionnaire as validated data (questions.toml): one wording for every shell.

``supple start``, the web form and the docs all read their questions from here, so a
question is worded once. Loading is strict: an unknown key, a question for a field the
answers document does not have, a field with no question, options that do not match
the allowed values, or a condition on a question asked later stops the program.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal, get_origin

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from supple.answers import FIELD_TYPES, OPTIONAL_FIELDS, QUESTION_FIELDS, allowed_values
from supple.datafile import load_toml_model
from supple.screening.conditions import Condition, Facts, parse_condition

QUESTIONS_PATH = Path(__file__).with_name("questions.toml")

Text = Annotated[str, Field(min_length=2)]
# What to say when a question is left unanswered: a short instruction, never the whole
# question again, so a list of several still reads at a glance.
MISSING_LIMIT = 70
Missing = Annotated[str, Field(min_length=2, max_length=MISSING_LIMIT)]
Id = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
Kind = Literal["yes_no", "choice", "choices", "number"]


class QuestionsError(ValueError):
    """questions.toml is invalid; the message names the file and the field."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Labels(_Strict):
    yes: Text
    no: Text
    none_of_these: Text


class ClearanceWording(_Strict):
    """The clearance question, asked once per clearable rule ({label} is the rule's)."""

    text: Text
    why: Text
    date: Text
    # Shown after ``date`` where the date is typed (the terminal); a date picker needs none.
    date_example: Text
    saved: Text
    # Said when the clearance is left unanswered ({label} is the rule's).
    missing: Text


class Page(_Strict):
    id: Id
    title: Text
    intro: Text


class Group(_Strict):
    id: Id
    page: Id
    text: Text
    why: Text
    missing: Missing

    @model_validator(mode="after")
    def _not_the_text(self) -> Group:
        if self.missing == self.text:
            raise ValueError(f"group '{self.id}': missing must not repeat its text")
        return self


class Option(_Strict):
    value: str
    label: Text


class Question(_Strict):
    id: str
    page: Id
    group: Id | None = None
    kind: Kind
    text: Text
    why: Text
    options: list[Option] | None = None
    min: float | None = None
    max: float | None = None
    whole: bool | None = None
    shown_when: Condition | None = None
    hidden_value: bool | None = None
    missing: Missing
    # For "choices": ticking none is an answer (no equipment), not a question left blank.
    empty_is_an_answer: bool | None = None

    @field_validator("shown_when", mode="before")
    @classmethod
    def _condition(cls, raw: Any) -> Condition | None:
        return None if raw is None else parse_condition(raw)

    @model_validator(mode="after")
    def _fits_the_field(self) -> Question:
        if self.id not in FIELD_TYPES:
            raise ValueError(f"'{self.id}' is not a field of the answers document")
        kind = FIELD_TYPES[self.id]
        expected: Kind = (
            "yes_no"
            if kind is bool
            else "choices"
            if get_origin(kind) is list
            else "choice"
            if allowed_values(self.id)
            else "number"
        )
        if self.kind != expected:
            raise ValueError(f"'{self.id}' must be kind {expected}")
        number_keys = (self.min, self.max, self.whole)
        if expected == "number":
            if None in number_keys:
                raise ValueError(f"'{self.id}' needs min, max and whole")
        elif any(v is not None for v in number_keys):
            raise ValueError(f"'{self.id}' is not a number: no min, max or whole")
        if expected in ("choice", "choices"):
            values = [o.value for o in self.options or []]
            allowed = list(allowed_values(self.id) or ())
            if sorted(values) != sorted(allowed) or len(set(values)) != len(values):
                raise ValueError(f"'{self.id}' options {values}; must be each of {allowed} once")
        elif self.options is not None:
            raise ValueError(f"'{self.id}' has no options")
        if self.empty_is_an_answer is not None and expected != "choices":
            raise ValueError(f"'{self.id}': empty_is_an_answer only for choices")
        if self.missing == self.text:
            raise ValueError(f"'{self.id}': missing must not repeat its text")
        if self.group is not None and expected != "yes_no":
            raise ValueError(f"'{self.id}': only yes/no questions can be grouped")
        if self.shown_when is None and self.hidden_value is not None:
            raise ValueError(f"'{self.id}': hidden_value only with shown_when")
        always_present = self.id not in OPTIONAL_FIELDS
        if (
            self.shown_when is not None
            and always_present
            and (self.hidden_value is None or expected != "yes_no")
        ):
            raise ValueError(f"'{self.id}' is always in the document: a yes/no with hidden_value")
        return self

    @property
    def section(self) -> str:
        return self.id.split(".")[0]

    @property
    def name(self) -> str:
        return self.id.rpartition(".")[2]

    def label_of(self, value: Any) -> str:
        """The wording of one answer, for showing it back to the person."""
        for option in self.options or []:
            if option.value == value:
                return option.label
        return str(value)

    def shown(self, facts: Facts) -> bool | None:
        """Whether to ask it, given the answers so far (None: not yet known)."""
        return True if self.shown_when is None else self.shown_when.holds(facts)


class Questionnaire(_Strict):
    labels: Labels
    clearance: ClearanceWording
    page: list[Page] = Field(min_length=1)
    group: list[Group] = Field(default_factory=list)
    question: list[Question] = Field(min_length=1)

    @model_validator(mode="after")
    def _complete_and_ordered(self) -> Questionnaire:
        ids = [q.id for q in self.question]
        missing = [f for f in QUESTION_FIELDS if f not in ids]
        repeated = sorted({i for i in ids if ids.count(i) > 1})
        if missing or repeated:
            raise ValueError(f"one question per field; missing {missing}, repeated {repeated}")
        pages = [p.id for p in self.page]
        groups = {g.id: g for g in self.group}
        seen: set[str] = set()
        page_index = 0
        for question in self.question:
            if question.page not in pages:
                raise ValueError(f"'{question.id}': unknown page '{question.page}'")
            if pages.index(question.page) < page_index:
                raise ValueError(f"'{question.id}': pages must be in order")
            page_index = pages.index(question.page)
            if question.group is not None:
                group = groups.get(question.group)
                if group is None or group.page != question.page:
                    raise ValueError(f"'{question.id}': group '{question.group}' not on its page")
            if question.shown_when is not None:
                later = question.shown_when.fields() - seen
                if later:
                    raise ValueError(f"'{question.id}' is shown by questions asked later: {later}")
            seen.add(question.id)
        return self

    def by_id(self, field: str) -> Question:
        return next(q for q in self.question if q.id == field)

    def on_page(self, page: str) -> list[Question]:
        return [q for q in self.question if q.page == page]

    def group_by_id(self, group: str) -> Group:
        return next(g for g in self.group if g.id == group)

    def page_number(self, page: str) -> int:
        """1 for the first page (for "page 2 of 5")."""
        return [p.id for p in self.page].index(page) + 1


def load_questions(path: Path = QUESTIONS_PATH) -> Questionnaire:
    """Read and validate a questions file; raise QuestionsError naming file and field."""
    return load_toml_model(path, Questionnaire, QuestionsError)


# Said at once after an age under 16, after the under_16 rule's advice (CLI and web).
UNDER_16_NOTE = "You can still answer the rest, but Supple will not suggest a routine."


@cache
def default_questions() -> Questionnaire:
    """The packaged questionnaire, loaded once per process."""
    return load_questions()
