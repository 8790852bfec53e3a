"""Throughput and latency of the web app next to a bare Starlette endpoint, on loopback.

Run: .venv/bin/python benchmarks/web.py [--seconds 10] [--clients 20] [--compare SRC]

Two servers are started the way ``supple serve`` starts one (uvicorn, one process,
127.0.0.1 only): the Supple app with a throwaway SUPPLE_HOME, and a bare Starlette app
with one GET and one POST endpoint that do no work, plus the "floor": a bare POST
endpoint that calls the same ``build_plan`` as ``POST /api/plan`` (the least any plan
request can cost). ``--compare SRC`` also starts the Supple app from another source
tree (e.g. ``git archive main | tar -x -C /tmp/main``, then ``--compare /tmp/main/src``)
and runs every Supple figure against both in the same run. ``--clients`` concurrent clients,
each on its own keep-alive connection, then send requests back to back for
``--seconds`` per scenario (in four interleaved slices); the figures are requests per
second and the p50/p95 latency. The client is a small asyncio HTTP/1.1 loop in one
process, so it costs the same for every scenario; the ratio to the bare endpoint is the
figure that matters.

Then, per Supple server: the bytes of a first and a repeat view of a plan page (gzip
accepted; a repeat view refetches only what is not marked immutable), and ``/healthz``
latency, alone and while handouts of three new plans are downloaded one after another
(each is a first render), with each download's time and the server's memory.
Everything is bounded (a time limit per scenario and for server start) and nothing
leaves the machine.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gzip
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse
from starlette.routing import Route

from supple.answers import parse_answers
from supple.catalog import default_catalog
from supple.planning import build_plan

HOST = "127.0.0.1"
ANSWERS = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "answers" / "ok.json"
START_SECONDS = 30
ROUNDS = 4
# Issue 14's goals: the unsaved plan within 1.3x of the floor, a repeat view of a plan
# page under 15 KB, /healthz p95 under 10 ms while a handout renders.
GOALS = {"POST /api/plan?save=false": 1.3}
REPEAT_VIEW_KB = 15
HEALTHZ_P95_MS = 10


def _met(ok: bool) -> str:
    return "met" if ok else "NOT met"


async def _bare_get(request: Request) -> HTMLResponse:
    return HTMLResponse("<!doctype html><title>bare</title><p>ok</p>")


async def _bare_post(request: Request) -> JSONResponse:
    return JSONResponse({"received": len(await request.body())})


CATALOG = default_catalog()


async def _floor(request: Request) -> JSONResponse:
    """The plan function with nothing around it: what POST /api/plan?save=false aims at."""
    answers = parse_answers(json.loads(await request.body()))
    return JSONResponse(build_plan(answers, CATALOG, today=date.today()).to_dict())


# Served by uvicorn as ``web:bare_app`` with this folder as the app dir.
bare_app = Starlette(
    routes=[
        Route("/bare", _bare_get, methods=["GET"]),
        Route("/bare", _bare_post, methods=["POST"]),
        Route("/floor", _floor, methods=["POST"]),
    ]
)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


def _serve(app: str, extra: list[str], env: dict[str, str]) -> tuple[subprocess.Popen[bytes], int]:
    port = _free_port()
    command = [sys.executable, "-m", "uvicorn", app, *extra]
    command += ["--host", HOST, "--port", str(port), "--log-level", "warning", "--no-access-log"]
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://{HOST}:{port}/bare", timeout=1):
                return process, port
        except urllib.error.HTTPError:
            return process, port  # answering (a 404 from the Supple app is fine)
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit(f"{app} did not start within {START_SECONDS} s")


def _http(port: int, path: str, body: bytes | None = None, **headers: str) -> Any:
    made = urllib.request.Request(f"http://{HOST}:{port}{path}", data=body, headers=headers)
    if body is not None:
        made.add_header("Content-Type", "application/json")
    return urllib.request.urlopen(made, timeout=120)


def _wire_bytes(response: Any, body: bytes) -> int:
    return len(body) + sum(len(k) + len(v) + 4 for k, v in response.headers.items())


def page_bytes(port: int, path: str) -> tuple[int, int]:
    """Bytes on the wire for a first and a repeat view of ``path`` with its images and files."""
    with _http(port, path, **{"Accept-Encoding": "gzip"}) as response:
        raw = response.read()
        page = _wire_bytes(response, raw)
        html = (gzip.decompress(raw) if response.headers["content-encoding"] else raw).decode()
    first = repeat = page
    for url in set(re.findall(r'(?:src|href)="(/(?:figures|static)/[^"]+)"', html)):
        with _http(port, url, **{"Accept-Encoding": "gzip"}) as linked:
            size = _wire_bytes(linked, linked.read())
            first += size
            if "immutable" not in linked.headers.get("cache-control", ""):
                repeat += size  # refetched (an ETag revalidation would be smaller)
    return first, repeat


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children (the handout worker), in MB."""
    total = 0
    for task in [str(pid), *Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]:
        for line in Path(f"/proc/{task}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return total / 1024


async def healthz_during_handouts(
    port: int, plans: list[str]
) -> tuple[Result, Result, list[float]]:
    """/healthz latency alone, then while each plan's handout is downloaded in turn."""
    request = _request("GET", "/healthz", port)
    alone = await _run("GET /healthz (alone)", port, request, 1, 2.0)
    loop = asyncio.get_running_loop()
    times: list[float] = []

    async def downloads() -> None:
        for plan in plans:
            start = time.perf_counter()
            await loop.run_in_executor(None, lambda p=plan: _http(port, p).read())
            times.append(time.perf_counter() - start)

    latencies: list[float] = []
    errors: list[int] = []
    task = asyncio.create_task(downloads())
    started = loop.time()
    while not task.done():
        await _client(port, request, loop.time() + 0.5, latencies, errors)
    await task
    busy = Result(
        "GET /healthz (handouts rendering)",
        len(latencies),
        loop.time() - started,
        latencies,
        len(errors),
    )
    return alone, busy, times


@dataclass
class Result:
    name: str
    requests: int
    seconds: float
    latencies: list[float]
    errors: int

    @property
    def p95_ms(self) -> float:
        ordered = sorted(self.latencies)
        return ordered[int(0.95 * (len(ordered) - 1))] * 1000 if ordered else float("nan")

    def line(self) -> str:
        ordered = sorted(self.latencies)
        p50 = statistics.median(ordered) * 1000 if ordered else float("nan")
        p95 = ordered[int(0.95 * (len(ordered) - 1))] * 1000 if ordered else float("nan")
        rate = self.requests / self.seconds
        return f"{self.name:<34} {rate:9.1f} req/s  p50 {p50:7.2f} ms  p95 {p95:7.2f} ms" + (
            f"  errors {self.errors}" if self.errors else ""
        )


async def _client(
    port: int, request: bytes, until: float, latencies: list[float], errors: list[int]
) -> None:
    reader, writer = await asyncio.open_connection(HOST, port)
    loop = asyncio.get_running_loop()
    try:
        while loop.time() < until:
            start = time.perf_counter()
            writer.write(request)
            status = await reader.readline()
            length = 0
            while True:
                header = await reader.readline()
                if header in (b"\r\n", b""):
                    break
                name, _, value = header.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value)
            await reader.readexactly(length)
            latencies.append(time.perf_counter() - start)
            if not status.startswith(b"HTTP/1.1 2"):
                errors.append(1)
    finally:
        writer.close()


