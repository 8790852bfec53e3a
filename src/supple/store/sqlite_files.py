"""The SQLite database file on disk: private permissions and backups before upgrades.

The file holds people's pain scores and session notes, so nobody else on the
computer may read it: the file is 0600 and the folder Supple makes for it 0700.
SQLite gives the ``-wal`` and ``-shm`` files it creates later the database file's
own mode, so making the file private when it is created covers them too; files
left by an older Supple are tightened when the store opens. Only group and other
bits are ever removed, so a file the user made read-only stays read-only.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
import sys
from datetime import UTC, datetime
from pathlib import Path

FILE_MODE = 0o600
FOLDER_MODE = 0o700
COMPANIONS = ("-wal", "-shm")


def _strip_group_and_other(path: Path) -> None:
    """Remove every group and other permission bit from ``path`` (nothing else changes)."""
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode & 0o077:
            path.chmod(mode & ~0o077)
    except FileNotFoundError:
        pass
    except PermissionError:  # not ours to change (another account's file): leave it
        pass


def prepare_database_file(database: Path, *, own_folder: bool) -> None:
    """Make ``database``'s folder (0700) and the file (0600) if missing; tighten them if not.

    ``own_folder`` says the folder is Supple's own data folder, so tightening an
    existing one is safe; a folder the user chose (their home, a shared drive) is
    left as it is and only the database files are made private.
    """
    folder = database.parent
    if not folder.exists():
        folder.mkdir(parents=True, exist_ok=True)
        folder.chmod(FOLDER_MODE)
    elif own_folder and folder.is_dir():
        _strip_group_and_other(folder)
    if database.exists():
        for path in (database, *(Path(f"{database}{suffix}") for suffix in COMPANIONS)):
            _strip_group_and_other(path)
        return
    with contextlib.suppress(FileExistsError):  # another process made it a moment ago
        os.close(os.open(database, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))


def backup_path(database: Path, revision: str, now: datetime) -> Path:
    """``supple.db.backup-0002-20261201T153012`` beside the database (a counter if taken)."""
    stem = f"{database.name}.backup-{revision}-{now.strftime('%Y%m%dT%H%M%S')}"
    candidate = database.with_name(stem)
    counter = 1
    while candidate.exists():
        counter += 1
        candidate = database.with_name(f"{stem}-{counter}")
    return candidate


def back_up(database: Path, revision: str) -> Path:
    """Copy ``database`` (with what is still in its WAL) to a private file beside it.

    SQLite's online backup API reads through the database's own locks, so the copy
    is consistent even while the web app has the file open.
    """
    target = backup_path(database, revision, datetime.now(UTC))
    os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))
    try:
        source = sqlite3.connect(database)
        try:
            copy = sqlite3.connect(target)
            try:
                source.backup(copy)
            finally:
                copy.close()
        finally:
            source.close()
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    print(
        f"Supple: upgrading the database schema from revision {revision}; "
        f"a copy of the database as it was is in {target}",
        file=sys.stderr,
    )
    return target
