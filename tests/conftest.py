"""Shared test configuration.

Tests that need an outside tool (Chromium, PostgreSQL, the source articles) call
``require``: it skips on a developer machine that lacks the tool, but fails in CI,
where every tool must be present.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

from store_fixtures import *  # noqa: F403  (store backends: sqlite and postgres)
from web_fixtures import *  # noqa: F403  (live server and headless Chromium)

# Hypothesis' per-example deadline measures the machine's load, not Supple: on a busy
# two-core CI machine it fails tests at random. Speed lives in benchmarks/.
settings.register_profile("supple", deadline=None)
settings.load_profile("supple")

REPO = Path(__file__).resolve().parents[1]
IN_CI = os.environ.get("CI", "").lower() == "true"


def require(condition: bool, what: str) -> None:
    """Skip locally, fail in CI, when a tool or file the test needs is missing."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"{what} is missing in CI; .ci/run must install it")
    pytest.skip(f"{what} is not available here")


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Every test gets its own SUPPLE_HOME so nothing touches the user's real data."""
    home = tmp_path_factory.mktemp("supple-home")
    monkeypatch.setenv("SUPPLE_HOME", str(home))
    monkeypatch.delenv("SUPPLE_DATABASE_URL", raising=False)
    from supple.settings import get_settings

    get_settings.cache_clear()
    return home
