"""The questionnaire as the browser shows it, page by page, and the way back to answers.

Every word of a question comes from questions.toml, so the browser, the terminal and
the docs read the same sentence. Inputs are named by the answers field path
(``pain.legs.left``). Each page is a plain form; the answers of earlier pages travel
with it as hidden fields, and the server decides from them which questions apply
(``shown_when``), the same way whether or not the browser runs scripts. A form's values
become the answers document, which is validated by ``read_answers``, the same gate
the CLI and the API use; nothing is trusted before it.

A group of yes/no statements has a "none of these" box (``none_of.<group>``): ticked,
every statement left blank counts as no; a statement answered yes together with it is
a contradiction the person is asked to settle, never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from starlette.datastructures import FormData, UploadFile

from supple.answers import QUESTION_FIELDS, AnswersError, read_answers, still_to_answer
from supple.screening.conditions import Facts
from supple.screening.questions import Question as Asked
from supple.screening.questions import default_questions

YES, NO = "yes", "no"
NONE_OF = "none_of."


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
    asked_again: bool = False  # new since the saved answers, or to be confirmed


@dataclass(frozen=True)
class Group:
    id: str
    text: str
    why: str
    questions: tuple[Question, ...]
    none_label: str


@dataclass(frozen=True)
class Problem:
    """One thing to fix, in the question's own words, with the question it is about."""

    text: str
    target: str = ""  # the id of the question's fieldset, for a link to it


@dataclass(frozen=True)
class PageView:
    id: str
    title: str
    intro: str
    number: int
    count: int
    blocks: tuple[Question | Group, ...] = field(default=())


def page_ids() -> tuple[str, ...]:
    return tuple(page.id for page in default_questions().page)


def repeatable_fields() -> frozenset[str]:
    """The questions answered with checkboxes: the only question fields a form may repeat."""
    return frozenset(
        q.id
        for page in page_ids()
        for q in default_questions().on_page(page)
        if q.kind == "choices"
    )


def slug(page: str) -> str:
    """A page's address part: ``warning_signs`` -> ``warning-signs``."""
    return page.replace("_", "-")


def page_of_slug(text: str) -> str | None:
    page = text.replace("-", "_")
    return page if page in page_ids() else None


def pages_up_to(page: str) -> tuple[str, ...]:
    ids = page_ids()
    return ids[: ids.index(page) + 1]


def _shown(question: Asked, again: frozenset[str]) -> Question:
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
        asked_again=question.id in again,
    )


def _waits_for_this_page(question: Asked, facts: Facts) -> bool:
    """A follow-up whose condition is still unknown only because questions on its own page
    are unanswered: it is shown once those answers are sent and make it apply."""
    if question.shown_when is None or question.shown(facts) is not None:
        return False
    on_page = {q.id for q in default_questions().on_page(question.page)}
    unknown = {f for f in question.shown_when.fields() if f not in facts}
    return bool(unknown) and unknown <= on_page


def _applies(page: str, facts: Facts) -> list[Asked]:
    """The questions of a page that apply, given the answers so far (this page's too, when
    it is shown again). A condition not known yet shows its question, except a follow-up
    waiting for answers on the same page."""
    return [
        q
        for q in default_questions().on_page(page)
        if q.shown(facts) is not False and not _waits_for_this_page(q, facts)
    ]


def follow_ups_to_ask(page: str, facts: Facts) -> list[Asked]:
    """Follow-ups on this page that the answers just sent make apply, still unanswered:
    the page is shown again with them before anything goes on."""
    return [
        q
        for q in default_questions().on_page(page)
        if q.shown_when is not None
        and q.shown_when.fields() & {o.id for o in default_questions().on_page(page)}
        and q.shown(facts) is True
        and q.id not in facts
    ]


def page_view(page: str, facts: Facts, again: frozenset[str] = frozenset()) -> PageView:
    """What one page shows, given the answers of the pages before it (and its own, when it
    is shown again, so a follow-up they make apply appears)."""
    questions = default_questions()
    info = next(p for p in questions.page if p.id == page)
    blocks: list[Question | Group] = []
    grouped: dict[str, list[Question]] = {}
    for asked in _applies(page, facts):
        shown = _shown(asked, again)
        if asked.group is None:
            blocks.append(shown)
            continue
        if asked.group not in grouped:
            grouped[asked.group] = []
            blocks.append(Group(asked.group, "", "", (), ""))  # placeholder, filled below
        grouped[asked.group].append(shown)
    for index, block in enumerate(blocks):
        if isinstance(block, Group):
            wording = questions.group_by_id(block.id)
            blocks[index] = Group(
                block.id,
                wording.text,
                wording.why,
                tuple(grouped[block.id]),
                questions.labels.none_of_these,
            )
    return PageView(
        page,
        info.title,
        info.intro,
        questions.page_number(page),
        len(questions.page),
        tuple(blocks),
    )


