"""The global rating of change: "since you started, how are you?" from -7 to +7.

Asked at each 4-week review. The scale's steps are worded plainly in
thresholds.toml; the person picks a step, so a number outside the scale is refused.
"""

from __future__ import annotations

from supple.outcomes.data import OutcomesData, default_outcomes_data

LOWEST, HIGHEST = -7, 7


class GrocError(ValueError):
    """A global rating of change outside -7 to +7."""


def check_groc(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not LOWEST <= value <= HIGHEST:
        raise GrocError(
            f"the change rating is {value}; choose a whole number from {LOWEST} "
            f"(a very great deal worse) to +{HIGHEST} (a very great deal better)"
        )
    return value


def groc_choices(data: OutcomesData | None = None) -> list[tuple[int, str]]:
    """Every step of the scale with its words, from the worst to the best."""
    scale = (data or default_outcomes_data()).groc
    return [(value, scale.words(value)) for value in range(LOWEST, HIGHEST + 1)]


def groc_label(value: int, data: OutcomesData | None = None) -> str:
    """``+3 Somewhat better``: the number with its sign and its words."""
    shown = f"+{value}" if value > 0 else str(value)
    return f"{shown} {(data or default_outcomes_data()).groc.words(value)}"


def groc_says_worse(value: int, data: OutcomesData | None = None) -> bool:
    return value <= (data or default_outcomes_data()).groc.worse_at_most
