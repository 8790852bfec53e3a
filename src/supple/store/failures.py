"""Turning what goes wrong with the database itself into one plain sentence.

A damaged file, a server that is down, a mistyped ``SUPPLE_DATABASE_URL``, a
``SUPPLE_HOME`` that is a file or a read-only database are things a person can
cause and fix, so they become a ``StoreError`` that says what is wrong and what to
do, which the CLI prints as one line (exit 2) and the web app as a page. Errors
that point at a bug in Supple (a broken constraint, say) are left alone so they
are not mistaken for a setup problem.
"""

from __future__ import annotations

import sys
from pathlib import Path

from supple.store.errors import StoreError

URL_FORMS = (
    "use sqlite:////full/path/to/supple.db or postgresql+psycopg://user:password@host/database, "
    "or unset SUPPLE_DATABASE_URL to keep the database in SUPPLE_HOME"
)


def _reason(error: BaseException) -> str:
    """The driver's own first line, without SQLAlchemy's background link."""
    origin = getattr(error, "orig", None) or error
    text = str(origin).strip().splitlines()
    return text[0].strip() if text else type(origin).__name__


def _configured_url() -> str | None:
    try:
        from supple.settings import get_settings

        return get_settings().resolved_database_url
    except Exception:  # the settings themselves are reported elsewhere
        return None


def _sqlite_path(url: str | None) -> Path | None:
    if not url or not url.startswith("sqlite:///"):
        return None
    path = url.removeprefix("sqlite:///").split("?", 1)[0]
    return Path(path) if path and path != ":memory:" else None


def _sqlite_problem(reason: str, path: Path | None) -> str | None:
    where = str(path) if path else "the SQLite database"
    folder = str(path.parent) if path else "its folder"
    lowered = reason.lower()
    if "not a database" in lowered or "malformed" in lowered or "encrypted" in lowered:
        return (
            f"{where} is damaged or is not a Supple database ({reason}); move it aside "
            f"(for example mv {where} {where}.damaged), then put back a backup copy "
            "(supple.db.backup-* beside it, if any) or restore an export with 'supple import'"
        )
    if "readonly" in lowered or "read-only" in lowered:
        return (
            f"{where} cannot be written: the file or its folder is read-only; give your "
            f"account write permission on both (chmod u+w {where} {folder})"
        )
    if "unable to open" in lowered:
        return (
            f"cannot open {where}: check that {folder} is a folder your account may read and "
            "write, or set SUPPLE_HOME to one"
        )
    if "locked" in lowered or "busy" in lowered:
        return (
            f"{where} stayed locked by another program; close other Supple windows or "
            "programs using it and try again"
        )
    if "disk i/o" in lowered or "disk is full" in lowered or "database or disk is full" in lowered:
        return f"cannot use {where} ({reason}); check that the disk has space and is working"
    return None


def _postgres_problem(reason: str, url: str | None) -> str:
    from sqlalchemy.engine import make_url

    server = "the PostgreSQL server"
    if url:
        parsed = make_url(url)
        server = f"the PostgreSQL server at {parsed.host or 'localhost'}:{parsed.port or 5432}"
    return (
        f"cannot use {server} ({reason}); check that it is running and that "
        "SUPPLE_DATABASE_URL names the right host, port, user, password and database"
    )


def _is_bad_connection_option(error: BaseException) -> bool:
    """psycopg refusing a connection option before reaching any server: a
    ProgrammingError without a SQLSTATE (a bug's bad SQL always carries one)."""
    origin = getattr(error, "orig", None)
    if origin is None or "psycopg" not in sys.modules:
        return False
    import psycopg

    return isinstance(origin, psycopg.ProgrammingError) and origin.sqlstate is None


def explain_failure(error: BaseException, url: str | None = None) -> StoreError | None:
    """A ``StoreError`` saying what is wrong and how to fix it, or None for anything else.

    ``url`` is the database URL in use; without it the configured one is assumed.
    """
    if isinstance(error, StoreError):
        return error
    if "sqlalchemy" not in sys.modules:
        return None
    from sqlalchemy import exc

    if isinstance(error, exc.NoSuchModuleError):
        name = str(error).rsplit(":", 1)[-1].strip().replace(".", "+")
        return StoreError(
            f"SUPPLE_DATABASE_URL names a database driver Supple does not know ({name!r}); "
            + URL_FORMS
        )
    if isinstance(error, exc.ArgumentError) and "URL" in str(error):
        return StoreError(f"SUPPLE_DATABASE_URL is not a database URL; {URL_FORMS}")
    if not isinstance(error, exc.OperationalError | exc.DatabaseError):
        return None
    if _is_bad_connection_option(error):
        return StoreError(
            f"SUPPLE_DATABASE_URL has an option PostgreSQL cannot use ({_reason(error)}); "
            "fix or remove that option after '?' in SUPPLE_DATABASE_URL"
        )
    if isinstance(error, exc.IntegrityError | exc.DataError | exc.ProgrammingError):
        return None
    url = url or _configured_url()
    reason = _reason(error)
    if url and url.startswith("postgresql"):
        if isinstance(error, exc.OperationalError):
            return StoreError(_postgres_problem(reason, url))
        return None
    problem = _sqlite_problem(reason, _sqlite_path(url))
    return StoreError(problem) if problem else None


def check_chosen_sqlite_path(url: str) -> None:
    """Refuse a SQLite file named in SUPPLE_DATABASE_URL that cannot be the database.

    A folder that does not exist is almost always a typo, so it is never created
    (only Supple's own SUPPLE_HOME is); a relative path would depend on the folder
    a command happens to run in; and a folder is not a database file.
    """
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    database = parsed.database
    if parsed.get_backend_name() != "sqlite" or not database or database == ":memory:":
        return
    if database.startswith("file:"):
        return
    path = Path(database).expanduser()
    if not path.is_absolute():
        raise StoreError(
            f"SUPPLE_DATABASE_URL names the relative path {database!r}; use a full path "
            "such as sqlite:////full/path/to/supple.db"
        )
    if path.is_dir():
        raise StoreError(
            f"{path} is a folder, not a database file; name a file in SUPPLE_DATABASE_URL, "
            f"such as sqlite:///{path / 'supple.db'}"
        )
    folder = path.parent
    if not folder.exists():
        raise StoreError(
            f"the folder {folder} named in SUPPLE_DATABASE_URL does not exist; create it "
            f"(mkdir -p {folder}) or name a database file in a folder that exists"
        )
    if not folder.is_dir():
        raise StoreError(
            f"{folder} named in SUPPLE_DATABASE_URL is a file, not a folder; name a "
            "database file in a folder that exists"
        )


def explain_home_failure(error: OSError, database: Path) -> StoreError:
    """The database file or its folder could not be made (``SUPPLE_HOME`` is wrong)."""
    folder = database.parent
    if isinstance(error, NotADirectoryError | FileExistsError) or (
        folder.exists() and not folder.is_dir()
    ):
        return StoreError(
            f"SUPPLE_HOME must be a folder, but {folder} (or a folder above it) is a file; "
            "set SUPPLE_HOME to a folder, or move the file away"
        )
    if database.is_dir():
        return StoreError(f"{database} is a folder, not a database file; move it away")
    if isinstance(error, PermissionError):
        return StoreError(
            f"cannot create {database}: permission denied; set SUPPLE_HOME to a folder "
            "your account may write to"
        )
    return StoreError(
        f"cannot create {database} ({error.strerror or error}); set SUPPLE_HOME to a "
        "folder your account may write to"
    )
