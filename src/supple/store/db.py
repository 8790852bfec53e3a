"""Connecting to the database and bringing its schema up to date.

SQLite is the default: one file in SUPPLE_HOME, created with its folder on first
use. It runs with foreign keys enforced, write-ahead logging (readers such as the
web app never block the session player) and ``synchronous=FULL``, so a step that
was committed survives the process being killed or the machine losing power.
PostgreSQL is used when SUPPLE_DATABASE_URL names one.

Migrations ship inside the package and run on open, so users never need
``alembic.ini`` or an upgrade command.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url

from supple.store.errors import StoreError

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")
# The newest revision in migrations/versions; a test checks it against Alembic's head.
HEAD = "0003"

# How long an opening process waits for another one that is upgrading the schema.
MIGRATION_WAIT_SECONDS = 30.0
# How long a writer waits for another process's write lock before giving up (ms).
SQLITE_BUSY_TIMEOUT_MS = 10_000


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    finally:
        cursor.close()


def create_store_engine(url: str) -> Engine:
    """An engine for ``url``; for a SQLite file, its folder is created first."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:" and not database.startswith("file:"):
            Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


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
    try:
        command.upgrade(alembic_config(engine), target)
    except Exception:
        # Another process (say the web app and a command started together on a new
        # installation) may be creating the same tables; wait for it to finish.
        if not _wait_for_revision(engine, target):
            raise


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
