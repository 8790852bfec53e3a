"""The one reader for answers documents, used by the CLI, the web app and the store alike.

``read_answers`` accepts version 2 (complete, or with an ``unanswered`` list) and
version 1 (upgraded). Every problem is reported with the field's path and the values
it accepts, so the person (or the program that wrote the file) can fix it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, get_origin

from pydantic import ValidationError

from supple.answers.model import (
    FIELD_TYPES,
    MAX_AGE,
    MAX_MINUTES,
    MIN_MINUTES,
    OPTIONAL_FIELDS,
    QUESTION_FIELDS,
    Answers,
    Clearance,
    allowed_values,
    flatten,
)
from supple.answers.upgrade import V1Answers, upgrade_v1

_YES_NO = "true or false"
_NUMBERS: dict[str, str] = {
    "about.age": f"a whole number from 0 to {MAX_AGE}",
    "pain.intensity": "a whole number from 0 to 10",
    "pain.weeks": "a number of 0 or more",
    "pain.sitting_hours": "a number from 0 to 24",
    "preferences.minutes": f"a whole number from {MIN_MINUTES} to {MAX_MINUTES}",
}
_SECTIONS = ("about", "red_flags", "history", "pain", "preferences")


def _describe(path: str) -> str:
    if path in _NUMBERS:
        return _NUMBERS[path]
    kind = FIELD_TYPES[path]
    values = allowed_values(path)
    if values is None:
        return _YES_NO
    words = ", ".join(str(v) for v in values)
    return f"a list with any of: {words}" if get_origin(kind) is list else f"one of: {words}"


def _section_fields(section: str) -> list[str]:
    return [p.removeprefix(section + ".") for p in QUESTION_FIELDS if p.startswith(section + ".")]


# What each field accepts, in words; error messages quote these.
ALLOWED: dict[str, str] = {
    "": "an object with version (2), about, red_flags, history, pain, and optionally "
    "preferences, clearance and unanswered",
    "version": "2 (or a version-1 document without version)",
    "clearance": "a list of objects with rule, date (YYYY-MM-DD) and optionally triggering",
    "clearance.rule": "the id of a rule that can be cleared",
    "clearance.date": "a date written YYYY-MM-DD",
    "clearance.triggering": "a list of rule ids",
    "unanswered": "a list of question field paths",
    "pain.legs": "an object with left and right",
    **{s: f"an object with: {', '.join(_section_fields(s))}" for s in _SECTIONS},
    **{path: _describe(path) for path in QUESTION_FIELDS},
}


class AnswersError(ValueError):
    """The answers cannot be used; ``problems`` holds one readable message per problem."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class IncompleteAnswers:
    """A document with questions still to answer (an upgraded version 1, or one saved
    part-way). It is screened for what it does say, and never gets a routine.

    ``values`` is the version-2 document without ``unanswered``; a path in
    ``unanswered`` that has a value there is provisional (counted, and asked again).
    """

    values: dict[str, Any]
    unanswered: tuple[str, ...]
    clearance: tuple[Clearance, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {**self.values, "unanswered": list(self.unanswered)}

    def facts(self) -> dict[str, Any]:
        """The known answers by path; an unknown answer is simply absent."""
        known = flatten({k: v for k, v in self.values.items() if k in _SECTIONS})
        legs = (known.get("pain.legs.left"), known.get("pain.legs.right"))
        if "pain.legs_both_new_or_worse" not in known and None not in legs and "none" in legs:
            # Not asked, because not both legs: known to be absent.
            known["pain.legs_both_new_or_worse"] = None
        return known


AnswersDocument = Answers | IncompleteAnswers


def _path(loc: Iterable[int | str]) -> tuple[str, str]:
    """Readable path (``pain.areas[1]``) and the key into ALLOWED (``pain.areas``)."""
    text = ""
    key_parts: list[str] = []
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
            key_parts.append(part)
    return text, ".".join(key_parts)


def _message(error: Any) -> str:
    path, key = _path(error["loc"])
    kind = error["type"]
    if kind == "missing" and key in FIELD_TYPES:
        return f"unanswered: {key}"
    if kind == "extra_forbidden":
        parent = key.rpartition(".")[0]
        return f"{path}: unknown field; allowed here: {ALLOWED.get(parent, ALLOWED[''])}"
    allowed = ALLOWED.get(key, "")
    if kind == "missing":
        problem = "required"
    elif kind == "value_error":
        problem = str(error["ctx"]["error"])
    else:
        problem = str(error["msg"]).lower()
    where = path or "answers"
    return f"{where}: {problem}; allowed: {allowed}" if allowed else f"{where}: {problem}"


def _missing_paths(loc: tuple[int | str, ...]) -> list[str]:
    """The question paths a "missing" error covers (a whole section may be missing)."""
    _, key = _path(loc)
    if key in FIELD_TYPES:
        return [key]
    return [p for p in QUESTION_FIELDS if p.startswith(key + ".") and p not in OPTIONAL_FIELDS]


def _problems(exc: ValidationError, unanswered: frozenset[str]) -> list[str]:
    problems: list[str] = []
    for error in exc.errors():
        loc = tuple(error["loc"])
        if error["type"] == "missing":
            paths = _missing_paths(loc)
            if paths and set(paths) <= unanswered:
                continue
            if len(paths) > 1:
                problems.extend(f"unanswered: {p}" for p in paths if p not in unanswered)
                continue
        problems.append(_message(error))
    return problems


def consistency_problems(facts: dict[str, Any], unanswered: Iterable[str] = ()) -> list[str]:
    """Rules that tie answers together; an unknown answer is not held against them."""
    open_paths = set(unanswered)
    problems: list[str] = []
    pregnancy = facts.get("about.pregnancy")
    if facts.get("red_flags.pregnancy_warning") is True and pregnancy not in (None, "pregnant"):
        problems.append(
            "red_flags.pregnancy_warning: can be true only when about.pregnancy is pregnant; "
            "allowed here: false"
        )
    left, right = facts.get("pain.legs.left"), facts.get("pain.legs.right")
    both_new = "pain.legs_both_new_or_worse"
    if left is not None and right is not None:
        both = left != "none" and right != "none"
        if both and facts.get(both_new) is None and both_new not in open_paths:
            problems.append(f"unanswered: {both_new}")
        if not both and facts.get(both_new) is not None:
            problems.append(
                f"{both_new}: only when pain spreads into both legs; leave it out "
                "when pain.legs has none on either side"
            )
    return problems


def _clearance_problems(clearance: Any, clearable: frozenset[str]) -> list[str]:
    if not isinstance(clearance, list):
        return []
    problems: list[str] = []
    named = [c.get("rule") for c in clearance if isinstance(c, dict)]
    for index, rule in enumerate(named):
        if isinstance(rule, str) and rule not in clearable:
            problems.append(
                f"clearance[{index}].rule: '{rule}' cannot be cleared; "
                f"allowed: {', '.join(sorted(clearable))}"
            )
    repeated = sorted({r for r in named if isinstance(r, str) and named.count(r) > 1})
    if repeated:
        problems.append(f"clearance: each rule once; repeated: {', '.join(repeated)}")
    return problems


def still_to_answer(facts: dict[str, Any], asked_again: Iterable[str] = ()) -> list[str]:
    """The question paths a partly answered document must list as unanswered: those with
    no answer yet (and those being asked again), leaving out preferences (they have
    defaults) and the two-legs follow-up when it does not apply."""
    again = set(asked_again)
    legs = (facts.get("pain.legs.left"), facts.get("pain.legs.right"))
    follow_up_applies = None in legs or "none" not in legs
    return [
        path
        for path in QUESTION_FIELDS
        if (path in again or path not in facts)
        and not path.startswith("preferences.")
        and (path != "pain.legs_both_new_or_worse" or follow_up_applies)
    ]


def _unanswered_list(raw: Any) -> tuple[list[str], list[str]]:
    if raw is None:
        return [], []
    if not isinstance(raw, list) or not all(isinstance(p, str) for p in raw):
        return [], [f"unanswered: must be a list of field paths; allowed: {ALLOWED['unanswered']}"]
    wrong = [p for p in raw if p not in FIELD_TYPES]
    if wrong:
        return [], [
            f"unanswered: unknown field paths {', '.join(wrong)}; "
            f"allowed: {', '.join(QUESTION_FIELDS)}"
        ]
    return list(dict.fromkeys(raw)), []


def _default_clearable() -> frozenset[str]:
    # The rules data says which rules can be cleared; imported here to avoid a cycle.
    from supple.screening.rules import default_rules

    return default_rules().clearable_ids()


def _read_v2(raw: dict[str, Any], clearable: frozenset[str]) -> AnswersDocument:
    body = {k: v for k, v in raw.items() if k != "unanswered"}
    unanswered, problems = _unanswered_list(raw.get("unanswered"))
    problems += _clearance_problems(body.get("clearance"), clearable)
    open_paths = frozenset(unanswered)
    answers: Answers | None = None
    try:
        answers = Answers.model_validate(body)
    except ValidationError as exc:
        problems = _problems(exc, open_paths) + problems
    facts = (
        answers.facts() if answers else flatten({k: v for k, v in body.items() if k in _SECTIONS})
    )
    problems += consistency_problems(facts, unanswered)
    if problems:
        # Unanswered questions first: they are the ones that must never be skipped.
        problems.sort(key=lambda text: not text.startswith("unanswered:"))
        raise AnswersError(problems)
    if answers is not None and not unanswered:
        return answers
    clearance = tuple(Clearance.model_validate(c) for c in body.get("clearance") or [])
    values = {k: v for k, v in body.items() if k != "clearance"}
    if clearance:
        values["clearance"] = body["clearance"]
    return IncompleteAnswers(values, tuple(unanswered), clearance)


def _read_v1(raw: dict[str, Any]) -> IncompleteAnswers:
    try:
        old = V1Answers.model_validate(raw)
    except ValidationError as exc:
        raise AnswersError([_message(e) for e in exc.errors()]) from None
    document, unanswered = upgrade_v1(old)
    # The carried-over answers go through the version-2 checks too (preferences above all).
    result = _read_v2({**document, "unanswered": unanswered}, frozenset())
    assert isinstance(result, IncompleteAnswers)
    return result


def read_answers(raw: object, *, clearable: frozenset[str] | None = None) -> AnswersDocument:
    """Validate a decoded JSON document of either version; raise AnswersError listing
    every problem. ``clearable`` is the set of rule ids a clearance may name (default:
    the packaged rules)."""
    if not isinstance(raw, dict):
        raise AnswersError([f"answers: must be a JSON object; allowed: {ALLOWED['']}"])
    version = raw.get("version")
    if isinstance(version, bool) or version not in (None, 1, 2):
        raise AnswersError([f"version: {version!r} is not known; allowed: {ALLOWED['version']}"])
    if version in (None, 1):
        return _read_v1(raw)
    if type(version) is not int:
        raise AnswersError([f"version: {version!r} is not known; allowed: {ALLOWED['version']}"])
    return _read_v2(raw, _default_clearable() if clearable is None else clearable)


def parse_answers(raw: object, *, clearable: frozenset[str] | None = None) -> Answers:
    """A complete version-2 document, or AnswersError (an incomplete one lists what is
    unanswered). For code that needs every answer, such as the planner's tests."""
    result = read_answers(raw, clearable=clearable)
    if isinstance(result, IncompleteAnswers):
        raise AnswersError([f"unanswered: {path}" for path in result.unanswered])
    return result


__all__ = [
    "ALLOWED",
    "AnswersDocument",
    "AnswersError",
    "IncompleteAnswers",
    "consistency_problems",
    "parse_answers",
    "read_answers",
    "still_to_answer",
]
