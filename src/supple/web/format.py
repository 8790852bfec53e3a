"""Plain-language wording for catalog values, shared by every page as Jinja filters."""

from __future__ import annotations

from supple.catalog.models import Dose

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


def _seconds(value: float) -> str:
    return f"{value:g} s"


def dose_text(dose: Dose, per_side: bool) -> str:
    """ "Hold 30 s, 2 times per side" and the like: what one level asks for, in words."""
    side = " per side" if per_side else ""
    sets = "1 set" if dose.sets == 1 else f"{dose.sets} sets"
    if dose.work_seconds is not None:
        return f"{_seconds(dose.work_seconds)} of steady movement, {sets}"
    if dose.reps is not None:
        pace = f" at about {_seconds(dose.seconds_per_rep or 0)} each"
        hold = f", holding {_seconds(dose.hold_seconds)} at the top" if dose.hold_seconds else ""
        return f"{sets} of {dose.reps} repetitions{side}{pace}{hold}"
    times = "once" if dose.sets == 1 else f"{dose.sets} times"
    return f"Hold {_seconds(dose.hold_seconds or 0)}, {times}{side}"


def minutes_text(seconds: float) -> str:
    """Whole minutes and seconds, the way a person says a duration."""
    total = round(seconds)
    minutes, rest = divmod(total, 60)
    if minutes and rest:
        return f"{minutes} min {rest} s"
    return f"{minutes} min" if minutes else f"{rest} s"


def words(value: str) -> str:
    """An id such as ``upper_buttock`` or ``gluteus-medius`` as words."""
    return value.replace("_", " ").replace("-", " ")


def item_dose_text(item: dict[str, object]) -> str:
    """A routine item's dose (from the plan document) in words."""
    side = " on each side" if item.get("per_side") else ""
    sets = item.get("sets") or 1
    times = "once" if sets == 1 else f"{sets} times"
    if item.get("reps"):
        pause = f", pausing {item['hold_seconds']} s each time" if item.get("hold_seconds") else ""
        return f"{sets} × {item['reps']} repetitions{side}{pause}"
    if item.get("hold_seconds"):
        return f"Hold {item['hold_seconds']} s, {times}{side}"
    return f"Keep moving for {minutes_text(float(str(item.get('duration_seconds', 0))))}"
