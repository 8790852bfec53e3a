"""Reading a plan for the commands that act on one (`timeline`, `session`, `handout`, `calendar`).

A plan comes from a file printed by ``supple plan --json`` or, for ``latest``, from the
store. Every problem ends the command with exit code 2 and a message saying what to do,
so the four commands agree on what a usable plan is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from supple.cli.common import fail
from supple.cli.files import read_json_input

if TYPE_CHECKING:
    from supple.planning import Routine

PLAN_HELP = "A plan printed by `supple plan --json`, or 'latest' for your last saved plan."
NOT_A_PLAN = "this is not a plan: expected the output of `supple plan --json`."


@dataclass(frozen=True)
class LoadedPlan:
    """A plan document and what the store knows about it (nothing, for a file)."""

    document: dict[str, Any]
    plan_id: int | None
    profile: str
    made_on: date | None


def load_plan(source: str) -> LoadedPlan:
    """A plan from a JSON file, or the profile's latest saved plan for ``latest``."""
    from supple.settings import get_settings

    profile = get_settings().profile
    if source == "latest":
        from supple.store import StoreError, open_store

        try:
            # Reading a plan never upgrades the database: `supple session`, which
            # writes, has opened (and upgraded) it already.
            with open_store(read_only=True) as store:
                record = store.latest_plan(profile)
        except StoreError as error:
            fail(f"cannot read saved plans: {error}")
        if record is None:
            fail(
                f"profile '{profile}' has no saved plan yet.",
                "Make one with: supple plan --answers FILE",
            )
        refuse_while_warning(profile, required=True)
        made_on = record.created_at.astimezone().date()
        return LoadedPlan(dict(record.document), record.id, record.profile, made_on)
    document = read_json_input(source, "plan file", stdin=False)
    if not isinstance(document, dict):
        fail(NOT_A_PLAN)
    refuse_while_warning(profile, required=False)
    return LoadedPlan(document, None, profile, None)


def refuse_while_warning(profile: str, *, required: bool) -> None:
    """Exit 2 when the profile's newest warning-sign answer still outweighs every plan
    (``screening.standing``): no routine leaves Supple after an emergency or urgent
    answer until the questions are answered again.

    For a plan file the store is asked too, since the newest answers outweigh any plan;
    when the store cannot be read (``required`` False) the file's own screen decides.
    """
    from supple.screening.standing import standing_refusal
    from supple.store import SchemaOutdatedError, StoreError, open_store

    try:
        with open_store(read_only=True) as store:
            outcome = store.standing_outcome(profile)
    except SchemaOutdatedError as error:
        # Not "cannot be read": an upgrade would let it be read, and it may hold a warning.
        fail(f"cannot read saved plans: {error}")
    except (StoreError, OSError) as error:
        if required:
            fail(f"cannot read saved plans: {error}")
        return
    if outcome is not None:
        fail(standing_refusal(outcome.level, outcome.created_at, "`supple start`"))


def routine_of(document: dict[str, Any], purpose: str) -> Routine:
    """The plan's routine, checked against the catalog; ``purpose`` words the refusal
    when the safety screen withheld the routine (e.g. "nothing to time")."""
    from supple.catalog import default_catalog
    from supple.planning.stored import PlanDocumentError, stored_routine

    if not ({"routine", "items"} & set(document)):
        fail(NOT_A_PLAN)
    try:
        return stored_routine(document, default_catalog(), purpose=purpose)
    except PlanDocumentError as error:
        fail(f"the plan cannot be used: {error}")
