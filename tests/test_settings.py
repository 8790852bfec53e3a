"""The one settings object: SUPPLE_ variables, sensible defaults, every setting documented."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from conftest import REPO
from supple.settings import Settings, get_settings


def test_every_setting_is_documented() -> None:
    documented = (REPO / "docs" / "settings.md").read_text(encoding="utf-8")
    for name in Settings.model_fields:
        assert f"SUPPLE_{name.upper()}" in documented, (
            f"docs/settings.md lacks SUPPLE_{name.upper()}"
        )


def test_environment_variables_override_defaults(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("SUPPLE_HOME", str(tmp_path))
    monkeypatch.setenv("SUPPLE_PORT", "8123")
    get_settings.cache_clear()
    settings = get_settings()
    assert settings.home == tmp_path and settings.port == 8123
    assert settings.resolved_database_url == f"sqlite:///{tmp_path / 'supple.db'}"
    monkeypatch.setenv("SUPPLE_DATABASE_URL", "postgresql+psycopg://clinic@db/supple")
    get_settings.cache_clear()
    assert get_settings().resolved_database_url == "postgresql+psycopg://clinic@db/supple"


def test_a_bad_value_is_refused_naming_the_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUPPLE_PORT", "99999")
    with pytest.raises(ValidationError, match="port"):
        Settings()


def test_the_cli_reports_a_bad_setting_as_bad_input(monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from supple.cli import cli

    monkeypatch.setenv("SUPPLE_PORT", "eighty")
    get_settings.cache_clear()
    result = CliRunner().invoke(cli, ["progress"])
    assert result.exit_code == 2
    assert "SUPPLE_PORT='eighty'" in result.stderr and result.stdout == ""
