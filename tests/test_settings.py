import os
from pathlib import Path

import pytest

from app.settings import SettingsError, load_settings


def test_development_generates_and_keeps_a_secret(tmp_path: Path) -> None:
    first = load_settings({"DATA_DIR": str(tmp_path)})
    second = load_settings({"DATA_DIR": str(tmp_path)})
    assert first.app_env == "development"
    assert len(str(first.secret_key)) >= 32
    assert str(first.secret_key) == str(second.secret_key)
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0
    assert first.uses_embedded_database


def test_secrets_never_print(tmp_path: Path) -> None:
    settings = load_settings({"DATA_DIR": str(tmp_path), "DATABASE_URL": "postgresql://u:pw@h/db"})
    assert "pw" not in repr(settings)
    assert str(settings.secret_key) not in repr(settings)


@pytest.mark.parametrize(
    ("environ", "reason"),
    [
        ({"APP_ENV": "production", "SECRET_KEY": "x" * 40}, "DATABASE_URL is required"),
        (
            {"APP_ENV": "production", "DATABASE_URL": "postgresql://h/db"},
            "SECRET_KEY of at least 32",
        ),
        (
            {"APP_ENV": "production", "DATABASE_URL": "postgresql://h/db", "SECRET_KEY": "short"},
            "SECRET_KEY of at least 32",
        ),
        (
            {"APP_ENV": "production", "DATABASE_URL": "postgresql://h/db", "SECRET_KEY": "x" * 40},
            "BASE_URL",
        ),
        ({"SMTP_HOST": "smtp.example.com"}, "SMTP_FROM"),
        (
            {
                "APP_ENV": "production",
                "DATABASE_URL": "postgresql://h/db",
                "SECRET_KEY": "x" * 40,
                "BASE_URL": "https://example.com",
            },
            "SMTP_HOST and SMTP_FROM are required",
        ),
        ({"APP_ENV": "staging"}, "APP_ENV must be"),
        ({"PORT": "eighty"}, "PORT must be a number"),
        ({"PORT": "70000"}, "PORT must be a number"),
        ({"LOG_LEVEL": "loud"}, "LOG_LEVEL must be one of"),
        ({"WORKERS": "0"}, "WORKERS must be a number from 1 to 64"),
        ({"WORKERS": "many"}, "WORKERS must be a number"),
    ],
)
def test_invalid_settings_give_one_line_reasons(
    tmp_path: Path, environ: dict[str, str], reason: str
) -> None:
    with pytest.raises(SettingsError, match=reason) as caught:
        load_settings({"DATA_DIR": str(tmp_path), **environ})
    assert "\n" not in str(caught.value)


def test_production_with_real_settings(tmp_path: Path) -> None:
    settings = load_settings(
        {
            "APP_ENV": "production",
            "DATABASE_URL": "postgresql://app@db/partners",
            "SECRET_KEY": "k" * 48,
            "BASE_URL": "https://partnere.example.com/",
            "SMTP_HOST": "smtp.example.com",
            "SMTP_FROM": "noreply@example.com",
            "HOST": "0.0.0.0",
            "PORT": "9000",
            "DATA_DIR": str(tmp_path),
        }
    )
    assert settings.is_production
    assert settings.port == 9000
    assert settings.base_url == "https://partnere.example.com"
    assert settings.smtp is not None
    assert settings.smtp.port == 587
    assert settings.workers == (os.cpu_count() or 1)  # a worker per CPU, unless WORKERS says
    assert not (tmp_path / "secret_key").exists()
