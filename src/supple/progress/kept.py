"""The last few results of a function of one tuple, kept while that same tuple is used.

``supple.history`` hands out the same tuple of session logs for as long as the stored
history is unchanged, so the pages of one history (progress, the charts, the next
plan) can share what was counted from it instead of passing over every session each
time (issue 14). Kept by the tuple's identity, never by its contents: comparing
3,650 logs would cost what keeping saves. Each kept result holds its tuple, so the
identity cannot be reused by another tuple while the result is kept; tuples of frozen
values cannot change under it. Anything that is not a tuple is worked out each time.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

Result = TypeVar("Result")


class KeptByIdentity(Generic[Result]):
    """Up to ``limit`` results of ``make(values, *extra)``, by ``values``' identity."""

    def __init__(self, limit: int = 8) -> None:
        self.limit = limit
        self._kept: dict[tuple[int, Hashable], tuple[object, Result]] = {}
        self._lock = threading.Lock()

    def get(self, values: object, extra: Hashable, make: Callable[[], Result]) -> Result:
        if not isinstance(values, tuple):
            return make()
        key = (id(values), extra)
        with self._lock:
            kept = self._kept.get(key)
        if kept is not None and kept[0] is values:
            return kept[1]
        made = make()
        with self._lock:
            self._kept[key] = (values, made)
            while len(self._kept) > self.limit:
                del self._kept[next(iter(self._kept))]
        return made
