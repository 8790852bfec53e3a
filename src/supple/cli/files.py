"""Reading and writing the files people name on the command line, safely.

Reading is capped: a command never takes in more than its limit plus one byte, so
``--answers /dev/zero`` is refused at once instead of filling memory. JSON goes
through :func:`supple.jsonio.parse_json`, so a repeated key, deep nesting or a huge
number is a one-line error, never a traceback or a silently different document.

Writing (``-o FILE``) only ever creates or replaces a regular file: the data goes to
a new temporary file in the same folder, which is renamed over the target, so a
failure leaves the old file as it was and nothing half-written. A target that exists
and is not a regular file (a device such as ``/dev/null``, a FIFO, a socket, a
folder) is refused, and so is a symbolic link of any kind: writing through a link
puts data somewhere the person did not name, and renaming over it silently breaks
the link; refusing is the one predictable answer. New files are private (mode 600)
because exports, handouts and calendars all describe someone's health.
"""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from pathlib import Path
from typing import Any

from supple.cli.common import fail
from supple.jsonio import MAX_DOCUMENT_BYTES, JsonInputError, parse_json, size_text

# An export holds years of sessions, so it may be larger than a single document.
MAX_EXPORT_BYTES = 64 * 1024 * 1024


def read_capped(
    source: str, what: str, limit: int = MAX_DOCUMENT_BYTES, *, stdin: bool = True
) -> bytes:
    """The bytes of the file ``source`` (or stdin for '-' when ``stdin``), at most ``limit``.

    ``what`` names the input in messages, e.g. "answers" or "plan file".
    """
    from_stdin = stdin and source == "-"
    where = "standard input" if from_stdin else f"'{source}'"
    try:
        if from_stdin:
            data = sys.stdin.buffer.read(limit + 1)
        else:
            with Path(source).open("rb") as handle:
                data = handle.read(limit + 1)
    except FileNotFoundError:
        fail(f"{what} {where} does not exist.", "Check the path, or give '-' to read stdin.")
    except IsADirectoryError:
        fail(f"{what} {where} is a folder, not a file.")
    except OSError as error:
        fail(f"cannot read {what} {where}: {error.strerror or error}.")
    if len(data) > limit:
        fail(f"{what} {where} is larger than {size_text(limit)}, the most Supple reads.")
    return data


def read_json_input(
    source: str, what: str, limit: int = MAX_DOCUMENT_BYTES, *, stdin: bool = True
) -> Any:
    """The JSON value in ``source``; any problem ends the command with exit 2 and why."""
    where = "standard input" if stdin and source == "-" else f"'{source}'"
    try:
        return parse_json(read_capped(source, what, limit, stdin=stdin))
    except JsonInputError as error:
        fail(f"{what} {where} cannot be read: {error}.")


def check_output(path: Path) -> None:
    """Exit 2 unless ``path`` is free or a regular file; call early, before slow work."""
    try:
        info = path.lstat()
    except FileNotFoundError:
        return
    except OSError as error:
        fail(f"cannot write '{path}': {error.strerror or error}.")
    if stat.S_ISLNK(info.st_mode):
        fail(
            f"'{path}' is a symbolic link; Supple does not write through links.",
            "Give the path of a regular file (or a new name) with -o.",
        )
    if stat.S_ISDIR(info.st_mode):
        fail(f"'{path}' is a folder.", "Give a file name with -o, e.g. -o FOLDER/FILE.")
    if not stat.S_ISREG(info.st_mode):
        fail(
            f"'{path}' exists and is not a regular file (a device, pipe or socket); "
            "Supple writes only regular files.",
            "Give the path of a new or existing regular file with -o.",
        )


def write_output(path: Path, data: bytes) -> None:
    """Create or replace the regular file ``path`` with ``data``, all at once or not at all."""
    check_output(path)
    folder = path.parent
    if not folder.is_dir():
        fail(f"cannot write '{path}': the folder '{folder}' does not exist.")
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        fail(f"cannot write '{path}': {error.strerror or error}.")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        # Checked again just before the rename, so a device put there meanwhile is kept.
        check_output(path)
        Path(temporary).replace(path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        fail(f"cannot write '{path}': {error.strerror or error}.")
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
