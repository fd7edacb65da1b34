"""``python -m bench.graphql`` (``make bench``): prepare, serve, measure, write the results.

Exits 1 when the benchmark cannot measure (unequal data, error responses, no wrk), and,
with ``--check``, when a target is missed; the results are written either way.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import httpx

from app.settings import PROJECT_ROOT
from bench.graphql import measure, report
from bench.graphql.database import BenchData, bench_database

RESULTS = PROJECT_ROOT / "bench" / "RESULTS.md"
PAGES, PAGE_SIZE, WRK_PAGE = 10, 100, 50
START_TIMEOUT_SECONDS = 60.0
STOP_TIMEOUT_SECONDS = 20.0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def bench_server(data: BenchData, workers: int) -> Iterator[tuple[str, int]]:
    """Run :mod:`bench.graphql.server` in a subprocess on ``data``; yield its base URL
    and process ID."""
    port = _free_port()
    base_url = f"http://127.0.0.1:{port}"
    env = {**os.environ, "DATABASE_URL": data.target.url}
    command = [
        sys.executable,
        *("-m", "bench.graphql.server", "--port", str(port), "--workers", str(workers)),
    ]
    with tempfile.TemporaryFile("w+") as log:
        server = subprocess.Popen(  # noqa: S603
            command, cwd=PROJECT_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
        )
        try:
            _wait_until_ready(server, base_url, log)
            yield base_url, server.pid
        except measure.BenchError as exc:
            raise measure.BenchError(f"{exc}\nThe bench server's log ends:\n{_tail(log)}") from None
        finally:
            server.send_signal(signal.SIGINT)
            try:
                server.wait(STOP_TIMEOUT_SECONDS)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def _wait_until_ready(server: subprocess.Popen[bytes], base_url: str, log: IO[str]) -> None:
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise measure.BenchError(f"the bench server stopped:\n{_tail(log)}")
        try:
            if httpx.get(f"{base_url}/readyz", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise measure.BenchError(f"the bench server did not start in time:\n{_tail(log)}")


def _tail(log: IO[str]) -> str:
    log.seek(0)
    return "\n".join(log.read().splitlines()[-30:])


def run(args: argparse.Namespace, data: BenchData, base_url: str, pid: int) -> report.Figures:
    with httpx.Client(base_url=base_url, timeout=60) as client:
        endpoints = measure.Endpoints(client, data.tokens)
        print("checking that GraphQL and raw return the same openings ...", flush=True)
        measure.verify(endpoints, pages=PAGES, size=PAGE_SIZE, small=WRK_PAGE)
        print("counting statements ...", flush=True)
        statements, statement_list = measure.count_statements(client, data.tokens[0])
        print(f"timing one page of {PAGE_SIZE} ...", flush=True)
        page = measure.compare(
            f"one page of {PAGE_SIZE} openings with company and municipality",
            lambda: endpoints.graphql(PAGE_SIZE),
            lambda: endpoints.raw(PAGE_SIZE),
            repetitions=args.repetitions,
            warmup=args.warmup,
        )
        print(f"timing {PAGES} pages of {PAGE_SIZE} ...", flush=True)
        walk = measure.compare(
            f"{PAGES * PAGE_SIZE:,} openings as {PAGES} consecutive pages of {PAGE_SIZE}",
            lambda: measure.walk(endpoints.graphql, PAGES, PAGE_SIZE),
            lambda: measure.walk(endpoints.raw, PAGES, PAGE_SIZE),
            repetitions=args.walk_repetitions,
            warmup=max(1, args.warmup // 3),
        )
        print(f"wrk on a page of {WRK_PAGE}, {args.wrk_rounds} rounds of each ...", flush=True)
        throughput = measure.throughput(
            base_url,
            data.tokens,
            server_pid=pid,
            first=WRK_PAGE,
            rounds=args.wrk_rounds,
            connections=8,
            threads=2,
            seconds=args.wrk_seconds,
        )
        print(f"profiling {args.profile_requests} GraphQL pages ...", flush=True)
        hotspots = measure.profile(
            endpoints, first=report.PROFILED_PAGE, requests=args.profile_requests
        )
    return report.Figures(
        page,
        walk,
        statements,
        statement_list,
        throughput,
        WRK_PAGE,
        hotspots,
        args.profile_requests,
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bench.graphql", description="Benchmark /graphql against raw asyncpg."
    )
    parser.add_argument("--scale", type=int, default=2, help="demo data scale (default 2)")
    parser.add_argument("--repetitions", type=int, default=60, help="one-page repetitions")
    parser.add_argument("--walk-repetitions", type=int, default=30, help="ten-page repetitions")
    parser.add_argument("--warmup", type=int, default=10, help="warm-up rounds")
    parser.add_argument("--wrk-rounds", type=int, default=9, help="wrk rounds of each endpoint")
    parser.add_argument("--wrk-seconds", type=int, default=8, help="seconds per wrk round")
    parser.add_argument(
        "--profile-requests", type=int, default=20, help="requests profiled with cProfile"
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=os.cpu_count() or 1,
        help="server worker processes (default: one per CPU, as in production)",
    )
    parser.add_argument("--output", type=Path, default=RESULTS, help="the results file")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    wrk = shutil.which("wrk")
    if wrk is None:
        print("error: wrk is missing (`make bench` installs it)", file=sys.stderr)
        return 1
    wrk_version = report.wrk_version(wrk)
    command = "make bench" if "MAKELEVEL" in os.environ else "python -m bench.graphql"
    started = time.monotonic()
    load_start = os.getloadavg()[0]
    try:
        print(f"preparing a database with the demo data at scale {args.scale} ...", flush=True)
        with bench_database(args.scale, min_open=PAGES * PAGE_SIZE) as data:
            print(
                f"{data.open_openings:,} open openings; starting the bench server ...", flush=True
            )
            with bench_server(data, args.workers) as (base_url, pid):
                figures = run(args, data, base_url, pid)
    except (measure.BenchError, RuntimeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    info = report.RunInfo(
        command=command,
        scale=data.scale,
        openings=data.openings,
        open_openings=data.open_openings,
        database=data.server,
        postgres=data.postgres,
        repetitions=args.repetitions,
        walk_repetitions=args.walk_repetitions,
        warmup=args.warmup,
        wrk=wrk_version,
        wrk_seconds=args.wrk_seconds,
        workers=args.workers,
        load_start=load_start,
        load_end=os.getloadavg()[0],
    )
    previous = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
    args.output.write_text(report.render(figures, info, previous), encoding="utf-8")
    verdicts = report.verdicts(figures)
    print(report.summary(figures))
    print(f"wrote {args.output} in {time.monotonic() - started:.0f} s")
    return 1 if args.check and not all(verdicts.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
