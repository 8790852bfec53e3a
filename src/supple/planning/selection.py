"""Choose the exercises and their sets so the routine serves the person and fits their time.

The steps run in a fixed order of importance, each only adding what still fits within
the requested minutes (measured with the one time model, in the optimal order):

1. the warm-up, long enough for the session (3 minutes, or 5 from 15 minutes up);
2. one exercise for every likely contributor (score 0.5 or more);
3. strengthening for the gluteus medius and for the trunk, which the articles pair with
   stretching;
4. more exercises, most relevant first, then more sets up to each exercise's maximum;
5. any time still left lengthens the warm-up, then adds another warm-up move, up to
   ten minutes of warm-up in all;
6. a routine still short of 85% of the time, with its warm-up at the maximum, shares
   that warm-up among more moves (same length, one more change between moves each).

Everything is sorted by explicit keys that end in the exercise id, so the same answers
always give the same routine.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from supple.assessment import Contributor, aimed_at
from supple.catalog.models import KINDS, Dose, Exercise, Kind, Level, Position
from supple.planning.filters import Adjustments, dosing, shorter_hold, work_bounds
from supple.planning.ordering import best_position_order, order_phases
from supple.planning.precautions import Guarded
from supple.timeline import (
    READY_SECONDS,
    TRANSITION_SAME_SECONDS,
    item_seconds,
    transition_seconds,
)

COVER_THRESHOLD = 0.5
"""Contributors scoring at least this much get at least one exercise aimed at them."""

WORK_STEP = 5
"""Continuous warm-ups are lengthened in steps of this many seconds (round numbers)."""

WARMUP_MAX_SECONDS = 600
"""The most warm-up a routine gets: the top of the 5-10 minutes of light cardio article
003 advises. Past it, spare time stays spare; a routine padded with a quarter of an hour
of arm circles would fill the clock but not serve the person."""

FILL_GOAL = 0.85
"""The share of the requested time a routine should fill whenever the catalog allows."""

GENTLE_MAX_MOVES = 6
"""The most exercises (besides the warm-up) a gentle-mode routine holds: gentle mode
promises a light session of beginner doses, not as many moves as the minutes allow."""

GLUTE_MEDIUS = "gluteus-medius"
TRUNK_GROUPS = frozenset({"trunk", "lower-back"})

# From most to least supported: when no warm-up move is possible, the gentlest mobility
# move is the one done lying or sitting, where balance and body weight ask least.
SUPPORT_ORDER: tuple[Position, ...] = (
    "supine",
    "side-lying",
    "seated-chair",
    "seated-floor",
    "prone",
    "all-fours",
    "kneeling",
    "half-kneeling",
    "standing",
)


def warmup_target(minutes: int) -> int:
    """Seconds of warm-up: at least three minutes, five once the session is 15 minutes."""
    return 300 if minutes >= 15 else 180


@dataclass(frozen=True)
class Choice:
    """A chosen exercise with its current dose; satisfies the time model's ``Dosed``."""

    record: Exercise
    role: Kind
    dose: Dose
    sets: int
    max_sets: int
    work_seconds: int | None = None
    # True when a precaution cut the holds below the level's dose.
    held_shorter: bool = False
    # The variant it is done as (a precaution's, the history's or gentle mode's).
    variant: str | None = None
    # Where it is done: a variant may change it (the seated twist on a chair). Found
    # once when the choice is made (``replace`` makes it again): the search asks for it
    # of every choice each time it tries a candidate.
    position: Position = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "position", self.record.position_of(self.variant))

    @property
    def exercise(self) -> str:
        return self.record.id

    @property
    def name(self) -> str:
        return self.record.name

    @property
    def kind(self) -> Kind:
        return self.role

    @property
    def per_side(self) -> bool:
        return self.record.per_side

    @property
    def hold_seconds(self) -> int | None:
        return self.dose.hold_seconds

    @property
    def reps(self) -> int | None:
        return self.dose.reps

    @property
    def seconds_per_rep(self) -> float | None:
        return self.dose.seconds_per_rep

    @property
    def sides(self) -> int:
        return 2 if self.record.per_side else 1


@dataclass
class Selection:
    """The result: the ordered choices and what could not be fitted in."""

    choices: list[Choice]
    # (contributor id, "time" when nothing aimed at it fitted, "none" when nothing allowed is)
    uncovered: list[tuple[str, str]] = field(default_factory=list)
    warmup_fallback: bool = False
    # What the person's answers left out or softened (set by the planner).
    precautions: Guarded | None = None


def ordered(choices: Iterable[Choice]) -> list[Choice]:
    phases = [[c for c in choices if c.role == kind] for kind in KINDS]
    return order_phases(phases, lambda choice: choice.position)


