"""Counting the SQL statements a piece of code sends, from tortoise's query log."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

QUERY_LOGGER = "tortoise.db_client"


class _Recorder(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.statements: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if not message.startswith(("Created connection pool", "Closed connection pool")):
            self.statements.append(message)


@contextmanager
def recording_sql() -> Iterator[list[str]]:
    """Yield the list of statements sent while the block runs (filled as it runs)."""
    logger = logging.getLogger(QUERY_LOGGER)
    recorder = _Recorder()
    previous = logger.level
    logger.setLevel(logging.DEBUG)
    logger.addHandler(recorder)
    try:
        yield recorder.statements
    finally:
        logger.removeHandler(recorder)
        logger.setLevel(previous)
