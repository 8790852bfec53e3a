"""Fixtures that run the same store tests on SQLite and on a real PostgreSQL.

The PostgreSQL server is a throwaway cluster made with the Debian package's
initdb/pg_ctl for the test session (one per xdist worker): it listens on a unix
socket in its own temporary folder and on a free localhost port, trusts local
connections, and is stopped and deleted at the end. Each test gets a new empty
database in it. Without PostgreSQL the postgres cases skip locally and fail in CI.
"""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from ports import free_port
from supple.settings import Settings
from supple.store import Store, open_store

__all__ = [
    "BACKENDS",
    "PostgresServer",
    "backend",
    "database_url",
    "new_database_url",
    "postgres_server",
    "store",
]

BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgres", id="postgres", marks=pytest.mark.postgres),
]


def _postgres_bin() -> Path | None:
    found = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"),
        key=lambda path: int(path.parent.parent.name) if path.parent.parent.name.isdigit() else 0,
    )
    return found[-1].parent if found else None


@dataclass
class PostgresServer:
    """A running throwaway cluster; ``new_database()`` gives a fresh database URL."""

    port: int
    user: str
    _counter: itertools.count[int]

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://{self.user}@127.0.0.1:{self.port}/{database}"

    def new_database(self) -> str:
        import psycopg

        name = f"supple_test_{next(self._counter)}"
        admin = f"postgresql://{self.user}@127.0.0.1:{self.port}/postgres"
        with psycopg.connect(admin, autocommit=True) as connection:
            # Copying the template's files is several times quicker than logging every
            # page of it (PostgreSQL 15's default), and the cluster is thrown away anyway.
            strategy = " STRATEGY = FILE_COPY" if connection.info.server_version >= 150000 else ""
            connection.execute(f'CREATE DATABASE "{name}"{strategy}')
        return self.url(name)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    from conftest import require

    bindir = _postgres_bin()
    require(bindir is not None, "PostgreSQL (initdb under /usr/lib/postgresql/*/bin)")
    assert bindir is not None
    run_as: list[str] = []
    folder = Path(tempfile.mkdtemp(prefix="supple-pg-"))
    if os.geteuid() == 0:
        # initdb refuses to run as root; hand the cluster to the postgres account.
        shutil.chown(folder, user="postgres", group="postgres")
        run_as = ["runuser", "-u", "postgres", "--"]
    data, port, user = folder / "data", free_port(), "supple"
    options = f"-k {folder} -p {port} -c listen_addresses=127.0.0.1 -c fsync=off"

    def pg(tool: str, *args: str) -> None:
        subprocess.run(
            [*run_as, str(bindir / tool), *args], check=True, capture_output=True, text=True
        )

    try:
        pg("initdb", "-D", str(data), "-U", user, "--auth=trust", "-E", "UTF8", "--no-sync")
        pg("pg_ctl", "-D", str(data), "-o", options, "-l", str(folder / "log"), "-w", "start")
    except subprocess.CalledProcessError as error:
        shutil.rmtree(folder, ignore_errors=True)
        pytest.fail(f"could not start PostgreSQL: {error.stderr or error.stdout}")
    try:
        yield PostgresServer(port=port, user=user, _counter=itertools.count(1))
    finally:
        try:
            pg("pg_ctl", "-D", str(data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    name: str = request.param
    return name


@pytest.fixture
def new_database_url(
    backend: str, request: pytest.FixtureRequest, tmp_path: Path
) -> Callable[[], str]:
    """Makes fresh, empty databases on the test's backend (call it once per installation)."""
    if backend == "postgres":
        server: PostgresServer = request.getfixturevalue("postgres_server")
        return server.new_database
    counter = itertools.count(1)

    def new_sqlite_url() -> str:
        # A chosen SQLite file's folder must exist (Supple never makes one it was not given).
        folder = tmp_path / f"home-{next(counter)}"
        folder.mkdir()
        return f"sqlite:///{folder / 'supple.db'}"

    return new_sqlite_url


@pytest.fixture
def database_url(new_database_url: Callable[[], str]) -> str:
    """One fresh, empty database on the test's backend."""
    return new_database_url()


@pytest.fixture
def store(database_url: str, tmp_path: Path) -> Iterator[Store]:
    """An open store on a fresh database, closed after the test."""
    with open_store(Settings(home=tmp_path, database_url=database_url)) as opened:
        yield opened