@lru_cache(maxsize=4096)
def _group_steps(phases: tuple[frozenset[Position], ...]) -> tuple[int, int]:
    """(groups, seconds) for the best order of each phase's distinct positions: how many
    groups of moves in one position there are, and the seconds of the steps between
    consecutive groups. Bounded, as the sets of positions a planner meets are few."""
    visited = [position for order in best_position_order(phases) for position in order]
    return len(visited), sum(transition_seconds(a, b) for a, b in itertools.pairwise(visited))


class Selector:
    def __init__(
        self,
        pool: Sequence[Exercise],
        *,
        contributors: Sequence[Contributor],
        trunk_muscles: frozenset[str],
        level: Level,
        minutes: int,
        adjustments: Adjustments,
        gentle: bool,
        guarded: Guarded | None = None,
    ) -> None:
        self.pool = list(pool)
        self.contributors = list(contributors)
        self.trunk = trunk_muscles
        self.level = level
        self.cap = minutes * 60
        self.target = warmup_target(minutes)
        self.adjustments = adjustments
        self.gentle = gentle
        self.preferred = frozenset(adjustments.replacements.values()) | frozenset(
            adjustments.variants
        )
        self.guarded = guarded
        self._seconds: dict[tuple[object, ...], tuple[int, Dose]] = {}
        # Memos for the search (issue 14); see ``rank``.
        self._ranks: dict[str, tuple[object, ...]] = {}
        self._relevance: dict[str, float] = {}

    # --- measuring -------------------------------------------------------------------
    def seconds(self, choice: Choice) -> int:
        # Keyed by the dose object itself: hashing a pydantic model field by field cost
        # more than the count it saved. The entry keeps the dose alive, so no other
        # object can take its id while this selector lives.
        key = (choice.exercise, id(choice.dose), choice.sets, choice.work_seconds)
        found = self._seconds.get(key)
        if found is None:
            found = (item_seconds(choice, choice.record), choice.dose)
            self._seconds[key] = found
        return found[0]

    def total(self, choices: Sequence[Choice]) -> int:
        if not choices:
            return 0
        return READY_SECONDS + self.moves(choices) + sum(self.seconds(c) for c in choices)

    def moves(self, choices: Sequence[Choice]) -> int:
        """Seconds spent changing position, in the best order (``ordered``).

        The best order keeps a phase's moves in one position together and visits each
        phase's distinct positions in an order that depends on those positions alone.
        So every move but the first of its group follows one in the same position, and
        only the steps between groups depend on the positions: found once per set of
        positions (``_group_steps``), not searched again for every candidate tried
        (issue 14). A test compares this with the seconds of the ordered sequence.
        """
        by_phase: dict[Kind, set[Position]] = {}
        for choice in choices:
            by_phase.setdefault(choice.role, set()).add(choice.position)
        groups, between = _group_steps(tuple(frozenset(by_phase.get(kind, ())) for kind in KINDS))
        return (len(choices) - groups) * TRANSITION_SAME_SECONDS + between

    def fits(self, choices: Sequence[Choice]) -> bool:
        return self.total(choices) <= self.cap and self.within_budgets(choices)

    def within_budgets(self, choices: Sequence[Choice]) -> bool:
        """A precaution that allows a movement only briefly (say lying on the back for a
        minute in all in pregnancy) caps the seconds of every move loading it."""
        if self.guarded is None:
            return True
        for rule in self.guarded.budgets:
            spent = sum(
                self.seconds(c)
                for c in choices
                if rule.loads(c.record, self.guarded.variants.get(c.exercise))
            )
            if spent > (rule.allowed_seconds or 0):
                return False
        return True

    def warmup_seconds(self, choices: Iterable[Choice]) -> int:
        return sum(self.seconds(c) for c in choices if c.role == "warmup")

    # --- building choices ------------------------------------------------------------
    def start(self, exercise: Exercise, role: Kind) -> Choice:
        steps = self.adjustments.step_downs.get(exercise.id, 0)
        plan = dosing(exercise, self.level, steps)
        dose = plan.dose
        if self.guarded is not None and exercise.id in self.guarded.shorter:
            dose = shorter_hold(exercise, dose)
        shorter = dose != plan.dose
        # Gentle mode's beginner doses are kept as they are: no sets added to fill time.
        most = dose.sets if self.gentle and role != "warmup" else plan.max_sets
        variant = self.guarded.variants.get(exercise.id) if self.guarded else None
        return Choice(exercise, role, dose, dose.sets, most, dose.work_seconds, shorter, variant)

    def relevance(self, exercise: Exercise) -> float:
        found = self._relevance.get(exercise.id)
        if found is None:
            found = sum(c.score for c in self.contributors if aimed_at(c.id, exercise))
            self._relevance[exercise.id] = found
        return found

    def rank(self, exercise: Exercise) -> tuple[object, ...]:
        """Most useful first: a replacement the history asked for, then relevance, then
        the shorter move (more variety fits), then the id. Nothing it depends on changes
        while a routine is built, so each exercise is ranked once."""
        found = self._ranks.get(exercise.id)
        if found is None:
            short = self.seconds(self.start(exercise, exercise.kind))
            found = (
                exercise.id not in self.preferred,
                -self.relevance(exercise),
                short,
                exercise.id,
            )
            self._ranks[exercise.id] = found
        return found

    def unused(self, choices: Sequence[Choice], kind: Kind | None = None) -> list[Exercise]:
        """Exercises not chosen yet, leaving out a second move of a chosen family (the
        figure-fours, the hip-flexor lunges): the same stretch twice adds nothing."""
        taken = {c.exercise for c in choices}
        families = {c.record.family for c in choices} - {None}
        return [
            e
            for e in self.pool
            if e.id not in taken
            and e.family not in families
            and (e.kind == kind if kind else e.kind != "warmup")
        ]

    # --- the steps -------------------------------------------------------------------
    def warm_up(self, choices: list[Choice]) -> None:
        """Add warm-up moves until the warm-up is long enough.

        When the warm-up moves cannot make it long enough, or none is possible at all
        (say the person cannot stand), the most supported mobility moves stand in, so
        the body still eases in before anything harder.
        """
        moves = self.unused(choices, "warmup")
        # A move the history or the person asked for first (a swap, an easier
        # replacement), then the easiest version first in gentle mode (a move with a
        # regression is not it).
        moves.sort(
            key=lambda e: (
                e.id not in self.preferred,
                self.gentle and e.regression is not None,
                -self.relevance(e),
                -len(e.targets),
                e.id,
            )
        )
        mobility = self.unused(choices, "mobility")
        moves += sorted(mobility, key=lambda e: (SUPPORT_ORDER.index(e.position), e.id))
        for exercise in moves:
            missing = self.target - self.warmup_seconds(choices)
            if missing <= 0:
                break
            choice = self.start(exercise, "warmup")
            if not self.fits([*choices, choice]):
                continue
            choices.append(choice)
            self.grow_warmup(choices, len(choices) - 1, missing)

    def grow_warmup(self, choices: list[Choice], index: int, missing: int) -> None:
        """Lengthen one warm-up move toward ``missing`` seconds, within its limits and the cap.

        A continuous move grows its work time (the total grows linearly with it, so the
        room left is exact); a rep-based one grows a set at a time.
        """
        choice = choices[index]
        if self.adjustments.step_downs.get(choice.exercise, 0) > 0:
            return  # rated too much: kept at its stepped-down dose, never grown back
        if choice.work_seconds is not None:
            _, high = work_bounds(choice.record, choice.dose)
            per_block = choice.sets * choice.sides
            overhead = self.seconds(choice) - choice.work_seconds * per_block
            needed = -(-(missing - overhead) // per_block)
            needed += -needed % WORK_STEP
            room = choice.work_seconds + (self.cap - self.total(choices)) // per_block
            work = min(high, needed, room - room % WORK_STEP)
            if work > choice.work_seconds:
                choices[index] = replace(choice, work_seconds=work)
            return
        while self.seconds(choices[index]) < missing and choices[index].sets < choice.max_sets:
            grown = replace(choices[index], sets=choices[index].sets + 1)
            if not self.fits([*choices[:index], grown, *choices[index + 1 :]]):
                return
            choices[index] = grown

    def add_first_fitting(self, choices: list[Choice], candidates: Iterable[Exercise]) -> bool:
        if self.gentle and sum(c.role != "warmup" for c in choices) >= GENTLE_MAX_MOVES:
            return False
        for exercise in sorted(candidates, key=self.rank):
            choice = self.start(exercise, exercise.kind)
            if self.fits([*choices, choice]):
                choices.append(choice)
                return True
        return False

    def covered(self, choices: Sequence[Choice], contributor: str) -> bool:
        return any(c.record.kind != "warmup" and aimed_at(contributor, c.record) for c in choices)

    def cover(self, choices: list[Choice]) -> list[tuple[str, str]]:
        """One exercise per likely contributor; returns those left uncovered, and why."""
        missed: list[tuple[str, str]] = []
        likely = [c for c in self.contributors if c.score >= COVER_THRESHOLD]
        # The assessment's order: a likely nerve root first, then highest score, equal
        # scores in its explicit order.
        for contributor in likely:
            if self.covered(choices, contributor.id):
                continue
            candidates = [e for e in self.unused(choices) if aimed_at(contributor.id, e)]
            if not self.add_first_fitting(choices, candidates):
                missed.append((contributor.id, "time" if candidates else "none"))
        return missed

    def strengthen(self, choices: list[Choice]) -> None:
        for muscles in ({GLUTE_MEDIUS}, self.trunk):
            done = any(c.role == "strength" and muscles & set(c.record.targets) for c in choices)
            if not done:
                candidates = [
                    e for e in self.unused(choices, "strength") if muscles & set(e.targets)
                ]
                self.add_first_fitting(choices, candidates)

    def add_more(self, choices: list[Choice]) -> None:
        while self.add_first_fitting(choices, self.unused(choices)):
            pass

    def add_sets(self, choices: list[Choice]) -> None:
        """One more set at a time, most relevant exercise first, round after round."""
        changed = True
        while changed:
            changed = False
            for index in sorted(range(len(choices)), key=lambda i: self.rank(choices[i].record)):
                choice = choices[index]
                if choice.role == "warmup" or choice.sets >= choice.max_sets:
                    continue
                grown = replace(choice, sets=choice.sets + 1)
                trial = [*choices[:index], grown, *choices[index + 1 :]]
                if self.fits(trial):
                    choices[index] = grown
                    changed = True

    def warmup_room(self, choices: Sequence[Choice], index: int) -> int:
        """How long warm-up move ``index`` may grow before the warm-up passes its maximum."""
        others = self.warmup_seconds(choices) - self.seconds(choices[index])
        return WARMUP_MAX_SECONDS - others

    def grow_warmup_within_max(self, choices: list[Choice], index: int) -> None:
        """Grow one warm-up move with spare time, undone if a whole extra set would take
        the warm-up past its maximum."""
        before = choices[index]
        self.grow_warmup(choices, index, self.warmup_room(choices, index))
        if self.warmup_seconds(choices) > WARMUP_MAX_SECONDS:
            choices[index] = before

    def use_slack(self, choices: list[Choice]) -> None:
        """Spend leftover time on a longer warm-up, then on extra warm-up moves."""
        for index, choice in enumerate(choices):
            if choice.role == "warmup":
                self.grow_warmup_within_max(choices, index)
        for exercise in self.unused(choices, "warmup"):
            grown = [*choices, self.start(exercise, "warmup")]
            if self.fits(grown) and self.warmup_seconds(grown) <= WARMUP_MAX_SECONDS:
                choices[:] = grown
                self.grow_warmup_within_max(choices, len(choices) - 1)

    def share_warmup(self, choices: list[Choice]) -> None:
        """Below the fill goal with nothing left to grow, hand part of the longest
        continuous warm-up move to further warm-up moves, if that reaches the goal.

        The warm-up keeps its length within its maximum; the routine gains the time to
        change from one move to the next. Only a person with almost nothing else
        allowed (say no symptom to aim at and no equipment) ever needs it, and a
        routine that would stay short anyway keeps its simpler warm-up.
        """
        goal = FILL_GOAL * self.cap
        if self.total(choices) >= goal:
            return
        trial = list(choices)
        for exercise in self.unused(trial, "warmup"):
            shared = self.shared_with(trial, self.start(exercise, "warmup"))
            if shared is not None:
                trial = shared
            if self.total(trial) >= goal:
                choices[:] = trial
                return

    def shared_with(self, choices: list[Choice], added: Choice) -> list[Choice] | None:
        """``choices`` plus the warm-up move ``added``, its time taken from the longest
        continuous warm-up move; None when that would not fit or gain anything."""
        continuous = [i for i, c in enumerate(choices) if c.role == "warmup" and c.work_seconds]
        if not continuous:
            return None
        longest = max(continuous, key=lambda i: (choices[i].work_seconds or 0, -i))
        donor = choices[longest]
        excess = self.warmup_seconds([*choices, added]) - WARMUP_MAX_SECONDS
        cut = max(0, -(-excess // (donor.sets * donor.sides)))
        cut += -cut % WORK_STEP
        work = (donor.work_seconds or 0) - cut
        if work < work_bounds(donor.record, donor.dose)[0]:
            return None
        trial = [*choices, added]
        trial[longest] = replace(donor, work_seconds=work)
        if (
            self.fits(trial)
            and self.warmup_seconds(trial) <= WARMUP_MAX_SECONDS
            and self.total(trial) > self.total(choices)
        ):
            return trial
        return None

    def select(self) -> Selection:
        choices: list[Choice] = []
        self.warm_up(choices)
        uncovered = self.cover(choices)
        self.strengthen(choices)
        self.add_more(choices)
        self.add_sets(choices)
        self.use_slack(choices)
        self.share_warmup(choices)
        fallback = any(c.role == "warmup" and c.record.kind != "warmup" for c in choices)
        return Selection(ordered(choices), uncovered, fallback)


def trunk_muscles(groups: Mapping[str, str]) -> frozenset[str]:
    """Muscle ids that count as the trunk for strengthening (the lower back and the core)."""
    return frozenset(muscle for muscle, group in groups.items() if group in TRUNK_GROUPS)
