"""Throughput and latency of the web app next to a bare Starlette endpoint, on loopback.

Run: .venv/bin/python benchmarks/web.py [--seconds 10] [--clients 20]

Two servers are started the way ``supple serve`` starts one (uvicorn, one process,
127.0.0.1 only): the Supple app with a throwaway SUPPLE_HOME, and a bare Starlette app
with one GET and one POST endpoint that do no work. ``--clients`` concurrent clients,
each on its own keep-alive connection, then send requests back to back for
``--seconds`` per scenario; the figures are requests per second and the p50/p95
latency. The client is a small asyncio HTTP/1.1 loop in one process, so it costs the
same for every scenario; the ratio to the bare endpoint is the figure that matters.
Everything is bounded (a time limit per scenario and for server start) and nothing
leaves the machine.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse
from starlette.routing import Route

HOST = "127.0.0.1"
ANSWERS = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "answers" / "ok.json"
START_SECONDS = 30


async def _bare_get(request: Request) -> HTMLResponse:
    return HTMLResponse("<!doctype html><title>bare</title><p>ok</p>")


async def _bare_post(request: Request) -> JSONResponse:
    return JSONResponse({"received": len(await request.body())})


# Served by uvicorn as ``web:bare_app`` with this folder as the app dir.
bare_app = Starlette(
    routes=[
        Route("/bare", _bare_get, methods=["GET"]),
        Route("/bare", _bare_post, methods=["POST"]),
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


@dataclass
class Result:
    name: str
    requests: int
    seconds: float
    latencies: list[float]
    errors: int

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=10.0, help="per scenario (max 60)")
    parser.add_argument("--clients", type=int, default=20, help="concurrent clients (max 100)")
    args = parser.parse_args()
    seconds = min(max(args.seconds, 1.0), 60.0)
    clients = min(max(args.clients, 1), 100)
    answers = ANSWERS.read_bytes()

    with tempfile.TemporaryDirectory(prefix="supple-bench-") as home:
        env = {**os.environ, "SUPPLE_HOME": home}
        env.pop("SUPPLE_DATABASE_URL", None)
        bare, bare_port = _serve("web:bare_app", ["--app-dir", str(Path(__file__).parent)], env)
        app, app_port = _serve("supple.web.app:create_app", ["--factory"], env)
        try:
            made = urllib.request.Request(
                f"http://{HOST}:{app_port}/api/plan",
                data=answers,
                headers={"Content-Type": "application/json"},
            )
            with urllib.request.urlopen(made, timeout=30) as response:
                plan_path = response.headers["location"].replace("/api/plans/", "/plan/")
                items = len(json.load(response)["routine"]["items"])
            scenarios = [
                ("bare Starlette GET /bare", bare_port, _request("GET", "/bare", bare_port)),
                (
                    "bare Starlette POST /bare (JSON)",
                    bare_port,
                    _request("POST", "/bare", bare_port, answers),
                ),
                (
                    "POST /api/plan (saved, default)",
                    app_port,
                    _request("POST", "/api/plan", app_port, answers),
                ),
                (
                    "POST /api/plan?save=false",
                    app_port,
                    _request("POST", "/api/plan?save=false", app_port, answers),
                ),
                (f"GET {plan_path} (plan page)", app_port, _request("GET", plan_path, app_port)),
            ]
            print(f"{clients} clients, {seconds:g} s per scenario, loopback, one uvicorn process")
            print(f"plan: {items} exercises; machine: {os.cpu_count()} CPUs")
            results = [
                asyncio.run(_run(name, port, request, clients, seconds))
                for name, port, request in scenarios
            ]
        finally:
            for process in (bare, app):
                process.terminate()
                process.wait(timeout=10)
    for result in results:
        print(result.line())
    base = {"GET": results[0], "POST": results[1]}
    for result in results[2:]:
        ref = base["GET" if result.name.startswith("GET") else "POST"]
        ratio = (ref.requests / ref.seconds) / (result.requests / result.seconds)
        print(f"{result.name:<34} {ratio:6.1f}x slower than bare {ref.name.split()[2]}")


if __name__ == "__main__":
    main()
