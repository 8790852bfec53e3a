"""The questionnaire as the browser shows it, and the way back from a form to answers.

Every question comes word for word from questions.toml, so the browser, the terminal
and the docs read the same sentence. Inputs are named by the answers field path
(``pain.legs.left``). A form's values become the answers document, which is then
validated by ``read_answers``, the same gate the CLI and the API use; nothing is
trusted before it. Questions that apply only in some cases are shown only then, decided
from the answers of the earlier page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from starlette.datastructures import FormData, UploadFile

from supple.answers import QUESTION_FIELDS, still_to_answer
from supple.screening.conditions import Facts
from supple.screening.questions import Question as Asked
from supple.screening.questions import default_questions

YES, NO = "yes", "no"
FIRST_PAGE = "warning_signs"


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


@dataclass(frozen=True)
class Question:
    name: str
    text: str
    why: str = ""
    choices: tuple[Choice, ...] = ()
    many: bool = False  # checkboxes rather than radio buttons
    kind: str = "yes_no"
    low: float = 0
    high: float = 0
    whole: bool = True
    page: str = ""
    default: Any = None  # preferences only: the suggestion, filled in until changed


def _shown(question: Asked) -> Question:
    from supple.answers import Preferences

    labels = default_questions().labels
    suggested = Preferences().model_dump() if question.section == "preferences" else {}
    if question.kind == "yes_no":
        choices: tuple[Choice, ...] = (Choice(YES, labels.yes), Choice(NO, labels.no))
    else:
        choices = tuple(Choice(o.value, o.label) for o in question.options or [])
    return Question(
        name=question.id,
        text=question.text,
        why=question.why,
        choices=choices,
        many=question.kind == "choices",
        kind=question.kind,
        low=question.min or 0,
        high=question.max or 0,
        whole=bool(question.whole),
        page=question.page,
        default=suggested.get(question.name),
    )


def page_titles() -> dict[str, str]:
    return {page.id: page.title for page in default_questions().page}


def questions_on(pages: tuple[str, ...], facts: Facts) -> list[Question]:
    """The questions of these pages that apply, given the answers so far."""
    return [
        _shown(q)
        for q in default_questions().question
        if q.page in pages and q.shown(facts) is not False
    ]


def later_pages() -> tuple[str, ...]:
    return tuple(page.id for page in default_questions().page if page.id != FIRST_PAGE)


def _value(question: Asked, form: FormData) -> Any:
    """The typed value of one answer; anything unexpected is passed on for validation."""
    if question.kind == "choices":
        return [str(v) for v in form.getlist(question.id)]
    raw = form.get(question.id)
    if raw is None or raw == "":
        return None
    if question.kind == "yes_no":
        return {YES: True, NO: False}.get(str(raw), str(raw))
    if question.kind == "number":
        try:
            number = float(str(raw))
        except ValueError:
            return str(raw)
        return int(number) if number.is_integer() else number
    return str(raw)


def _put(document: dict[str, Any], path: str, value: Any) -> None:
    *sections, name = path.split(".")
    target = document
    for section in sections:
        target = target.setdefault(section, {})
    target[name] = value


def facts_from_form(form: FormData, pages: tuple[str, ...]) -> Facts:
    """The answers given on these pages, by field path (unanswered ones left out)."""
    facts: Facts = {}
    for question in default_questions().question:
        if question.page not in pages:
            continue
        shown = question.shown(facts)
        value = _value(question, form) if shown is not False else question.hidden_value
        if value is not None:
            facts[question.id] = value
    return facts


def document_from_facts(facts: Facts, *, complete: bool) -> dict[str, Any]:
    """A version-2 document; when not ``complete``, what is missing is listed unanswered."""
    document: dict[str, Any] = {"version": 2}
    for path, value in facts.items():
        _put(document, path, value)
    if not complete:
        document["unanswered"] = still_to_answer(facts)
    return document


def document_from_form(form: FormData) -> dict[str, Any]:
    """The whole answers document for a submitted questionnaire (validated afterwards)."""
    pages = tuple(page.id for page in default_questions().page)
    return document_from_facts(facts_from_form(form, pages), complete=True)


def missing_on_first_page(facts: Facts) -> list[str]:
    return [
        problem_in_words(f"unanswered: {q.id}")
        for q in default_questions().on_page(FIRST_PAGE)
        if q.id not in facts and q.shown(facts) is not False
    ]


def problem_in_words(problem: str) -> str:
    """An answers problem in the question's own words, never a field path."""
    questions = default_questions()
    if problem.startswith("unanswered: "):
        path = problem.removeprefix("unanswered: ")
        if path in QUESTION_FIELDS:
            question = questions.by_id(path)
            return question.missing or f"Please answer: {question.text}"
        return problem
    path, _, rest = problem.partition(": ")
    key = path.split("[")[0]
    if key in QUESTION_FIELDS:
        return f"{questions.by_id(key).text} ({rest})"
    return problem


def hidden_fields(facts: Facts) -> list[tuple[str, str]]:
    """First-page answers as hidden inputs, so they travel with the second form."""
    items: list[tuple[str, str]] = []
    for path, value in facts.items():
        if isinstance(value, list):
            items.extend((path, str(v)) for v in value)
        elif isinstance(value, bool):
            items.append((path, YES if value else NO))
        else:
            items.append((path, str(value)))
    return items


def form_from_answers(document: dict[str, Any]) -> FormData:
    """Saved answers as form values, so the later pages start filled in with last time's
    answers. Warning signs and health history are always asked afresh."""
    from supple.answers import flatten

    items: list[tuple[str, str | UploadFile]] = []
    for path, value in flatten({k: document.get(k) or {} for k in ("pain", "preferences")}).items():
        if path.startswith("pain.legs") or path == "pain.onset":
            continue  # asked on the first page
        if isinstance(value, list):
            items.extend((path, str(entry)) for entry in value)
        elif isinstance(value, bool):
            items.append((path, YES if value else NO))
        elif isinstance(value, float) and value.is_integer():
            items.append((path, str(int(value))))
        else:
            items.append((path, str(value)))
    return FormData(items)
