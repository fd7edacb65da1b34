"""The command line, run as a person runs it: in a subprocess."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from app.embedded import AlreadyRunningError, run_lock
from app.settings import PROJECT_ROOT


def run_cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        cwd=PROJECT_ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


def test_unreachable_database_is_one_clear_line(tmp_path: Path) -> None:
    url = f"postgresql://postgres@127.0.0.1:{closed_port()}/nothing"
    result = run_cli("migrate", env={"DATABASE_URL": url, "DATA_DIR": str(tmp_path)})
    assert result.returncode == 1
    assert result.stderr.startswith("error: cannot reach the database at postgres@127.0.0.1:")
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_misconfigured_database_url_is_one_clear_line(tmp_path: Path) -> None:
    result = run_cli("migrate", env={"DATABASE_URL": "mysql://x@y/z", "DATA_DIR": str(tmp_path)})
    assert result.returncode == 1
    assert (
        result.stderr.strip() == "error: DATABASE_URL must start with postgresql://, not mysql://"
    )


def test_production_without_secret_refuses_to_start(tmp_path: Path) -> None:
    env = {
        "APP_ENV": "production",
        "DATABASE_URL": "postgresql://x@y/z",
        "SECRET_KEY": "",
        "DATA_DIR": str(tmp_path),
    }
    result = run_cli("serve", env=env)
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "error: SECRET_KEY of at least 32 characters is required when APP_ENV=production"
    )


def test_demo_data_is_never_seeded_in_production(tmp_path: Path) -> None:
    env = {
        "APP_ENV": "production",
        "DATABASE_URL": "postgresql://x@y/z",
        "SECRET_KEY": "s" * 40,
        "BASE_URL": "https://example.com",
        "SMTP_HOST": "smtp.example.com",
        "SMTP_FROM": "noreply@example.com",
        "DATA_DIR": str(tmp_path),
    }
    result = run_cli("seed", "--demo", env=env)
    assert result.returncode == 1
    assert "never loaded when APP_ENV=production" in result.stderr


def test_a_second_run_on_the_same_data_folder_is_refused(tmp_path: Path) -> None:
    with run_lock(tmp_path):
        with (
            pytest.raises(
                AlreadyRunningError,
                match=f"already running from {tmp_path} \\(pid {os.getpid()}\\)",
            ),
            run_lock(tmp_path),
        ):
            pass
        result = run_cli("serve", env={"DATA_DIR": str(tmp_path), "DATABASE_URL": ""})
        assert result.returncode == 1
        assert result.stderr.strip() == (
            f"error: the app is already running from {tmp_path} (pid {os.getpid()}); stop it first"
        )
    with run_lock(tmp_path):
        pass


def test_schema_export_check_passes() -> None:
    result = run_cli("export-schema", "--check", env={})
    assert result.returncode == 0, result.stderr
