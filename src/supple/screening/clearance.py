"""Whether a clinician's clearance still counts (issue 11: per rule, dated, and lapsing).

A clearance allows a gentle routine at the level the screen found; it never changes
the level. It counts only while all of these hold: it names a rule that can be cleared
and that triggers now; it is dated no more than 12 weeks ago and not in the future; it
is on or after the day this pain began (today minus ``pain.weeks``); and no urgent or
see-clinician rule triggers now that was not triggering when it was given.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from supple.answers import Clearance

MAX_AGE_DAYS = 12 * 7

# Said instead of asking for a clearance when the person answered that no GP or
# physiotherapist has examined this pain (the question is asked once, not twice).
NOT_EXAMINED = (
    "a clearance needs a GP or physiotherapist who examined this pain, and you told us "
    "no one has examined it yet: please have it examined first (or, if someone has, "
    "change that answer)."
)

Status = Literal[
    "valid",
    "not_clearable",
    "not_examined",
    "not_triggering",
    "in_the_future",
    "older_than_12_weeks",
    "before_this_pain",
    "lapsed",
]


@dataclass(frozen=True)
class ClearanceCheck:
    rule: str
    date: dt.date
    status: Status
    # For "lapsed": the new rules that made it lapse.
    new_rules: tuple[str, ...] = ()

    @property
    def valid(self) -> bool:
        return self.status == "valid"

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"rule": self.rule, "date": self.date.isoformat()}
        out["status"] = self.status
        if self.new_rules:
            out["new_rules"] = list(self.new_rules)
        return out


def pain_began(today: dt.date, weeks: float) -> dt.date:
    """The day this pain began, taken as late as the answer allows (the stricter check)."""
    return today - dt.timedelta(days=math.floor(weeks * 7))


def check_clearance(
    clearance: Clearance,
    *,
    today: dt.date,
    weeks: float,
    serious_now: Iterable[str],
    clearable: frozenset[str],
    examined: bool = True,
) -> ClearanceCheck:
    """The status of one clearance; ``serious_now`` are the urgent and see-clinician
    rules that trigger today."""
    serious = set(serious_now)

    def status(kind: Status, new: tuple[str, ...] = ()) -> ClearanceCheck:
        return ClearanceCheck(clearance.rule, clearance.date, kind, new)

    if clearance.rule not in clearable:
        return status("not_clearable")
    # A clearance needs a GP or physiotherapist who examined this pain: with
    # ``pain.assessed`` answered no, the answers contradict it, and the safer one wins.
    if not examined:
        return status("not_examined")
    if clearance.rule not in serious:
        return status("not_triggering")
    if clearance.date > today:
        return status("in_the_future")
    if clearance.date < today - dt.timedelta(days=MAX_AGE_DAYS):
        return status("older_than_12_weeks")
    if clearance.date < pain_began(today, weeks):
        return status("before_this_pain")
    # Without a record of what triggered then, only the cleared rule itself is known.
    then = set(clearance.triggering) if clearance.triggering is not None else {clearance.rule}
    new = tuple(sorted(serious - then))
    if new:
        return status("lapsed", new)
    return status("valid")


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def why_not_counted(check: ClearanceCheck, *, today: dt.date, weeks: float) -> str:
    """Why a clearance does not count, naming the date it was given (the one just
    entered, never an older saved one) and what to do, in one sentence every shell shows."""
    given = _day(check.date)
    if check.status == "in_the_future":
        return (
            f"{given} is in the future, and a clearance must already have been given: "
            f"type the day the GP or physiotherapist said so (today, {_day(today)}, or earlier)."
        )
    if check.status == "older_than_12_weeks":
        oldest = today - dt.timedelta(days=MAX_AGE_DAYS)
        return (
            f"{given} is more than 12 weeks ago (a clearance counts for 12 weeks, so from "
            f"{_day(oldest)} on): please have this pain checked again before exercising."
        )
    if check.status == "before_this_pain":
        return (
            f"{given} is before this pain began (about {_day(pain_began(today, weeks))}), "
            "so that check was not about this pain."
        )
    if check.status == "lapsed":
        return f"the clearance of {given} lapsed: something new has come up since it was given."
    if check.status == "not_triggering":
        return f"the clearance of {given} is not needed: that answer no longer applies."
    if check.status == "not_examined":
        return NOT_EXAMINED
    if check.status == "not_clearable":
        return f"the clearance of {given} cannot count: that answer cannot be cleared."
    return f"the clearance of {given} counts."
