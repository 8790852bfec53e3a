"""What the person sees and hears during a session.

On a terminal: a full-screen rich view with the exercise, the side, a countdown in
large digits (readable from a mat on the floor), a bar for the step and one for the
session, the cue and what comes next, plus a bell at each step change and at 3-2-1.
Without a terminal (``--no-input``, tests, a pipe): one plain line per step, flushed
at once, so a log shows exactly how far the session got.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from types import TracebackType
from typing import Any, Self

from supple.dosage import clock
from supple.player.runner import KEYS_HELP, StepLike, Tick, whole_seconds
from supple.player.voice import Voice

# A 5-row block font for the countdown; rich has no large type of its own.
FONT = {
    "0": ["███", "█ █", "█ █", "█ █", "███"],
    "1": [" █ ", "██ ", " █ ", " █ ", "███"],
    "2": ["███", "  █", "███", "█  ", "███"],
    "3": ["███", "  █", "███", "  █", "███"],
    "4": ["█ █", "█ █", "███", "  █", "  █"],
    "5": ["███", "█  ", "███", "  █", "███"],
    "6": ["███", "█  ", "███", "█ █", "███"],
    "7": ["███", "  █", "  █", "  █", "  █"],
    "8": ["███", "█ █", "███", "█ █", "███"],
    "9": ["███", "█ █", "███", "  █", "███"],
    ":": ["   ", " █ ", "   ", " █ ", "   "],
}
KIND_WORDS = {
    "ready": "Get ready",
    "warmup": "Warm-up",
    "hold": "Hold",
    "reps": "Reps",
    "switch": "Switch sides",
    "rest": "Rest",
    "transition": "Next position",
}
NOTICE_SECONDS = 12.0
"""Real seconds the safety reminder stays on screen after a pain stop."""


def clock_text(seconds: float) -> str:
    """The big countdown: plain seconds under a minute, ``m:ss`` above (rounded up)."""
    whole = whole_seconds(seconds)
    return clock(whole) if whole >= 60 else str(whole)


def big(text: str) -> str:
    """``text`` in the block font, one string of five lines."""
    rows = [" ".join(FONT[ch][row] for ch in text if ch in FONT) for row in range(5)]
    return "\n".join(rows)


def step_title(step: StepLike, names: Mapping[str, str]) -> str:
    name = names.get(step.exercise or "", step.exercise or "")
    side = f" · {step.side} side" if step.side else ""
    return f"{KIND_WORDS.get(step.kind, step.kind)} · {name}{side}"


class SessionDisplay:
    """Receives the runner's ticks and turns them into screen, sound and speech."""

    def __init__(
        self,
        steps: Sequence[StepLike],
        names: Mapping[str, str],
        console: Any,
        *,
        live: bool,
        voice: Voice | None = None,
        speed: float = 1.0,
        wall: Callable[[], float] = time.monotonic,
    ) -> None:
        self.steps = steps
        self.names = names
        self.console = console
        self.voice = voice
        self.speed = speed
        self.wall = wall
        self._live_wanted = live
        self._live: Any = None
        self._notice: tuple[str, float] | None = None
        self._last_draw = 0.0

    def __enter__(self) -> Self:
        if self._live_wanted:
            from rich.live import Live

            self._live = Live(console=self.console, screen=True, auto_refresh=False)
            self._live.__enter__()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._live is not None:
            self._live.__exit__(exc_type, exc, tb)
            self._live = None
        if self.voice is not None:
            self.voice.stop()

    def tick(self, tick: Tick) -> None:
        now = self.wall()
        if tick.notice:
            repeated = self._notice is not None and self._notice[0] == tick.notice
            self._notice = (tick.notice, now)
            if self._live is None and not repeated:
                self.console.print(tick.notice, style="bold red")
        if tick.started:
            if self.voice is not None:
                self.voice.say(tick.step.say)
            if self._live is None:
                self._print_line(tick)
        if self._live is None:
            return
        if tick.started or tick.countdown:
            self.console.bell()
        # Redraw at most 20 times a second, but always on a step change or a beep.
        if tick.started or tick.countdown or tick.paused or now - self._last_draw >= 0.05:
            self._live.update(self.render(tick, now), refresh=True)
            self._last_draw = now

    def _print_line(self, tick: Tick) -> None:
        number = f"[{tick.index + 1}/{len(self.steps)}]"
        title = step_title(tick.step, self.names)
        self.console.print(
            f"{number} {title} ({tick.step.seconds} s): {tick.step.say}", soft_wrap=True
        )
        self.console.file.flush()

    def render(self, tick: Tick, now: float) -> Any:
        from rich.align import Align
        from rich.console import Group
        from rich.panel import Panel
        from rich.progress_bar import ProgressBar
        from rich.table import Table
        from rich.text import Text

        step = tick.step
        total = sum(float(s.seconds) for s in self.steps)
        left_in_session = total * (1 - tick.session_fraction)
        header = Text(
            f"Step {tick.index + 1} of {len(self.steps)}  ·  "
            f"{clock(whole_seconds(left_in_session))} left in the session",
            style="dim",
        )
        if self.speed != 1:
            header.append(f"  ·  speed ×{self.speed:g}", style="yellow")
        title = Text(step_title(step, self.names), style="bold cyan")
        countdown = Text(big(clock_text(tick.remaining)), style="bold")
        if tick.pain_stop:
            # Space does nothing while the pain-stop question waits: name its keys.
            countdown = Text("STOPPED FOR PAIN: press n, q or l (see below)", style="bold red")
        elif tick.paused:
            countdown = Text("PAUSED: press space to carry on", style="bold yellow")
        bars = Table.grid(padding=(0, 1))
        bars.add_column(width=9)
        bars.add_column(ratio=1)
        bars.add_row("This step", ProgressBar(total=1.0, completed=tick.step_fraction))
        bars.add_row("Session", ProgressBar(total=1.0, completed=tick.session_fraction))
        nxt = tick.next_step
        coming = (
            Text(f"Next: {step_title(nxt, self.names)} ({nxt.seconds} s)", style="dim")
            if nxt
            else Text("Next: the end of the session", style="dim")
        )
        parts: list[Any] = [header, Text(""), title, Text(""), Align.center(countdown), Text("")]
        parts += [bars, Text(""), Text(step.say), Text(""), coming]
        if self._notice and now - self._notice[1] < NOTICE_SECONDS:
            parts += [Text(""), Panel(Text(self._notice[0]), border_style="red")]
        parts += [Text(""), Text(KEYS_HELP, style="dim")]
        return Panel(Group(*parts), title="Supple session", border_style="cyan")
