"""The safety screen: is exercise safe right now, and if not, what should the person do?

It runs before anything else and cannot be skipped. The most serious answer decides the
level; every answer that triggered a rule is listed with its advice, so the person sees
exactly why. The rules are data (rules.toml); this module only applies them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from supple.answers import Answers
from supple.screening.rules import (
    SCREEN_LEVELS,
    SEVERITY,
    Rules,
    RulesError,
    ScreenLevel,
    default_rules,
    load_rules,
)

# Levels at which a routine is withheld unless a clinician has cleared the person.
CLEARABLE: frozenset[ScreenLevel] = frozenset({"urgent", "see_clinician"})


@dataclass(frozen=True)
class Reason:
    answer: str
    level: ScreenLevel
    advice: str

    def to_dict(self) -> dict[str, str]:
        return {"answer": self.answer, "level": self.level, "advice": self.advice}


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

    def to_dict(self) -> dict[str, Any]:
        """Exactly the `screen` object of the output contract."""
        return {
            "level": self.level,
            "reasons": [reason.to_dict() for reason in self.reasons],
            "routine_allowed": self.routine_allowed,
        }


def routine_rules(level: ScreenLevel, cleared_by_clinician: bool) -> tuple[bool, bool]:
    """(routine_allowed, gentle) for a level.

    Emergency never allows a routine, whatever anyone has cleared. Urgent and
    see-clinician allow one only after a clinician's clearance, and then only gently.
    Caution is always gentle.
    """
    if level == "emergency":
        return False, False
    if level in CLEARABLE:
        return cleared_by_clinician, cleared_by_clinician
    return True, level == "caution"


def screen(answers: Answers, rules: Rules | None = None) -> ScreenResult:
    """Apply every rule to the answers; the most serious triggered level wins."""
    rules = rules or default_rules()
    reasons = [
        Reason(rule.answer, rule.level, rule.advice)
        for rule in rules.red_flag
        if getattr(answers.red_flags, rule.answer)
    ]
    reasons += [
        Reason(rule.answer, "caution", rule.advice)
        for rule in rules.caution
        if rule.applies(answers.pain)
    ]
    # Stable sort: within a level, the order of rules.toml (the order questions are asked).
    reasons.sort(key=lambda reason: -SEVERITY[reason.level])
    level: ScreenLevel = reasons[0].level if reasons else "ok"
    allowed, gentle = routine_rules(level, answers.cleared_by_clinician)
    info = rules.levels[level]
    return ScreenResult(
        level=level,
        reasons=reasons,
        routine_allowed=allowed,
        gentle=gentle,
        title=info.title,
        action=info.action,
    )


__all__ = [
    "CLEARABLE",
    "SCREEN_LEVELS",
    "SEVERITY",
    "Reason",
    "Rules",
    "RulesError",
    "ScreenLevel",
    "ScreenResult",
    "default_rules",
    "load_rules",
    "routine_rules",
    "screen",
]
