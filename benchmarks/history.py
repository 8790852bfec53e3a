"""How reading the history scales with its length: 37, 365 and 3,650 sessions.

Run: .venv/bin/python benchmarks/history.py [--runs 3] [--sizes 37,365,3650]

Each size gets its own throwaway SQLite in a temporary SUPPLE_HOME, seeded in bulk
(one transaction, so seeding takes seconds): one session a day, about 40 step events
each (one session in 20 stops an exercise for pain), two exercise ratings per
session, a weekly check-in and a weekly plan. Then, for each reader, the median wall
time of ``--runs`` runs and the SQL statements one run issues:

- ``supple progress --json`` and ``supple history --json`` (a new process each run,
  as a person runs them; statements counted in-process with click's runner);
- ``GET /progress`` and the two chart SVGs (in-process, through the app);
- the history-aware next plan (``history.stored_plan_for``: the stored history, then
  ``supple.planning.plan_for``).

The goal (issue 14): every row's 3,650-session time within 3x of its 37-session time,
and statement counts that do not grow with the history.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event, insert

ANSWERS = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "answers" / "ok.json"
SUPPLE = Path(sys.executable).with_name("supple")
PROFILE = "me"
STEPS_PER_SESSION = 40
START = datetime(2016, 1, 4, 18, 0, tzinfo=UTC)
GOAL_RATIO = 3.0  # issue 14: the longest history within 3x of the shortest


def seed(home: Path, sessions: int, rng: random.Random) -> None:
    """One profile with ``sessions`` daily sessions and everything that goes with them."""
    from supple.answers import parse_answers
    from supple.catalog import default_catalog
    from supple.planning import build_plan
    from supple.settings import Settings
    from supple.store import open_store
    from supple.store.models import CheckIn, ExerciseRating, Plan, Session, StepEvent

    raw = json.loads(ANSWERS.read_text())
    plan = build_plan(parse_answers(raw), default_catalog(), today=START.date()).to_dict()
    exercises = [item["exercise"] for item in plan["routine"]["items"]]
    with open_store(Settings(home=home, database_url=None)) as store:
        profile_id = store.get_or_create_profile(PROFILE, now=START).id
        answers_id, _ = store.save_answers_and_plan(PROFILE, raw, plan, now=START)
        weeks = sessions // 7 + 1
        with store.engine.begin() as connection:
            connection.exec_driver_sql("PRAGMA synchronous=OFF")
            routine = plan["routine"]
            connection.execute(
                insert(Plan),
                [
                    {
                        "profile_id": profile_id,
                        "answers_id": answers_id,
                        "created_at": START + timedelta(weeks=week),
                        "level": routine["level"],
                        "minutes_requested": routine["minutes_requested"],
                        "estimated_seconds": routine["estimated_seconds"],
                        "document": plan,
                    }
                    for week in range(weeks)
                ],
            )
            plan_ids = [
                row[0]
                for row in connection.exec_driver_sql("SELECT id FROM plans ORDER BY id").all()
            ]
            connection.execute(
                insert(Session),
                [
                    {
                        "profile_id": profile_id,
                        "plan_id": plan_ids[min(day // 7 + 1, len(plan_ids) - 1)],
                        "started_at": START + timedelta(days=day),
                        "ended_at": START + timedelta(days=day, minutes=15),
                        "status": "completed" if rng.random() < 0.9 else "quit",
                        "pain_before": rng.randint(2, 6),
                        "pain_after": rng.randint(1, 5),
                        "note": None,
                    }
                    for day in range(sessions)
                ],
            )
            session_ids = [
                row[0]
                for row in connection.exec_driver_sql("SELECT id FROM sessions ORDER BY id").all()
            ]
            events, ratings = [], []
            for number, session_id in enumerate(session_ids):
                stop_at = rng.randrange(STEPS_PER_SESSION) if rng.random() < 0.05 else -1
                at = START + timedelta(days=number)
                for index in range(STEPS_PER_SESSION):
                    outcome = rng.choice(("done",) * 9 + ("skipped",))
                    if index == stop_at:
                        outcome = "stopped_for_pain"
                    events.append(
                        {
                            "session_id": session_id,
                            "index": index,
                            "kind": "hold",
                            "exercise": exercises[index % len(exercises)],
                            "side": None,
                            "planned_seconds": 20.0,
                            "actual_seconds": round(rng.uniform(5, 30), 3),
                            "outcome": outcome,
                            "at": at + timedelta(seconds=20 * index),
                        }
                    )
                for exercise in rng.sample(exercises, 2):
                    rating = rng.choice(("right", "easy", "painful"))
                    ratings.append(
                        {"session_id": session_id, "exercise": exercise, "rating": rating}
                    )
            connection.execute(insert(StepEvent), events)
            connection.execute(insert(ExerciseRating), ratings)
            connection.execute(
                insert(CheckIn),
                [
                    {
                        "profile_id": profile_id,
                        "created_at": START + timedelta(weeks=week),
                        "week_of": (START + timedelta(weeks=week)).date(),
                        "pain": rng.randint(1, 6),
                        "enjoyment": rng.randint(1, 6),
                        "activity": rng.randint(1, 6),
                    }
                    for week in range(weeks)
                ],
            )


@contextmanager
def counted() -> Iterator[list[str]]:
    """Every SQL statement any engine runs inside the block."""
    statements: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    event.listen(Engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(Engine, "before_cursor_execute", count)


def cpu_seconds() -> float:
    """CPU time of this process (every thread, so the in-process server too) and of
    its finished children (the CLI runs)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def median_seconds(run: Callable[[], object], runs: int) -> tuple[float, float]:
    """(median wall seconds, median CPU seconds) of ``runs`` runs. On a shared, busy
    machine the wall time mostly measures the neighbours; the CPU time does not."""
    run()  # warm caches (catalog, templates, the file cache)
    walls, cpus = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), cpu_seconds()
        run()
        walls.append(time.perf_counter() - start)
        cpus.append(cpu_seconds() - start_cpu)
    return statistics.median(walls), statistics.median(cpus)


