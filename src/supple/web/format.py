"""Plain-language wording for catalog values, shared by every page as Jinja filters."""

from __future__ import annotations

from typing import Any

from supple.dosage import dose_line

POSITION_WORDS: dict[str, str] = {
    "standing": "standing",
    "seated-chair": "sitting on a chair",
    "seated-floor": "sitting on the floor",
    "kneeling": "kneeling",
    "half-kneeling": "half-kneeling (one knee down)",
    "all-fours": "on hands and knees",
    "prone": "lying face down",
    "supine": "lying on your back",
    "side-lying": "lying on your side",
}

KIND_WORDS: dict[str, str] = {
    "warmup": "Warm-up",
    "mobility": "Mobility",
    "strength": "Strengthening",
    "stretch": "Stretch",
}


def words(value: str) -> str:
    """An id such as ``upper_buttock`` or ``gluteus-medius`` as words."""
    return value.replace("_", " ").replace("-", " ")


def item_dose_text(item: dict[str, Any]) -> str:
    """A routine item's dose, read from a plan document."""
    work = item.get("work_seconds") or item.get("duration_seconds")
    return dose_line(
        hold_seconds=item.get("hold_seconds"),
        reps=item.get("reps"),
        sets=int(item.get("sets") or 1),
        work_seconds=work if not item.get("reps") and not item.get("hold_seconds") else None,
        per_side=bool(item.get("per_side")),
    )


def reason_parts(label: str, advice: str) -> tuple[str, str]:
    """A screening reason as its bold lead and the rest, saying the label only once.

    Most advice already opens with its label ("Sharp, shooting or burning pain calls
    for..."): then the opening words are the lead. Otherwise the label leads, with a
    colon ("A fever: ...").
    """
    if label and advice[: len(label)].lower() == label.lower():
        return advice[: len(label)], advice[len(label) :]
    return f"{label[:1].upper()}{label[1:]}:", f" {advice}"