def _request(method: str, path: str, port: int, body: bytes = b"") -> bytes:
    head = f"{method} {path} HTTP/1.1\r\nHost: {HOST}:{port}\r\nConnection: keep-alive\r\n"
    if body:
        head += f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n"
    return head.encode() + b"\r\n" + body


async def _run(name: str, port: int, request: bytes, clients: int, seconds: float) -> Result:
    latencies: list[float] = []
    errors: list[int] = []
    loop = asyncio.get_running_loop()
    started = loop.time()
    until = started + seconds
    await asyncio.wait_for(
        asyncio.gather(*(_client(port, request, until, latencies, errors) for _ in range(clients))),
        timeout=seconds + 30,
    )
    return Result(name, len(latencies), loop.time() - started, latencies, len(errors))


def supple_scenarios(label: str, port: int, answers: bytes) -> list[tuple[str, int, bytes]]:
    with _http(port, "/api/plan", answers) as response:
        plan_path = response.headers["location"].replace("/api/plans/", "/plan/")
    return [
        (f"{label}POST /api/plan (saved)", port, _request("POST", "/api/plan", port, answers)),
        (
            f"{label}POST /api/plan?save=false",
            port,
            _request("POST", "/api/plan?save=false", port, answers),
        ),
        (f"{label}GET /plan/N (plan page)", port, _request("GET", plan_path, port)),
    ]


