"""The safety screen: is exercise safe right now, and if not, what should the person do?

It runs before anything else and cannot be skipped. The most serious rule that triggers
decides the level; every triggering rule is listed with its advice and sources, so the
person sees exactly why. The rules are data (rules.toml); this module only applies them.
The screen has no clock: ``today`` is given by the shell, for checking clearances.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from supple.answers import AnswersDocument, IncompleteAnswers
from supple.screening.clearance import ClearanceCheck, check_clearance
from supple.screening.rules import (
    CLEARABLE_LEVELS,
    SCREEN_LEVELS,
    SEVERITY,
    Rule,
    Rules,
    RulesError,
    ScreenLevel,
    default_rules,
    load_rules,
)

# Kept for callers: the levels at which only a clearance can allow a routine.
CLEARABLE = CLEARABLE_LEVELS
GENTLE_LEVELS: frozenset[ScreenLevel] = frozenset({"book_review", "caution"})


@dataclass(frozen=True)
class Reason:
    rule: str
    level: ScreenLevel
    label: str
    advice: str
    sources: tuple[str, ...]
    # The rule's own "what to do now", replacing its level's (None: the level's applies).
    action: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "rule": self.rule,
            "level": self.level,
            "advice": self.advice,
            "sources": list(self.sources),
        }
        if self.action is not None:
            out["action"] = self.action
        return out


@dataclass(frozen=True)
class ScreenResult:
    level: ScreenLevel
    reasons: list[Reason]
    routine_allowed: bool
    # True when a routine is allowed but must be gentle (beginner dosage, nothing advanced).
    gentle: bool
    # What the level means for the person, from rules.toml (for display, not the contract).
    title: str
    action: str
    # Questions still to answer: while any are, no routine is built.
    unanswered: tuple[str, ...] = ()
    clearances: tuple[ClearanceCheck, ...] = ()
    # The longest session allowed (a rule such as very strong pain caps it), or None.
    max_minutes: int | None = None

    @property
    def cleared(self) -> tuple[ClearanceCheck, ...]:
        """The clearances that allow this routine (empty unless a routine needs them)."""
        if not self.routine_allowed or self.level not in CLEARABLE_LEVELS:
            return ()
        return tuple(c for c in self.clearances if c.valid)

    def to_dict(self) -> dict[str, Any]:
        """Exactly the `screen` object of the output contract."""
        out: dict[str, Any] = {
            "level": self.level,
            "reasons": [reason.to_dict() for reason in self.reasons],
            "routine_allowed": self.routine_allowed,
            "unanswered": list(self.unanswered),
        }
        if self.clearances:
            out["clearances"] = [c.to_dict() for c in self.clearances]
        if self.max_minutes is not None:
            out["max_minutes"] = self.max_minutes
        return out


def triggered_rules(
    answers: AnswersDocument, rules: Rules | None = None, *, facts: dict[str, Any] | None = None
) -> list[Rule]:
    """Every rule the answers prove, in rules.toml order (unknown answers prove nothing).
    ``facts`` are the answers' own facts when the caller has them already."""
    rules = rules or default_rules()
    facts = answers.facts() if facts is None else facts
    return [rule for rule in rules.rule if rule.triggers(facts) is True]


def serious_rule_ids(triggered: list[Rule]) -> list[str]:
    """The urgent and see-clinician rules among these: what a clearance is given against."""
    return [rule.id for rule in triggered if rule.level in CLEARABLE_LEVELS]


def _routine(
    level: ScreenLevel, triggered: list[Rule], checks: tuple[ClearanceCheck, ...], complete: bool
) -> tuple[bool, bool]:
    """(routine_allowed, gentle). Never with questions unanswered, never at emergency;
    at urgent and see-clinician only when every such rule has a valid clearance."""
    if not complete or level == "emergency":
        return False, False
    if level in CLEARABLE_LEVELS:
        cleared = {c.rule for c in checks if c.valid}
        serious = [rule for rule in triggered if rule.level in CLEARABLE_LEVELS]
        allowed = all(rule.clearable and rule.id in cleared for rule in serious)
        return allowed, allowed
    return True, level in GENTLE_LEVELS


def level_action(level: str, triggered: list[Rule], default: str) -> str:
    """What to do now: the first rule at this level that says it in its own words, or the
    level's text (a maternity unit, not a GP, for pregnancy warning signs)."""
    return next((r.action for r in triggered if r.level == level and r.action), default)


def screen(
    answers: AnswersDocument,
    *,
    today: dt.date,
    rules: Rules | None = None,
    facts: dict[str, Any] | None = None,
) -> ScreenResult:
    """Apply every rule to the answers; the most serious triggered level wins.

    ``facts`` are ``answers.facts()`` when the caller has them already (the planner
    flattens the answers once per plan, for the screen, the assessment and the
    precautions alike); they are found here otherwise.
    """
    rules = rules or default_rules()
    facts = answers.facts() if facts is None else facts
    triggered = triggered_rules(answers, rules, facts=facts)
    # Stable sort: within a level, the order of rules.toml.
    triggered.sort(key=lambda rule: -SEVERITY[rule.level])
    level: ScreenLevel = triggered[0].level if triggered else "ok"
    complete = not isinstance(answers, IncompleteAnswers)
    weeks = facts.get("pain.weeks")
    checks = tuple(
        check_clearance(
            c,
            today=today,
            weeks=float(weeks) if weeks is not None else 0.0,
            serious_now=serious_rule_ids(triggered),
            clearable=rules.clearable_ids(),
            examined=facts.get("pain.assessed") is not False,
        )
        for c in answers.clearance
    )
    allowed, gentle = _routine(level, triggered, checks, complete)
    caps = [rule.max_minutes for rule in triggered if rule.max_minutes is not None]
    info = rules.levels[level]
    return ScreenResult(
        level=level,
        reasons=[
            Reason(rule.id, rule.level, rule.label, rule.advice, tuple(rule.sources), rule.action)
            for rule in triggered
        ],
        routine_allowed=allowed,
        gentle=gentle,
        title=info.title,
        action=level_action(level, triggered, info.action),
        unanswered=answers.unanswered,
        clearances=checks,
        max_minutes=min(caps) if caps else None,
    )


__all__ = [
    "CLEARABLE",
    "CLEARABLE_LEVELS",
    "SCREEN_LEVELS",
    "SEVERITY",
    "ClearanceCheck",
    "Reason",
    "Rule",
    "Rules",
    "RulesError",
    "ScreenLevel",
    "ScreenResult",
    "default_rules",
    "level_action",
    "load_rules",
    "screen",
    "serious_rule_ids",
    "triggered_rules",
]
