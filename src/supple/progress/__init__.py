"""Progress and adaptation: adherence, pain over time, and how the next plan changes.

A pure core: values in, values out. ``today`` is always a parameter and sessions
arrive as ``SessionLog`` values the shells build from the store.
"""

from supple.progress.adapt import (
    Adaptation,
    ExerciseChange,
    LevelOffer,
    adapt,
    answers_are_fresh,
    current_level_since,
    movement_exclusions,
    needs_recheck,
    step_downs,
    stop_changes,
)
from supple.progress.level_up import level_offer
from supple.progress.log import RATINGS, CheckIn, Rating, SessionLog, peg_score, week_start
from supple.progress.summary import (
    PainTrend,
    Progress,
    WeekAdherence,
    WeekPain,
    current_streak,
    pain_stops,
    pain_trend,
    weekly_adherence,
    weekly_pain,
)
from supple.progress.weekly import WeeklySummary, summarise
from supple.progress.worse import clinician_reasons, success_note

__all__ = [
    "RATINGS",
    "Adaptation",
    "CheckIn",
    "ExerciseChange",
    "LevelOffer",
    "PainTrend",
    "Progress",
    "Rating",
    "SessionLog",
    "WeekAdherence",
    "WeekPain",
    "WeeklySummary",
    "adapt",
    "answers_are_fresh",
    "clinician_reasons",
    "current_level_since",
    "current_streak",
    "level_offer",
    "movement_exclusions",
    "needs_recheck",
    "pain_stops",
    "pain_trend",
    "peg_score",
    "step_downs",
    "stop_changes",
    "success_note",
    "summarise",
    "week_start",
    "weekly_adherence",
    "weekly_pain",
]
