"""How reading the history scales with its length: 37, 365 and 3,650 sessions.

Run: .venv/bin/python benchmarks/history.py [--runs 5] [--sizes 37,365,3650]

Each size gets its own throwaway SQLite in a temporary SUPPLE_HOME, seeded in bulk
(one transaction, so seeding takes seconds): one session a day, about 40 step events
each (one session in 20 stops an exercise for pain), two exercise ratings per
session, a weekly check-in and a weekly plan. Then, for each reader, the median wall
time of ``--runs`` runs, interleaved (every reader at every size in turn, each run), and
the SQL statements one run issues:

- ``supple progress --json`` and ``supple history --json`` (a new process each run,
  as a person runs them; statements counted in-process with click's runner);
- ``GET /progress`` and the two chart SVGs (in-process, through the app), repeat views
  of an unchanged history, and ``GET /progress`` again right after a session begins
  (a change, so the history is read and counted again; its statements include the
  write);
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
from contextlib import ExitStack, contextmanager
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


def timed(run: Callable[[], object]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one run. On a shared, busy machine the wall time
    mostly measures the neighbours; the CPU time less so."""
    start, start_cpu = time.perf_counter(), cpu_seconds()
    run()
    return time.perf_counter() - start, cpu_seconds() - start_cpu


Reader = tuple[Callable[[], object], int]  # (one run, SQL statements one run issues)


def readers(home: Path, stack: ExitStack) -> dict[str, Reader]:
    """Every reader of one seeded home, ready to run (its app and store held open by
    ``stack``), with the statements one run issues."""
    from click.testing import CliRunner
    from fastapi.testclient import TestClient

    from supple import history
    from supple.answers import parse_answers
    from supple.catalog import default_catalog
    from supple.cli import cli
    from supple.settings import Settings, get_settings
    from supple.store import open_store
    from supple.web.app import create_app

    env = {**os.environ, "SUPPLE_HOME": str(home)}
    found: dict[str, Reader] = {}

    def statements_of(run: Callable[[], object]) -> int:
        with counted() as statements:
            run()
        return len(statements)

    for args in (("progress", "--json"), ("history", "--json")):
        argv = [str(SUPPLE), *args]

        def command(argv: list[str] = argv) -> object:
            return subprocess.run(argv, env=env, check=True, capture_output=True)

        os.environ["SUPPLE_HOME"] = str(home)
        get_settings.cache_clear()  # statements counted in-process, with click's runner
        count = statements_of(lambda args=args: CliRunner().invoke(cli, list(args)))
        found["supple " + " ".join(args)] = (command, count)

    settings = Settings(home=home, database_url=None)
    app = create_app(settings, extra_hosts=("testserver",))
    client = stack.enter_context(TestClient(app, client=("127.0.0.1", 50000)))
    for path in ("/progress", "/progress/pain.svg", "/progress/checkins.svg"):

        def get(path: str = path) -> object:
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)
            return response

        get()
        found[f"GET {path}"] = (get, statements_of(get))

    # The first view after a change: a session begins, so the history is read and
    # counted again (the rows above are repeat views of an unchanged history).
    writer = stack.enter_context(open_store(settings))
    plan = writer.latest_plan(PROFILE)
    assert plan is not None

    def changed() -> object:
        writer.start_session(PROFILE, plan.id, 3)
        return found["GET /progress"][0]()

    found[CHANGED] = (changed, statements_of(changed))

    catalog = default_catalog()
    answers = parse_answers(json.loads(ANSWERS.read_text()))

    served = app.state.store  # the app's own store, as POST /api/plan would use it

    def next_plan() -> object:
        return history.stored_plan_for(served, PROFILE, answers, catalog, today=date.today())

    next_plan()
    found["history-aware plan"] = (next_plan, statements_of(next_plan))
    return found


CHANGED = "GET /progress after a change"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", default="37,365,3650")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    with ExitStack() as stack:
        prepared: dict[int, dict[str, Reader]] = {}
        for size in sizes:
            folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="history-")))
            seed(folder, size, random.Random(size))
            prepared[size] = readers(folder, stack)
        names = list(prepared[sizes[0]])
        times: dict[tuple[int, str], list[tuple[float, float]]] = {}
        # Interleaved: each run times every reader at every size in turn, so a burst of
        # load on a shared machine falls on all sizes alike.
        for _ in range(args.runs):
            for name in names:
                for size in sizes:
                    times.setdefault((size, name), []).append(timed(prepared[size][name][0]))
        report(sizes, names, prepared, times, args.runs)


def report(
    sizes: list[int],
    names: list[str],
    prepared: dict[int, dict[str, Reader]],
    times: dict[tuple[int, str], list[tuple[float, float]]],
    runs: int,
) -> None:
    first, last = sizes[0], sizes[-1]

    def median(size: int, name: str, which: int) -> float:
        return statistics.median(t[which] for t in times[(size, name)])

    heads = "".join(f"{f'{size} sessions':>26}" for size in sizes)
    print(f"median of {runs} interleaved runs; wall ms / CPU ms (SQL statements)")
    print(f"goal: {last} sessions within {GOAL_RATIO:g}x of {first}, statements not growing")
    print(f"{'reader':30}{heads}{'wall':>7}{'CPU':>7}")
    for name in names:
        cells = "".join(
            f"{median(s, name, 0) * 1000:.0f} / {median(s, name, 1) * 1000:.0f} "
            f"({prepared[s][name][1]})".rjust(26)
            for s in sizes
        )
        wall = median(last, name, 0) / median(first, name, 0)
        cpu = median(last, name, 1) / max(median(first, name, 1), 1e-9)
        bounded = len({prepared[s][name][1] for s in sizes}) == 1
        if name == CHANGED:  # reads the whole history again by design: no goal
            print(f"{name:30}{cells}{wall:6.1f}x{cpu:6.1f}x  (for information)")
            continue
        verdict = "met" if wall <= GOAL_RATIO and bounded else "NOT met"
        cpu_verdict = "met" if cpu <= GOAL_RATIO and bounded else "NOT met"
        print(f"{name:30}{cells}{wall:6.1f}x{cpu:6.1f}x  wall {verdict}, CPU {cpu_verdict}")


if __name__ == "__main__":
    main()
