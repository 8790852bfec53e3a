"""docs/questions.md, written from questions.toml and rules.toml so the docs use the one
wording too. A test checks the published file; regenerate it with
``python -m supple.screening.questions_doc docs/questions.md``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from supple.screening.conditions import AnyOf, Condition, Match, Not, Unless
from supple.screening.questions import Question, default_questions
from supple.screening.rules import SCREEN_LEVELS, default_rules


def _condition(condition: Condition) -> str:
    """A condition in short readable form (for the docs only)."""
    if isinstance(condition, Match):
        for word, value in (
            ("is", condition.is_),
            ("is not", condition.is_not),
            ("in", condition.in_),
            ("at least", condition.at_least),
            ("below", condition.below),
            ("has", condition.has),
            ("has any of", condition.has_any),
        ):
            if value is not None:
                text = f"`{condition.field}` {word} `{value}`"
                if word == "at least" and condition.below is not None:
                    text += f" and below `{condition.below}`"
                return text
    if isinstance(condition, Not):
        return f"not ({_condition(condition.not_)})"
    if isinstance(condition, Unless):
        return f"unless {_condition(condition.unless)} (an unanswered one does not count)"
    if isinstance(condition, AnyOf):
        return "(" + " or ".join(_condition(c) for c in condition.any) + ")"
    parts = getattr(condition, "all", None)
    if parts is not None:
        return " and ".join(_condition(c) for c in parts)
    count = getattr(condition, "at_least_of", 0)
    return f"at least {count} of: " + "; ".join(_condition(c) for c in condition.of)  # type: ignore[union-attr]


def _answers(question: Question) -> str:
    if question.kind == "yes_no":
        return "yes / no"
    if question.kind == "number":
        kind = "whole number" if question.whole else "number"
        return f"{kind}, {question.min:g} to {question.max:g}"
    joined = "; ".join(f"`{o.value}` {o.label}" for o in question.options or [])
    return ("any of: " if question.kind == "choices" else "one of: ") + joined


def questions_markdown() -> str:
    questions = default_questions()
    rules = default_rules()
    lines = [
        "# The questions and the rules",
        "",
        "Written from `src/supple/screening/questions.toml` and `rules.toml` by",
        "`python -m supple.screening.questions_doc docs/questions.md`; do not edit by hand.",
        "",
    ]
    for page in questions.page:
        number = questions.page_number(page.id)
        lines += [f"## Page {number} of {len(questions.page)}: {page.title}", "", page.intro, ""]
        current_group = None
        for question in questions.on_page(page.id):
            if question.group != current_group and question.group is not None:
                group = questions.group_by_id(question.group)
                none = questions.labels.none_of_these
                lines += [
                    "",
                    f"**{group.text}** ({none} is one answer; if unanswered: {group.missing})",
                    "",
                ]
            current_group = question.group
            shown = (
                f" Asked only when {_condition(question.shown_when)}."
                if question.shown_when
                else ""
            )
            lines.append(f"- `{question.id}`: {question.text} ({_answers(question)}).{shown}")
            lines.append(f"  Why: {question.why}")
            empty = " Ticking none is an answer." if question.empty_is_an_answer else ""
            lines.append(f"  If unanswered: {question.missing}{empty}")
        lines.append("")
    lines += ["## Rules", ""]
    for level in SCREEN_LEVELS:
        if level == "ok":
            continue
        lines += [f"### {level}: {rules.levels[level].title}", ""]
        for rule in rules.at_level(level):
            cleared = " Can be cleared by a clinician." if rule.clearable else ""
            lines.append(f"- `{rule.id}` ({rule.label}): when {_condition(rule.when)}.{cleared}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m supple.screening.questions_doc PATH", file=sys.stderr)
        return 2
    Path(argv[0]).write_text(questions_markdown(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
