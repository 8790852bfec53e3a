"""Spoken cues with espeak-ng, so the person can follow a session without looking.

Speech runs in its own process and never blocks the timer. A new cue cuts off the
previous one if it is still talking: the current instruction matters more than
finishing the last. When espeak-ng is missing the player says so once, plainly.
"""

from __future__ import annotations

import shutil
import subprocess

NOT_INSTALLED = (
    "Voice cues need espeak-ng, which is not installed (on Debian or Ubuntu: "
    "sudo apt install espeak-ng). The session runs with on-screen cues and beeps."
)


class Voice:
    def __init__(self, program: str | None = None, words_per_minute: int = 150) -> None:
        self.program = program if program is not None else shutil.which("espeak-ng")
        self.words_per_minute = words_per_minute
        self._speaking: subprocess.Popen[bytes] | None = None

    @property
    def available(self) -> bool:
        return self.program is not None

    def say(self, text: str) -> None:
        if self.program is None or not text:
            return
        self.stop()
        self._speaking = subprocess.Popen(
            [self.program, "-s", str(self.words_per_minute), "--", text],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def stop(self) -> None:
        if self._speaking is not None and self._speaking.poll() is None:
            self._speaking.terminate()
            self._speaking.wait()
        self._speaking = None
