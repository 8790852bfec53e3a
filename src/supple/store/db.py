"""Connecting to the database and bringing its schema up to date.

SQLite is the default: one file in SUPPLE_HOME, created with its folder on first
use. It runs with foreign keys enforced, write-ahead logging (readers such as the
web app never block the session player) and ``synchronous=FULL``, so a step that
was committed survives the process being killed or the machine losing power.
PostgreSQL is used when SUPPLE_DATABASE_URL names one.

Migrations ship inside the package and run on open, so users never need
``alembic.ini``. Only a store opened to write upgrades: a command that only reads
(``open_store(read_only=True)``: progress, history, timeline, ``plan --no-save``...)
refuses an older schema in one sentence that names ``supple upgrade``, and leaves the
file as it was. On SQLite they run with foreign keys off:
a migration that rebuilds a table (``batch_alter_table``) drops the old one, and
with foreign keys on that would delete every row pointing at it. The whole run
is one transaction, checked with ``PRAGMA foreign_key_check`` before it commits.
Before an existing SQLite database is upgraded, a copy of it is written beside it.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url

from supple.store.errors import SchemaOutdatedError, StoreError
from supple.store.sqlite_files import back_up, prepare_database_file

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")
# The newest revision in migrations/versions; a test checks it against Alembic's head.
HEAD = "0014"

# How long an opening process waits for another one that is upgrading the schema.
MIGRATION_WAIT_SECONDS = 30.0
# How long a writer waits for another process's write lock before giving up (ms).
SQLITE_BUSY_TIMEOUT_MS = 10_000
# How long to wait for a PostgreSQL server to answer before saying it is unreachable
# (libpq waits forever by default); a URL's own connect_timeout wins.
POSTGRES_CONNECT_TIMEOUT_SECONDS = 10


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    finally:
        cursor.close()


def sqlite_file(engine: Engine) -> Path | None:
    """The database file of a SQLite engine; None for other databases and in-memory ones."""
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:":
        return None
    if database.startswith("file:"):
        return None
    return Path(database).expanduser()


def create_store_engine(url: str, *, own_folder: bool = False) -> Engine:
    """An engine for ``url``; a SQLite file and its folder are created private first.

    ``own_folder`` marks the folder as Supple's own, which may be tightened to 0700
    when an older Supple made it world-readable (see ``sqlite_files``).
    """
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(url)
        event.listen(engine, "connect", _sqlite_pragmas)
        database = sqlite_file(engine)
        if database is not None:
            prepare_database_file(database, own_folder=own_folder)
        return engine
    connect_args: dict[str, Any] = {}
    if parsed.get_backend_name() == "postgresql" and "connect_timeout" not in parsed.query:
        connect_args["connect_timeout"] = POSTGRES_CONNECT_TIMEOUT_SECONDS
    return create_engine(url, pool_pre_ping=True, connect_args=connect_args)


def alembic_config(engine: Engine) -> Config:
    """An Alembic configuration pointing at the packaged migrations and ``engine``."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
    config.attributes["engine"] = engine
    return config


def script_revisions(engine: Engine) -> list[str]:
    """Every revision the packaged migrations define, newest first."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config(engine))
    return [revision.revision for revision in script.walk_revisions()]


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at, or None for an empty database."""
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        version: str | None = connection.execute(
            text("SELECT version_num FROM alembic_version")
        ).scalar()
        return version


UPGRADE_HINT = (
    "this command only reads, so it leaves them as they are: run `supple upgrade` "
    "(it keeps a copy of the database first) or any command that saves, then try again"
)


def require_current(engine: Engine) -> None:
    """For a store opened only to read: nothing to do at HEAD, a new empty database is
    made (that upgrades nothing), and an older or unknown schema is refused unchanged."""
    current = current_revision(engine)
    if current == HEAD:
        return
    if current is None:
        migrate(engine)
        return
    if current not in script_revisions(engine):
        raise StoreError(
            f"the database is at schema revision {current!r}, which this version of Supple "
            "does not know; it was probably written by a newer Supple, so upgrade Supple"
        )
    raise SchemaOutdatedError(
        f"your records were saved by an older Supple (database schema {current}, this "
        f"Supple uses {HEAD}); {UPGRADE_HINT}"
    )


def migrate(engine: Engine, revision: str = "head") -> None:
    """Upgrade the database to ``revision``; a no-op when it is already there.

    The usual case, a database already at HEAD, is settled with one query and never
    loads Alembic, which keeps every command's start-up short.
    """
    target = HEAD if revision == "head" else revision
    current = current_revision(engine)
    if current == target:
        return
    from alembic import command

    if current is not None and current not in script_revisions(engine):
        raise StoreError(
            f"the database is at schema revision {current!r}, which this version of Supple "
            "does not know; it was probably written by a newer Supple, so upgrade Supple"
        )
    database = sqlite_file(engine)
    if current is not None and database is not None:
        try:
            back_up(database, current)
        except (OSError, sqlite3.Error) as error:
            # No upgrade without the copy: it is what a failed upgrade is undone from.
            raise StoreError(
                f"cannot write a copy of {database} before upgrading its schema ({error}); "
                f"make {database.parent} writable and check there is disk space; the "
                "database was not changed"
            ) from error
    try:
        command.upgrade(alembic_config(engine), target)
    except Exception as error:
        # Another process (say the web app and a command started together on a new
        # installation) may be creating the same tables; wait for it to finish.
        if isinstance(error, StoreError) or current is not None:
            raise
        if not _wait_for_revision(engine, target):
            raise


@contextmanager
def migration_connection(engine: Engine) -> Iterator[Connection]:
    """A connection in one transaction for Alembic to run migrations on (see env.py).

    On SQLite, foreign keys are switched off first (the pragma is ignored inside a
    transaction, so it comes before ``BEGIN``), the Python driver is kept from
    committing on its own so the DDL stays inside the transaction, and
    ``PRAGMA foreign_key_check`` must find nothing or everything is rolled back.
    Alembic sees the transaction as the caller's and leaves committing to it.
    """
    with engine.connect() as connection:
        if connection.dialect.name != "sqlite":
            with connection.begin():
                yield connection
            return
        driver = connection.connection.driver_connection
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
        connection.commit()
        previous = driver.isolation_level  # type: ignore[union-attr]
        driver.isolation_level = None  # type: ignore[union-attr]
        try:
            with connection.begin():
                # IMMEDIATE: a second process opening a new database waits here for
                # the first one's schema instead of failing halfway through its own.
                connection.exec_driver_sql("BEGIN IMMEDIATE")
                yield connection
                _check_foreign_keys(connection)
        finally:
            try:
                driver.isolation_level = previous  # type: ignore[union-attr]
                connection.exec_driver_sql("PRAGMA foreign_keys=ON")
                connection.commit()
            except Exception:
                # Never hand the pool a connection with foreign keys off.
                connection.invalidate()


def _check_foreign_keys(connection: Connection) -> None:
    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if broken:
        tables = sorted({str(row[0]) for row in broken})
        raise StoreError(
            f"a schema migration would leave {len(broken)} rows pointing at missing records "
            f"(foreign key check failed in {', '.join(tables)}); nothing was changed, the "
            "database is as it was. Please report this as a bug in Supple"
        )


def _wait_for_revision(engine: Engine, target: str) -> bool:
    deadline = time.monotonic() + MIGRATION_WAIT_SECONDS
    while time.monotonic() < deadline:
        try:
            if current_revision(engine) == target:
                return True
        except Exception:  # the other process may hold a lock for a moment
            pass
        time.sleep(0.05)
    return False
