"""Which muscles are likely contributing to the pain, and which answers point to each.

This is not a diagnosis and never says so: it weighs the pain pattern the person
describes against the patterns the source articles associate with each muscle, so the
planner can choose exercises for the likely contributors and the person can see why.
Each contributor's score is the sum of the weights of its features that are present
(0 to 1); every feature that counts is listed as evidence in plain words.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from supple.answers import Answers, Pain

BUTTOCK = ("upper_buttock", "deep_buttock")

# Contributor id -> the catalog muscle ids its exercises should target (for the planner).
CONTRIBUTOR_MUSCLES: dict[str, tuple[str, ...]] = {
    "piriformis": ("piriformis",),
    "gluteus-medius": ("gluteus-medius", "gluteus-minimus"),
    "quadratus-lumborum": ("quadratus-lumborum", "obliques"),
    "hip-flexors": ("hip-flexors",),
    "lower-back": ("erector-spinae", "multifidus"),
    "sciatic-nerve": ("piriformis",),
    "muscle-strain": ("gluteus-maximus",),
}

# Display names, and a line on what each contributor means, worded as a possibility.
CONTRIBUTOR_NAMES: dict[str, str] = {
    "piriformis": "Piriformis",
    "gluteus-medius": "Gluteus medius and minimus",
    "quadratus-lumborum": "Quadratus lumborum",
    "hip-flexors": "Hip flexors",
    "lower-back": "Lower back muscles (erector spinae and multifidus)",
    "sciatic-nerve": "Sciatic nerve irritation",
    "muscle-strain": "Muscle strain",
}
CONTRIBUTOR_NOTES: dict[str, str] = {
    "piriformis": "A tight piriformis deep in the buttock may press on the sciatic nerve.",
    "gluteus-medius": "The upper glutes steady the pelvis; when weak or tight they often "
    "ache on the outer hip.",
    "quadratus-lumborum": "This deep muscle bends the trunk sideways and often aches on one "
    "side of the lower back.",
    "hip-flexors": "Long hours of sitting can shorten the hip flexors, which then pull on "
    "the lower back.",
    "lower-back": "The long back muscles may stiffen and ache when the back is held still "
    "or loaded for long periods.",
    "sciatic-nerve": "Pain travelling down the leg may come from an irritated sciatic nerve.",
    "muscle-strain": "Soreness that follows a hard workout may be an overworked muscle that "
    "needs a short rest.",
}


@dataclass(frozen=True)
class Feature:
    """One answer pattern that supports a contributor.

    ``amount`` returns how strongly the pattern is present, from 0 to 1 (most features
    are yes/no; sitting hours are graded), and ``why`` records the reasoning.
    """

    contributor: str
    weight: float
    evidence: Callable[[Pain], str]
    amount: Callable[[Pain], float]
    why: str


def _yes(flag: bool) -> float:
    return 1.0 if flag else 0.0


def _sitting(pain: Pain) -> float:
    """0 at two hours a day or less, rising to 1 at eight hours or more."""
    return min(max((pain.sitting_hours - 2) / 6, 0.0), 1.0)


def _hours(pain: Pain) -> str:
    return f"sits for about {pain.sitting_hours:g} hours a day"


def _furthest(pain: Pain) -> str:
    """How far the pain spreads in the leg where it spreads furthest."""
    order = ("none", "thigh", "below_knee")
    return max(pain.legs.left, pain.legs.right, key=order.index)


def _fixed(text: str) -> Callable[[Pain], str]:
    return lambda pain: text


FEATURES: tuple[Feature, ...] = (
    # Piriformis: the four features article 001 cites from an orthopaedic review.
    Feature(
        "piriformis",
        0.25,
        _fixed("pain is in the buttock"),
        lambda p: _yes(any(area in p.areas for area in BUTTOCK)),
        "the piriformis lies deep in the buttock, so its pain is felt there",
    ),
    Feature(
        "piriformis",
        0.25,
        _fixed("pain is worse when sitting"),
        lambda p: _yes(p.worse_sitting),
        "sitting presses on the piriformis and the nerve beside it",
    ),
    Feature(
        "piriformis",
        0.25,
        _fixed("tender when pressing deep in the buttock"),
        lambda p: _yes(p.tender_deep_buttock),
        "tenderness over the muscle, near where the sciatic nerve passes, is one of the four",
    ),
    Feature(
        "piriformis",
        0.25,
        _fixed("crossing the legs hurts"),
        lambda p: _yes(p.hurts_crossing_legs),
        "crossing the legs puts the piriformis on tension, the fourth feature",
    ),
    # Gluteus medius and minimus: the side of the hip, loaded in walking and side-lying.
    Feature(
        "gluteus-medius",
        0.35,
        _fixed("pain is on the outer hip"),
        lambda p: _yes("outer_hip" in p.areas),
        "these muscles sit on the side of the hip",
    ),
    Feature(
        "gluteus-medius",
        0.25,
        _fixed("stairs or walking make it worse"),
        lambda p: _yes(p.worse_stairs_or_walking),
        "they hold the pelvis level every time one foot leaves the ground",
    ),
    Feature(
        "gluteus-medius",
        0.25,
        _fixed("lying on the side makes it worse"),
        lambda p: _yes(p.worse_lying_on_side),
        "lying on the sore side squeezes them against the hip bone",
    ),
    Feature(
        "gluteus-medius",
        0.15,
        _fixed("pain is at the top of the buttock"),
        lambda p: _yes("upper_buttock" in p.areas),
        "the upper glutes are where the top of the buttock meets the hip",
    ),
    # Quadratus lumborum: one side of the lower back, sitting, bending.
    Feature(
        "quadratus-lumborum",
        0.4,
        _fixed("pain is in the lower back on one side"),
        lambda p: _yes("lower_back" in p.areas and p.side != "both"),
        "it often causes one-sided lower back pain",
    ),
    Feature(
        "quadratus-lumborum",
        0.3,
        _hours,
        _sitting,
        "long sitting holds it in one position for hours",
    ),
    Feature(
        "quadratus-lumborum",
        0.3,
        _fixed("bending makes it worse"),
        lambda p: _yes(p.worse_bending),
        "it steadies the spine when the trunk bends",
    ),
    # Hip flexors: article 002 links long sitting to tight hip flexors pulling on the back.
    Feature(
        "hip-flexors",
        0.7,
        _hours,
        _sitting,
        "sitting keeps the hip flexors shortened for as long as one sits",
    ),
    Feature(
        "hip-flexors",
        0.15,
        _fixed("standing up from sitting hurts"),
        lambda p: _yes(p.worse_sit_to_stand),
        "standing up asks shortened hip flexors to lengthen suddenly",
    ),
    Feature(
        "hip-flexors",
        0.15,
        _fixed("pain is in the lower back"),
        lambda p: _yes("lower_back" in p.areas),
        "tight hip flexors pull the pelvis forward and load the lower back",
    ),
    # Erector spinae and multifidus.
    Feature(
        "lower-back",
        0.5,
        _fixed("pain is in the lower back"),
        lambda p: _yes("lower_back" in p.areas),
        "these muscles run along the lower spine",
    ),
    Feature(
        "lower-back",
        0.3,
        _fixed("the pain feels like stiffness"),
        lambda p: _yes(p.character == "stiffness"),
        "stiffness is the usual complaint from tight back muscles",
    ),
    Feature(
        "lower-back",
        0.2,
        _fixed("bending makes it worse"),
        lambda p: _yes(p.worse_bending),
        "bending forward stretches and loads them",
    ),
    # Sciatic nerve: pain that travels, more so the further it goes (the worse leg counts).
    Feature(
        "sciatic-nerve",
        0.7,
        lambda p: (
            "pain spreads below the knee"
            if _furthest(p) == "below_knee"
            else "pain spreads into the thigh"
        ),
        lambda p: {"none": 0.0, "thigh": 5 / 7, "below_knee": 1.0}[_furthest(p)],
        "pain that follows the nerve down the leg is its typical pattern",
    ),
    Feature(
        "sciatic-nerve",
        0.3,
        lambda p: f"the pain is {p.character}",
        lambda p: _yes(p.character in ("shooting", "burning")),
        "shooting or burning pain is more typical of a nerve than of a muscle",
    ),
    # Muscle strain: article 001 on pain the day after a hard workout.
    Feature(
        "muscle-strain",
        0.8,
        _fixed("pain started during lifting, sport or a workout"),
        lambda p: _yes(p.onset == "after_effort"),
        "soreness that follows hard exercise is often an overworked muscle",
    ),
    Feature(
        "muscle-strain",
        0.2,
        _fixed("the pain is a dull ache"),
        lambda p: _yes(p.character == "dull_ache"),
        "a strained muscle usually aches rather than shoots",
    ),
)

CONTRIBUTORS: tuple[str, ...] = tuple(CONTRIBUTOR_MUSCLES)


@dataclass(frozen=True)
class Contributor:
    id: str
    score: float
    evidence: list[str]

    @property
    def name(self) -> str:
        return CONTRIBUTOR_NAMES[self.id]

    @property
    def note(self) -> str:
        return CONTRIBUTOR_NOTES[self.id]

    @property
    def muscles(self) -> tuple[str, ...]:
        return CONTRIBUTOR_MUSCLES[self.id]

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "score": self.score, "evidence": list(self.evidence)}


@dataclass(frozen=True)
class Assessment:
    contributors: list[Contributor]

    def score(self, contributor_id: str) -> float:
        return next(c.score for c in self.contributors if c.id == contributor_id)

    def likely(self, threshold: float = 0.5) -> list[Contributor]:
        """Contributors at or above the threshold (the planner covers those at 0.5)."""
        return [c for c in self.contributors if c.score >= threshold]

    def to_dict(self) -> dict[str, Any]:
        return {"contributors": [c.to_dict() for c in self.contributors]}


def assess(answers: Answers) -> Assessment:
    """Score every contributor from the pain answers; highest score first, then by id."""
    pain = answers.pain
    found: list[Contributor] = []
    for contributor in CONTRIBUTORS:
        total = 0.0
        evidence: list[str] = []
        for feature in FEATURES:
            if feature.contributor != contributor:
                continue
            amount = feature.amount(pain)
            if amount > 0:
                total += feature.weight * amount
                evidence.append(feature.evidence(pain))
        score = round(min(max(total, 0.0), 1.0), 2)
        found.append(Contributor(contributor, score, evidence))
    found.sort(key=lambda c: (-c.score, c.id))
    return Assessment(found)
