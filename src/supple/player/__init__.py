"""The guided session: a drift-free runner (pure) and its terminal shell.

``runner`` is the core and imports nothing from the terminal; ``display``, ``keys``
and ``voice`` are the shell pieces the ``supple session`` command puts around it.
"""

from supple.player.runner import (
    KEYS_HELP,
    SAFETY_REMINDER,
    RunResult,
    StepLike,
    StepResult,
    Tick,
    run_timeline,
    whole_seconds,
)

__all__ = [
    "KEYS_HELP",
    "SAFETY_REMINDER",
    "RunResult",
    "StepLike",
    "StepResult",
    "Tick",
    "run_timeline",
    "whole_seconds",
]
