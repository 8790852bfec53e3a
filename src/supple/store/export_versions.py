"""Older export documents, read as the current version (upgrade on read).

An export is a file a person keeps, perhaps for years, so every version Supple ever
wrote must still import. Each upgrade step is a pure function from one version's
document to the next; ``parse_export`` runs them before validating, so validation only
ever knows the newest shape.

- Version 1 had no ``lesson_completions``: it reads as version 2 with none.
- Version 2 had no ``flare_ups``, ``walking_goals``, ``walks``, ``break_settings``,
  ``desk_checklists``, ``psfs_ratings`` or ``outcome_reviews``: it reads as version 3
  with none.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from supple.store.errors import ExportFormatError

CURRENT_VERSION = 3


def _from_1(document: dict[str, Any]) -> dict[str, Any]:
    if "lesson_completions" in document:
        raise ExportFormatError(
            "lesson_completions: a version 1 export has none; set version to 2 to import them"
        )
    return {**document, "version": 2, "lesson_completions": []}


NEW_IN_3 = (
    "flare_ups",
    "walking_goals",
    "walks",
    "break_settings",
    "desk_checklists",
    "psfs_ratings",
    "outcome_reviews",
)


def _from_2(document: dict[str, Any]) -> dict[str, Any]:
    present = [name for name in NEW_IN_3 if name in document]
    if present:
        raise ExportFormatError(
            f"{present[0]}: a version 2 export has none; set version to 3 to import them"
        )
    return {**document, "version": 3, **{name: [] for name in NEW_IN_3}}


UPGRADES = {1: _from_1, 2: _from_2}


def upgraded(document: Mapping[str, Any]) -> dict[str, Any]:
    """``document`` in the current version's shape; an unknown version is left for the
    validator to refuse, and a newer one gets a message saying to update Supple."""
    current = dict(document)
    version = current.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > CURRENT_VERSION:
        raise ExportFormatError(
            f"version: this export is version {version}, newer than this Supple reads "
            f"(1 to {CURRENT_VERSION}); update Supple to import it"
        )
    while isinstance(version, int) and version in UPGRADES:
        current = UPGRADES[version](current)
        version = current["version"]
    return current