def measure(home: Path, runs: int) -> dict[str, tuple[float, float, int]]:
    """{reader: (median seconds, statements per run)} for one seeded home."""
    from click.testing import CliRunner
    from fastapi.testclient import TestClient

    from supple import history
    from supple.answers import parse_answers
    from supple.catalog import default_catalog
    from supple.cli import cli
    from supple.settings import Settings, get_settings
    from supple.store import open_store
    from supple.web.app import create_app

    os.environ["SUPPLE_HOME"] = str(home)
    get_settings.cache_clear()
    env = {**os.environ, "SUPPLE_HOME": str(home)}
    results: dict[str, tuple[float, float, int]] = {}

    def command(*args: str) -> Callable[[], object]:
        argv = [str(SUPPLE), *args]
        return lambda: subprocess.run(argv, env=env, check=True, capture_output=True)

    for args in (("progress", "--json"), ("history", "--json")):
        took = median_seconds(command(*args), runs)
        with counted() as statements:
            assert CliRunner().invoke(cli, list(args)).exit_code == 0
        results["supple " + " ".join(args)] = (*took, len(statements))

    settings = Settings(home=home, database_url=None)
    app = create_app(settings, extra_hosts=("testserver",))
    with TestClient(app, client=("127.0.0.1", 50000)) as client:
        for path in ("/progress", "/progress/pain.svg", "/progress/checkins.svg"):

            def get(path: str = path) -> object:
                response = client.get(path)
                assert response.status_code == 200, (path, response.status_code)
                return response

            took = median_seconds(get, runs)
            with counted() as statements:
                get()
            results[f"GET {path}"] = (*took, len(statements))

    catalog = default_catalog()
    answers = parse_answers(json.loads(ANSWERS.read_text()))
    with open_store(settings) as store:

        def next_plan() -> object:
            return history.stored_plan_for(
                store, PROFILE, answers, catalog, today=date(2026, 12, 1)
            )

        took = median_seconds(next_plan, runs)
        with counted() as statements:
            next_plan()
        results["history-aware plan"] = (*took, len(statements))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", default="37,365,3650")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    table: dict[int, dict[str, tuple[float, float, int]]] = {}
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix="supple-history-") as folder:
            seed(Path(folder), size, random.Random(size))
            table[size] = measure(Path(folder), args.runs)
    first, last = sizes[0], sizes[-1]
    heads = "".join(f"{f'{size} sessions':>26}" for size in sizes)
    print(f"median of {args.runs} runs; wall ms / CPU ms (SQL statements)")
    print(f"goal: {last} sessions within {GOAL_RATIO:g}x of {first}, statements not growing")
    print(f"{'reader':28}{heads}{'wall':>7}{'CPU':>7}")
    for reader in table[first]:
        cells = "".join(
            f"{f'{t[0] * 1000:.0f} / {t[1] * 1000:.0f} ({t[2]})':>26}"
            for t in (table[s][reader] for s in sizes)
        )
        wall = table[last][reader][0] / table[first][reader][0]
        cpu = table[last][reader][1] / max(table[first][reader][1], 1e-9)
        bounded = len({table[s][reader][2] for s in sizes}) == 1
        verdict = "met" if wall <= GOAL_RATIO and bounded else "NOT met"
        cpu_verdict = "met" if cpu <= GOAL_RATIO and bounded else "NOT met"
        print(f"{reader:28}{cells}{wall:6.1f}x{cpu:6.1f}x  wall {verdict}, CPU {cpu_verdict}")


if __name__ == "__main__":
    main()