def extras(label: str, port: int, pid: int, answers: bytes) -> list[str]:
    """Plan page bytes, then /healthz while three first-time handouts render."""
    with _http(port, "/api/plan", answers) as response:
        plan_path = response.headers["location"].replace("/api/plans/", "/plan/")
    first, repeat = page_bytes(port, plan_path)
    lines = [
        f"{label}plan page bytes (gzip): first view {first / 1024:.1f} KB, "
        f"repeat view {repeat / 1024:.1f} KB (goal under {REPEAT_VIEW_KB} KB: "
        f"{_met(repeat / 1024 < REPEAT_VIEW_KB)})"
    ]
    handouts = []
    for minutes in (10, 20, 30):
        with _http(port, f"/api/plan?minutes={minutes}", answers) as response:
            plan = response.headers["location"].replace("/api/plans/", "/plan/")
            handouts.append(f"{plan}/handout.pdf")
    before = rss_mb(pid)
    alone, busy, times = asyncio.run(healthz_during_handouts(port, handouts))
    start = time.perf_counter()
    _http(port, handouts[-1]).read()
    again = time.perf_counter() - start
    lines += [
        f"{label}{alone.line()}",
        f"{label}{busy.line()}  (goal p95 under {HEALTHZ_P95_MS} ms: "
        f"{_met(busy.p95_ms < HEALTHZ_P95_MS)})",
        f"{label}handout downloads: "
        + ", ".join(f"{t:.2f} s" for t in times)
        + f"; the last again: {again * 1000:.0f} ms",
        f"{label}server memory: {before:.0f} MB before, {rss_mb(pid):.0f} MB after "
        "(with any handout worker)",
    ]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=10.0, help="per scenario (max 60)")
    parser.add_argument("--clients", type=int, default=20, help="concurrent clients (max 100)")
    parser.add_argument("--compare", type=Path, help="another Supple src folder to measure too")
    args = parser.parse_args()
    seconds = min(max(args.seconds, 1.0), 60.0)
    clients = min(max(args.clients, 1), 100)
    answers = ANSWERS.read_bytes()
    trees = [("", None)] + ([("old: ", args.compare.resolve())] if args.compare else [])

    with contextlib.ExitStack() as stack:
        servers = []

        def serve(app: str, extra: list[str], src: Path | None) -> tuple[int, int]:
            home = stack.enter_context(tempfile.TemporaryDirectory(prefix="supple-bench-"))
            env = {**os.environ, "SUPPLE_HOME": home}
            env.pop("SUPPLE_DATABASE_URL", None)
            if src is not None:
                env["PYTHONPATH"] = str(src)
            process, port = _serve(app, extra, env)
            servers.append(process)
            stack.callback(lambda: (process.terminate(), process.wait(timeout=10)))
            return process.pid, port

        _, bare_port = serve("web:bare_app", ["--app-dir", str(Path(__file__).parent)], None)
        supple = [
            (label, *serve("supple.web.app:create_app", ["--factory"], src)) for label, src in trees
        ]
        scenarios = [
            ("bare Starlette GET /bare", bare_port, _request("GET", "/bare", bare_port)),
            ("bare Starlette POST /bare", bare_port, _request("POST", "/bare", bare_port, answers)),
            (
                "floor: bare POST /floor (plan)",
                bare_port,
                _request("POST", "/floor", bare_port, answers),
            ),
        ]
        for label, _, port in supple:
            scenarios += supple_scenarios(label, port, answers)
        print(f"{clients} clients, {seconds:g} s per scenario, loopback, one uvicorn process each")
        print(f"machine: {os.cpu_count()} CPUs")
        # Round-robin in short slices, so a burst of load on this shared machine falls on
        # every scenario alike rather than on whichever ran at that moment.
        results: dict[str, Result] = {}
        for _ in range(ROUNDS):
            for name, port, request in scenarios:
                part = asyncio.run(_run(name, port, request, clients, seconds / ROUNDS))
                if name in results:
                    done = results[name]
                    part = Result(
                        name,
                        done.requests + part.requests,
                        done.seconds + part.seconds,
                        done.latencies + part.latencies,
                        done.errors + part.errors,
                    )
                results[name] = part
        for result in results.values():
            print(result.line())
        rate = {name: r.requests / r.seconds for name, r in results.items()}
        for label, _, _ in supple:
            for name, ref in [
                (f"{label}POST /api/plan?save=false", "floor: bare POST /floor (plan)"),
                (f"{label}POST /api/plan (saved)", "floor: bare POST /floor (plan)"),
                (f"{label}GET /plan/N (plan page)", "bare Starlette GET /bare"),
            ]:
                ratio = rate[ref] / rate[name]
                goal = GOALS.get(name.removeprefix(label))
                verdict = "" if goal is None else (f"  goal {goal:g}x: " + _met(ratio <= goal))
                print(f"{name:<38} {ratio:6.2f}x slower than {ref}{verdict}")
        for label, pid, port in supple:
            for line in extras(label, port, pid, answers):
                print(line)


if __name__ == "__main__":
    main()
