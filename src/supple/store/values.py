"""Checks and conversions shared by the store's methods, kept apart from the SQL.

Bad values are refused with a ValueError naming the field before any database work,
so both backends give the same plain message instead of a driver error.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any, cast

from supple.store.schema import PROFILE_NAME_MAX, check_document, clean_text


def when(now: datetime | None) -> datetime:
    if now is None:
        return datetime.now(UTC)
    if now.utcoffset() is None:
        raise ValueError(f"naive time {now.isoformat()}: pass a timezone-aware time")
    return now


def check_profile_name(name: str) -> str:
    cleaned = name.strip()
    if not cleaned or len(cleaned) > PROFILE_NAME_MAX:
        raise ValueError(f"a profile name needs 1 to {PROFILE_NAME_MAX} characters; got {name!r}")
    try:
        return clean_text(cleaned)
    except ValueError as error:
        raise ValueError(f"a profile name {error}; got {name!r}") from None


def normalise_document(document: Mapping[str, Any]) -> dict[str, Any]:
    """The document exactly as it will come back from either database.

    A JSON round trip turns tuples into lists and refuses NaN (PostgreSQL's JSON
    does too), so what a caller saves is what every later reader sees; the record
    schema's document rules (no NUL, no lone surrogate, 63-bit numbers) then apply.
    """
    try:
        result = json.loads(json.dumps(dict(document), allow_nan=False))
        return check_document(cast(dict[str, Any], result))
    except (TypeError, ValueError, RecursionError) as error:
        raise ValueError(f"the document is not plain JSON: {error}") from error


def plan_columns(document: Mapping[str, Any]) -> tuple[str | None, int | None, int | None]:
    """Level, minutes requested and estimated seconds, read from a plan document.

    Accepts the whole plan (``{"routine": {...}, ...}``) or the routine alone; a plan
    without a routine (screening said no exercise) has none of them.
    """
    routine = document.get("routine") if "routine" in document else document
    if not isinstance(routine, Mapping):
        return None, None, None

    def whole(key: str) -> int | None:
        value = routine.get(key)
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    level = routine.get("level")
    return (
        (level if isinstance(level, str) else None),
        whole("minutes_requested"),
        whole("estimated_seconds"),
    )
