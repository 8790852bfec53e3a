"""Handout PDFs for the web: rendered once, in a separate process, then kept in memory.

WeasyPrint takes seconds per handout and holds the GIL for most of it, so rendering
in a thread of the server would still stall every other request (``/healthz`` rose
from about 1 ms to over 100 ms). It therefore runs in one worker process, started on
the first download and reused after, and the server's event loop only waits for the
answer. The server also stays small: the renderer's memory lives in the worker.

A finished PDF is kept in memory, keyed by a hash of the plan document, the paper
and the date printed on it (plans are never edited, so the document is the plan), and
evicted oldest first past ``MAX_CACHED_BYTES``. Memory rather than a file under
SUPPLE_HOME: the sheet holds health details, and a copy on disk would outlive the
records it came from (an import that replaces a profile, a deleted database) unless
every such path also cleaned it up; a restart costs only one render per handout.
Two downloads of the same handout at once share one render.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import multiprocessing
import threading
from collections import OrderedDict
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from datetime import date
from typing import Any

MAX_CACHED_BYTES = 32 * 1024 * 1024


class HandoutError(ValueError):
    """The plan, paper or schedule cannot make a handout; the message says why."""


class RendererError(RuntimeError):
    """The worker process died (killed, out of memory); the next download starts a new one."""


def render_handout(document: Any, paper: str, made_on: str) -> tuple[bytes | None, str]:
    """Runs in the worker: the PDF, or None and the reason it cannot be made.

    Errors come back as text, because an exception class with its own constructor
    arguments cannot always cross the process boundary.
    """
    from supple.handout import handout_pdf

    try:
        return handout_pdf(document, paper=paper, made_on=date.fromisoformat(made_on)), ""
    except ValueError as error:
        return None, str(error)


def handout_key(document: Any, paper: str, made_on: date) -> str:
    canonical = json.dumps(document, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(f"{paper}\n{made_on.isoformat()}\n{canonical}".encode()).hexdigest()


class HandoutCache:
    """Renders handouts in a worker process and keeps the results, bounded in size."""

    def __init__(self, max_bytes: int = MAX_CACHED_BYTES) -> None:
        self.max_bytes = max_bytes
        self.renders = 0  # how many renders were started (tests and benchmarks read it)
        self._done: OrderedDict[str, bytes] = OrderedDict()
        self._pending: dict[str, asyncio.Future[tuple[bytes | None, str]]] = {}
        self._pool: ProcessPoolExecutor | None = None
        self._pool_lock = threading.Lock()

    def _worker(self) -> ProcessPoolExecutor:
        with self._pool_lock:
            if self._pool is None:
                # spawn, never fork: the server has threads, and a forked copy of a
                # held lock would hang the child.
                context = multiprocessing.get_context("spawn")
                self._pool = ProcessPoolExecutor(max_workers=1, mp_context=context)
            return self._pool

    async def pdf(self, document: Any, paper: str, made_on: date) -> bytes:
        """The handout's PDF, rendered on first request; raises HandoutError."""
        key = handout_key(document, paper, made_on)
        if key in self._done:
            self._done.move_to_end(key)
            return self._done[key]
        pending = self._pending.get(key)
        if pending is None:
            self.renders += 1
            job = self._worker().submit(render_handout, document, paper, made_on.isoformat())
            pending = asyncio.wrap_future(job)
            self._pending[key] = pending
            pending.add_done_callback(lambda _: self._pending.pop(key, None))
        try:
            pdf, problem = await asyncio.shield(pending)
        except BrokenProcessPool as error:
            self.close()
            raise RendererError("The printable sheet could not be made; try again.") from error
        if pdf is None:
            raise HandoutError(problem)
        self._keep(key, pdf)
        return pdf

    def _keep(self, key: str, pdf: bytes) -> None:
        self._done[key] = pdf
        self._done.move_to_end(key)
        while sum(map(len, self._done.values())) > self.max_bytes and len(self._done) > 1:
            self._done.popitem(last=False)

    def close(self) -> None:
        """Stop the worker (at server shutdown); an unfinished render is abandoned."""
        with self._pool_lock:
            if self._pool is not None:
                self._pool.shutdown(wait=False, cancel_futures=True)
                self._pool = None