def _value(question: Asked, form: FormData) -> Any:
    """The typed value of one answer; anything unexpected is passed on for validation."""
    if question.kind == "choices":
        return [str(v) for v in form.getlist(question.id) if v != ""]
    raw = form.get(question.id)
    if raw is None or raw == "":
        if question.group is not None and form.get(NONE_OF + question.group) == YES:
            return False
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


def _put(document: dict[str, Any], path: str, value: Any) -> None:
    *sections, name = path.split(".")
    target = document
    for section in sections:
        target = target.setdefault(section, {})
    target[name] = value


def document_from_facts(facts: Facts, *, complete: bool) -> dict[str, Any]:
    """A version-2 document; when not ``complete``, what is missing is listed unanswered."""
    document: dict[str, Any] = {"version": 2}
    for path, value in facts.items():
        _put(document, path, value)
    if not complete:
        document["unanswered"] = still_to_answer(facts)
    return document


def problem_in_words(problem: str) -> Problem:
    """An answers problem in the question's own words, never a field path."""
    questions = default_questions()
    if problem.startswith("unanswered: "):
        path = problem.removeprefix("unanswered: ")
        if path in QUESTION_FIELDS:
            question = questions.by_id(path)
            return Problem(question.missing, f"q-{path}")
        return Problem(problem)
    path, _, rest = problem.partition(": ")
    key = path.split("[")[0]
    if key in QUESTION_FIELDS:
        question = questions.by_id(key)
        if question.kind == "number":
            return Problem(f"{question.text} {number_hint(question)}", f"q-{key}")
        detail = rest.partition("; allowed")[0]
        return Problem(f"{question.text} ({detail})", f"q-{key}")
    return Problem(problem)


def number_hint(question: Asked) -> str:
    """What to type for a number question, with its range, as the terminal says it: the
    validator's own text ("input should be a valid integer") means nothing to people."""
    kind = "a whole number" if question.whole else "a number"
    return f"Type {kind} from {question.min or 0:g} to {question.max or 0:g}."


def problems_on(page: str, facts: Facts, form: FormData) -> list[Problem]:
    """What is unanswered or contradictory on one page, in the questions' words."""
    questions = default_questions()
    problems: list[Problem] = []
    reported: set[str] = set()
    for asked in _applies(page, facts):
        group = asked.group
        if group is not None and group in reported:
            continue
        if group is not None:
            members = [q for q in _applies(page, facts) if q.group == group]
            wording = questions.group_by_id(group)
            yes = [q for q in members if form.get(q.id) == YES]
            if form.get(NONE_OF + group) == YES and yes:
                reported.add(group)
                problems.append(
                    Problem(
                        f"{wording.text} You ticked “{questions.labels.none_of_these}” and also "
                        f"answered yes to: {'; '.join(q.text for q in yes)}",
                        f"group-{group}",
                    )
                )
            elif any(q.id not in facts for q in members):
                reported.add(group)
                problems.append(Problem(wording.missing, f"group-{group}"))
            continue
        value = facts.get(asked.id)
        if value is None or value == []:
            if asked.empty_is_an_answer:
                continue  # an empty choice of equipment is an answer
            problems.append(problem_in_words(f"unanswered: {asked.id}"))
    return problems


def value_problems(facts: Facts) -> list[Problem]:
    """Wrong values among the answers so far (out of range, contradictions), in words."""
    try:
        read_answers(document_from_facts(facts, complete=False))
    except AnswersError as error:
        return [problem_in_words(p) for p in error.problems]
    return []


def hidden_fields(facts: Facts) -> list[tuple[str, str]]:
    """Answers of earlier pages as hidden inputs, so they travel with the next form."""
    items: list[tuple[str, str]] = []
    for path, value in facts.items():
        if isinstance(value, list):
            items.extend((path, str(v)) for v in value)
            if not value:
                items.append((path, ""))  # "none of them" travels too
        elif isinstance(value, bool):
            items.append((path, YES if value else NO))
        elif isinstance(value, float) and value.is_integer():
            items.append((path, str(int(value))))
        else:
            items.append((path, str(value)))
    return items


def form_from_answers(document: dict[str, Any]) -> tuple[FormData, frozenset[str]]:
    """Saved answers as form values for the pain and preference pages, and the questions
    to ask again (new since then, or provisional after an upgrade). Warning signs and
    health history are always asked afresh; what must be asked again is left blank."""
    from supple.answers import flatten

    try:
        saved = read_answers(document)
    except AnswersError:
        return FormData([]), frozenset()
    again = frozenset(saved.unanswered)
    values = saved.to_dict()
    first = set(pages_up_to("more_checks"))
    fields = {q.id for q in default_questions().question if q.page not in first}
    answered = {
        path: value
        for path, value in flatten(
            {k: values.get(k) or {} for k in ("pain", "preferences")}
        ).items()
        if path in fields and path not in again
    }
    items: list[tuple[str, str | UploadFile]] = list(hidden_fields(answered))
    return FormData(items), again & fields
