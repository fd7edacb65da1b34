"""Settings, read once from the environment into typed values.

Secrets are wrapped in :class:`starlette.datastructures.Secret` so that they never
print. In development a secret key is generated once and kept in the data folder;
in production the app refuses to start without a real ``SECRET_KEY`` and
``DATABASE_URL``.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from starlette.config import Config
from starlette.datastructures import Secret

PROJECT_ROOT = Path(__file__).resolve().parent.parent
MIN_SECRET_KEY_LENGTH = 32
LOG_LEVELS = ("debug", "info", "warning", "error", "critical")
MAX_WORKERS = 64

AppEnv = Literal["development", "production"]


class SettingsError(Exception):
    """A setting is missing or invalid; the message is one line meant for a person."""


@dataclass(frozen=True)
class SmtpSettings:
    """Where e-mail is sent. Without ``SMTP_HOST`` mail is written to the log instead."""

    host: str
    port: int
    username: str
    password: Secret
    sender: str
    starttls: bool


@dataclass(frozen=True)
class Settings:
    app_env: AppEnv
    database_url: Secret | None
    secret_key: Secret
    host: str
    port: int
    log_level: str
    data_dir: Path
    base_url: str
    smtp: SmtpSettings | None
    workers: int = 1
    """Server processes ``python -m app serve`` runs (each with its own event loop)."""

    @property
    def is_production(self) -> bool:
        return self.app_env == "production"

    @property
    def uses_embedded_database(self) -> bool:
        return self.database_url is None


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """Read and validate every setting; raise :class:`SettingsError` with a one-line reason."""
    config = Config(environ=environ) if environ is not None else Config()
    app_env = config("APP_ENV", default="development").strip().lower()
    if app_env not in ("development", "production"):
        raise SettingsError(f"APP_ENV must be 'development' or 'production', not {app_env!r}")

    data_dir = Path(config("DATA_DIR", default=str(PROJECT_ROOT / ".data"))).resolve()
    database_url = config("DATABASE_URL", default="").strip()
    secret_key = config("SECRET_KEY", default="").strip()
    log_level = config("LOG_LEVEL", default="info").strip().lower()
    if log_level not in LOG_LEVELS:
        raise SettingsError(f"LOG_LEVEL must be one of {', '.join(LOG_LEVELS)}, not {log_level!r}")
    port_text = config("PORT", default="8000").strip()
    if not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise SettingsError(f"PORT must be a number from 1 to 65535, not {port_text!r}")

    if app_env == "production":
        if not database_url:
            raise SettingsError("DATABASE_URL is required when APP_ENV=production")
        if len(secret_key) < MIN_SECRET_KEY_LENGTH:
            raise SettingsError(
                f"SECRET_KEY of at least {MIN_SECRET_KEY_LENGTH} characters is required "
                "when APP_ENV=production"
            )
    elif not secret_key:
        secret_key = _development_secret(data_dir)

    host = config("HOST", default="127.0.0.1").strip()
    base_url = config("BASE_URL", default="").strip().rstrip("/")
    if not base_url:
        if app_env == "production":
            raise SettingsError(
                "BASE_URL (e.g. https://ungeloftet.dk) is required when APP_ENV=production"
            )
        shown_host = "127.0.0.1" if host in ("0.0.0.0", "::") else host  # noqa: S104
        base_url = f"http://{shown_host}:{port_text}"

    default_workers = str(os.cpu_count() or 1) if app_env == "production" else "1"
    workers_text = config("WORKERS", default=default_workers).strip()
    if not workers_text.isdigit() or not 1 <= int(workers_text) <= MAX_WORKERS:
        raise SettingsError(
            f"WORKERS must be a number from 1 to {MAX_WORKERS}, not {workers_text!r}"
        )

    smtp = _smtp_settings(config)
    if app_env == "production" and smtp is None:
        raise SettingsError("SMTP_HOST and SMTP_FROM are required when APP_ENV=production")

    return Settings(
        app_env=app_env,  # type: ignore[arg-type]  # checked above
        database_url=Secret(database_url) if database_url else None,
        secret_key=Secret(secret_key),
        host=host,
        port=int(port_text),
        log_level=log_level,
        data_dir=data_dir,
        base_url=base_url,
        smtp=smtp,
        workers=int(workers_text),
    )


def _smtp_settings(config: Config) -> SmtpSettings | None:
    host = config("SMTP_HOST", default="").strip()
    if not host:
        return None
    port_text = config("SMTP_PORT", default="587").strip()
    if not port_text.isdigit():
        raise SettingsError(f"SMTP_PORT must be a number, not {port_text!r}")
    sender = config("SMTP_FROM", default="").strip()
    if "@" not in sender:
        raise SettingsError("SMTP_FROM (the sender address) is required when SMTP_HOST is set")
    return SmtpSettings(
        host=host,
        port=int(port_text),
        username=config("SMTP_USERNAME", default="").strip(),
        password=Secret(config("SMTP_PASSWORD", default="")),
        sender=sender,
        starttls=config("SMTP_STARTTLS", default="true").strip().lower() in ("1", "true", "yes"),
    )


def _development_secret(data_dir: Path) -> str:
    """A random key generated on first use and kept (mode 0600) in the data folder."""
    path = data_dir / "secret_key"
    if path.exists():
        return path.read_text().strip()
    data_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    path.touch(mode=0o600)
    path.write_text(key)
    return key
