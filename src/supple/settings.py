"""Supple's one settings object, read from ``SUPPLE_*`` environment variables.

Every setting is documented in docs/settings.md; add new ones here and there together.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from pydantic import Field, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict


def _default_home() -> Path:
    from platformdirs import user_data_path

    return user_data_path("supple", appauthor=False)


class Settings(BaseSettings):
    """Configuration for the CLI, the store and the web app."""

    model_config = SettingsConfigDict(env_prefix="SUPPLE_", extra="ignore", frozen=True)

    home: Path = Field(
        default_factory=_default_home,
        description="Folder holding the SQLite database and saved files.",
    )
    database_url: str | None = Field(
        default=None,
        description="SQLAlchemy URL; unset means SQLite at HOME/supple.db. "
        "Use postgresql+psycopg://user:pass@host/db for a clinic server.",
    )
    profile: str = Field(default="me", description="Profile whose records commands use.")
    host: str = Field(default="127.0.0.1", description="Address the web app binds to.")
    port: int = Field(default=8000, ge=1, le=65535, description="Port the web app listens on.")
    lan_port: int = Field(
        default=8443,
        ge=1,
        le=65535,
        description="Port 'supple serve --lan' opens on the local network for paired phones "
        "(HTTPS, or plain HTTP with --insecure-http).",
    )
    max_request_bytes: int = Field(
        default=1024 * 1024,
        ge=1024,
        le=64 * 1024 * 1024,
        description="Largest request body the web app accepts, in bytes; larger ones get 413.",
    )
    secret_key: str | None = Field(
        default=None,
        description="Key that signs CSRF tokens; unset means one generated and kept in HOME.",
    )

    @property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.home / 'supple.db'}"


class SettingsError(ValueError):
    """A ``SUPPLE_*`` variable holds a value Supple cannot use; the message names it."""


@cache
def get_settings() -> Settings:
    """The settings for this process (read once; tests clear the cache to change them)."""
    try:
        return Settings()
    except ValidationError as error:
        problems = [
            f"SUPPLE_{'_'.join(str(part) for part in problem['loc']).upper()}="
            f"{problem.get('input')!r}: {problem['msg']}"
            for problem in error.errors()
        ]
        raise SettingsError(
            "an environment setting is not valid: " + "; ".join(problems)
        ) from error
