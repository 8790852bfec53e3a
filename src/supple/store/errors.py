"""What can go wrong when using the store, as exceptions callers can tell apart."""

from __future__ import annotations


class StoreError(Exception):
    """Base class: the store refused an operation; the message says why in plain words."""


class NotFoundError(StoreError, LookupError):
    """A record named by id does not exist (or belongs to another profile)."""


class ExportFormatError(StoreError, ValueError):
    """An export file is not something Supple can import; nothing was written."""


class ProfileNotEmptyError(StoreError):
    """Importing would overwrite a profile that already holds records."""


class SchemaOutdatedError(StoreError):
    """A command that only reads found the database at an older schema: it does not
    upgrade it (only commands that write do, after keeping a copy)."""


class StepConflictError(StoreError):
    """A step index already holds a different event: a step is recorded once per session."""
