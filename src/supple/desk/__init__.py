"""Sitting and the desk (issue 17): movement breaks, their desk routine and the set-up
checklist. Pure core: settings and answers in, break times, routines, calendar files
and summaries out; the CLI (``supple breaks``) and the web page /breaks render them."""

from supple.desk.breaks import BreakError, BreakSettings, parse_break_settings
from supple.desk.checklist import ChecklistError, checklist_summary, default_checklist
from supple.desk.routine import DeskRoutine, desk_routine

__all__ = [
    "BreakError",
    "BreakSettings",
    "ChecklistError",
    "DeskRoutine",
    "checklist_summary",
    "default_checklist",
    "desk_routine",
    "parse_break_settings",
]
