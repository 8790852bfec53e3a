"""Progress and adaptation: adherence, pain over time, and how the next plan changes.

A pure core: values in, values out. ``today`` is always a parameter and sessions
arrive as ``SessionLog`` values the shells build from the store.
"""

from supple.progress.adapt import (
    Adaptation,
    ExerciseChange,
    LevelOffer,
    adapt,
    clinician_reasons,
    current_level_since,
    level_offer,
    step_downs,
    stop_changes,
)
from supple.progress.log import RATINGS, CheckIn, Rating, SessionLog, peg_score, week_start
from supple.progress.summary import (
    PainTrend,
    Progress,
    WeekAdherence,
    WeekPain,
    current_streak,
    pain_stops,
    pain_trend,
    summarise,
    weekly_adherence,
    weekly_pain,
)

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
    "adapt",
    "clinician_reasons",
    "current_level_since",
    "current_streak",
    "level_offer",
    "pain_stops",
    "pain_trend",
    "peg_score",
    "step_downs",
    "stop_changes",
    "summarise",
    "week_start",
    "weekly_adherence",
    "weekly_pain",
]
