"""The questionnaire as the browser shows it, and the way back from a form to answers.

Warning-sign questions come word for word from the screen's rules (rules.toml), so the
browser, the terminal and a clinician reviewing the rules all read the same sentence.
The pain and preference questions add only what a form needs: labels for each choice.
A form's values are turned into the answers document and then validated by
``parse_answers``, the same gate the CLI and the API use; nothing is trusted before it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from starlette.datastructures import FormData, UploadFile

from supple.answers import PAIN_BOOLEANS, RED_FLAGS
from supple.screening import default_rules

YES, NO = "yes", "no"


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
    level: str = ""  # for warning signs: the screen level a "yes" leads to


def _choices(*pairs: tuple[str, str]) -> tuple[Choice, ...]:
    return tuple(Choice(value, label) for value, label in pairs)


YES_NO = _choices((YES, "Yes"), (NO, "No"))

AREAS = _choices(
    ("upper_buttock", "Top of the buttock"),
    ("deep_buttock", "Deep in the buttock"),
    ("lower_back", "Lower back"),
    ("outer_hip", "Outer hip"),
)
SIDES = _choices(("left", "Left"), ("right", "Right"), ("both", "Both sides"))
CHARACTER = _choices(
    ("dull_ache", "A dull ache"),
    ("stiffness", "Stiffness"),
    ("sharp", "Sharp"),
    ("shooting", "Shooting"),
    ("burning", "Burning"),
)
RADIATES = _choices(
    ("none", "No, it stays put"),
    ("thigh", "Into the thigh"),
    ("below_knee", "Below the knee"),
)
LEVEL = _choices(
    ("beginner", "Beginner: new to this, or it hurts to move"),
    ("intermediate", "Intermediate: I stretch or train now and then"),
    ("advanced", "Advanced: I train regularly"),
)
CAN = _choices(
    ("standing", "Stand"),
    ("chair", "Sit on a chair"),
    ("floor", "Get down onto the floor and up again"),
    ("kneel", "Kneel"),
)
EQUIPMENT = _choices(
    ("mat", "Exercise mat or rug"),
    ("chair", "Sturdy chair"),
    ("strap", "Strap, belt or towel"),
    ("cushion", "Cushion"),
    ("block", "Yoga block or thick book"),
)

# The pain yes/no questions that are not caution rules.
_PAIN_YES_NO_TEXT: dict[str, str] = {
    "worse_sitting": "Is it worse when you sit for a while?",
    "worse_stairs_or_walking": "Is it worse climbing stairs or walking?",
    "worse_lying_on_side": "Is it worse lying on the sore side?",
    "worse_sit_to_stand": "Does getting up from a chair bring it on?",
    "worse_bending": "Is it worse when you bend forward or sideways?",
    "tender_deep_buttock": "Is a spot deep in the buttock tender when you press it?",
    "hurts_crossing_legs": "Does crossing your legs, ankle on knee, hurt the buttock?",
}


def warning_questions() -> list[Question]:
    """The 18 warning signs in the order the screen asks them, most serious first."""
    rules = default_rules()
    return [
        Question(f"rf_{rule.answer}", rule.question, rule.why, YES_NO, level=str(rule.level))
        for rule in sorted(rules.red_flag, key=lambda r: RED_FLAGS.index(r.answer))
    ]


def emergency_answers() -> frozenset[str]:
    """Warning signs whose "yes" needs emergency help, whatever else is answered."""
    return frozenset(rule.answer for rule in default_rules().red_flag if rule.level == "emergency")


def pain_questions() -> list[Question]:
    rules = default_rules()

    def caution(answer: str, choices: tuple[Choice, ...]) -> Question:
        rule = rules.caution_rule(answer)
        return Question(answer, rule.question, rule.why, choices)

    yes_no = [
        caution(name, YES_NO)
        if name in {rule.answer for rule in rules.caution}
        else Question(name, _PAIN_YES_NO_TEXT[name], "", YES_NO)
        for name in PAIN_BOOLEANS
    ]
    return [
        Question("areas", "Where is the pain? Choose all that apply.", "", AREAS, many=True),
        Question("side", "Which side is it on?", "", SIDES),
        caution("character", CHARACTER),
        caution("radiates", RADIATES),
        *yes_no,
    ]


def preference_questions() -> list[Question]:
    return [
        Question("level", "How used are you to exercise?", "", LEVEL),
        Question("can", "Which of these can you do comfortably?", "", CAN, many=True),
        Question("equipment", "What do you have at home?", "", EQUIPMENT, many=True),
    ]


def intensity_question() -> Question:
    rule = default_rules().caution_rule("intensity")
    return Question("intensity", rule.question, rule.why)


def _yes_no(value: Any) -> bool | str | None:
    """ "yes" -> True, "no" -> False; anything else is passed on so validation names it."""
    if value is None:
        return None
    if value == YES:
        return True
    if value == NO:
        return False
    return str(value)


def _number(value: Any) -> int | float | str | None:
    """Numbers typed into a form; a value that is not a number is passed on unchanged."""
    if value is None or value == "":
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    return int(number) if number.is_integer() else number


def _drop_missing(mapping: dict[str, Any]) -> dict[str, Any]:
    """Unanswered questions are left out, so ``parse_answers`` reports them as missing."""
    return {key: value for key, value in mapping.items() if value is not None}


def red_flags_from_form(form: FormData) -> dict[str, Any]:
    return _drop_missing({name: _yes_no(form.get(f"rf_{name}")) for name in RED_FLAGS})


def answers_from_form(form: FormData) -> dict[str, Any]:
    """The answers document for a submitted questionnaire (validated afterwards)."""
    pain = {
        "intensity": _number(form.get("intensity")),
        "areas": form.getlist("areas"),
        "side": form.get("side"),
        "character": form.get("character"),
        "radiates": form.get("radiates"),
        "weeks": _number(form.get("weeks")),
        "sitting_hours": _number(form.get("sitting_hours")),
        **{name: _yes_no(form.get(name)) for name in PAIN_BOOLEANS},
    }
    preferences = {
        "level": form.get("level") or None,
        "minutes": _number(form.get("minutes")),
        "can": form.getlist("can"),
        "equipment": form.getlist("equipment"),
    }
    return {
        "red_flags": red_flags_from_form(form),
        "pain": _drop_missing(pain),
        "preferences": _drop_missing(preferences),
        "cleared_by_clinician": form.get("cleared_by_clinician") == YES,
    }


def form_from_answers(document: dict[str, Any]) -> FormData:
    """Saved answers as form values, so part 2 starts filled in with last time's answers.

    Only the pain and preference questions are filled in this way; the warning signs
    are always asked afresh, because they are the answers that can change overnight.
    """
    pain = document.get("pain") or {}
    prefs = document.get("preferences") or {}
    items: list[tuple[str, str | UploadFile]] = []
    for key, value in {**pain, **prefs}.items():
        if isinstance(value, list):
            items.extend((key, str(entry)) for entry in value)
        elif isinstance(value, bool):
            items.append((key, YES if value else NO))
        elif isinstance(value, float) and value.is_integer():
            items.append((key, str(int(value))))
        else:
            items.append((key, str(value)))
    return FormData(items)
