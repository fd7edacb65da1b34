"""A live server in a subprocess, started the way ``make run`` starts it, and a real
Chromium (Debian's, driven by Playwright) to look at it."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from playwright.async_api import Browser, Page, async_playwright

from app.db import DatabaseTarget, drop_database
from app.settings import PROJECT_ROOT

SERVER_START_TIMEOUT = 180
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def wait_until_ready(base_url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}:\n{log.read_text()}")
        try:
            if httpx.get(f"{base_url}/readyz", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise RuntimeError(
        f"the server did not become ready in {SERVER_START_TIMEOUT} s:\n{log.read_text()}"
    )


@dataclass(frozen=True)
class LiveServer:
    url: str
    database: DatabaseTarget


@pytest.fixture(scope="session")
def live_server(
    database_server: DatabaseTarget, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LiveServer]:
    """``python -m app serve --prepare`` on a free port, on its own database."""
    target = database_server.with_database(f"ungeloftet_e2e_{os.getpid()}")
    import asyncio

    asyncio.run(drop_database(target))
    from app.db import ensure_database

    asyncio.run(ensure_database(target))
    data_dir = tmp_path_factory.mktemp("live-data")
    log = data_dir / "server.log"
    port = free_port()
    env = {
        **os.environ,
        "APP_ENV": "development",
        "DATABASE_URL": target.url,
        "DATA_DIR": str(data_dir),
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "LOG_LEVEL": "warning",
    }
    with log.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "app", "serve", "--prepare"],
            cwd=PROJECT_ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    base_url = f"http://127.0.0.1:{port}"
    try:
        wait_until_ready(base_url, process, log)
        yield LiveServer(url=base_url, database=target)
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        asyncio.run(drop_database(target))


@pytest.fixture(scope="session")
async def browser() -> AsyncIterator[Browser]:
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        pytest.fail("Chromium is not installed: `apt-get install chromium` (.ci/run does it)")
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        await launched.close()


@pytest.fixture
async def page(browser: Browser) -> AsyncIterator[Page]:
    """A fresh Danish browser tab; the test fails if the page breaks its
    Content-Security-Policy (htmx must work without eval or inline code)."""
    context = await browser.new_context(locale="da-DK")
    opened = await context.new_page()
    violations: list[str] = []
    opened.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    yield opened
    await context.close()
    assert violations == [], violations
