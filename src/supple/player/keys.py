"""Single key presses from the terminal, without Enter, for the session player.

The terminal goes into cbreak mode (keys arrive one by one, not echoed) rather than
full raw mode, so Ctrl-C still interrupts and the output keeps its line endings.
The previous settings are always restored, even when the session crashes.
"""

from __future__ import annotations

import os
import select
import sys
from types import TracebackType
from typing import Any, Self


class KeyReader:
    """A context manager whose call returns one pending key, or None, without waiting."""

    def __init__(self, stream: Any = None) -> None:
        self._stream = stream if stream is not None else sys.stdin
        self._fd: int | None = None
        self._saved: list[Any] | None = None

    @staticmethod
    def available(stream: Any = None) -> bool:
        """Keys can only be read from a real terminal."""
        stream = stream if stream is not None else sys.stdin
        try:
            return bool(stream.isatty())
        except (AttributeError, ValueError):
            return False

    def __enter__(self) -> Self:
        import termios
        import tty

        self._fd = self._stream.fileno()
        self._saved = termios.tcgetattr(self._fd)
        tty.setcbreak(self._fd)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._fd is not None and self._saved is not None:
            import termios

            termios.tcsetattr(self._fd, termios.TCSADRAIN, self._saved)
        self._fd = None

    def __call__(self) -> str | None:
        if self._fd is None:
            return None
        ready, _, _ = select.select([self._fd], [], [], 0)
        if not ready:
            return None
        data = os.read(self._fd, 1)
        return data.decode("utf-8", errors="ignore") or None
