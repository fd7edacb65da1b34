"""``bench/RESULTS.md``: the machine, the commit, the figures against their targets, and
a short history of earlier runs (one table row each, kept from the previous file)."""

from __future__ import annotations

import os
import platform
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path

from app.settings import PROJECT_ROOT
from bench.graphql.measure import Comparison, Hotspot, StatementCount, Throughput

MAX_RATIO_100 = 8.0
MIN_THROUGHPUT_RATIO = 0.25
PROFILED_PAGE = 100
HISTORY_HEADER = "## History"
HISTORY_ROWS = 30
LIBRARIES = ("strawberry-graphql", "tortoise-orm", "asyncpg", "starlette", "uvicorn", "httpx")


@dataclass(frozen=True)
class RunInfo:
    """How the run was made: the command, the data and the repetitions."""

    command: str
    scale: int
    openings: int
    open_openings: int
    database: str
    postgres: str
    repetitions: int
    walk_repetitions: int
    warmup: int
    wrk: str
    wrk_seconds: int
    workers: int
    load_start: float
    load_end: float


@dataclass(frozen=True)
class Figures:
    page: Comparison
    walk: Comparison
    statements: list[StatementCount]
    statement_list: list[str]
    throughput: Throughput
    wrk_page: int
    hotspots: list[Hotspot]
    profiled_requests: int


def _run(*command: str) -> str:
    try:
        done = subprocess.run(  # noqa: S603
            command, capture_output=True, text=True, check=True, cwd=PROJECT_ROOT
        )
    except (OSError, subprocess.CalledProcessError):
        return ""
    return done.stdout.rstrip()


def wrk_version(wrk: str) -> str:
    """``wrk debian/4.1.0-3+b2 [epoll]`` (``wrk -v`` prints it, then exits with 1)."""
    done = subprocess.run([wrk, "-v"], capture_output=True, text=True, check=False)  # noqa: S603
    first = (done.stdout or done.stderr).splitlines()[:1]
    return first[0].split(" Copyright")[0].strip() if first else "wrk"


def commit() -> str:
    """The commit, and the files of app/ and directory/ that differ from it, if any."""
    head = _run("git", "rev-parse", "--short", "HEAD") or "unknown"
    changed = _run("git", "status", "--porcelain", "--", "app", "directory").splitlines()
    changed = [line for line in changed if line.strip()]
    if not changed:
        return f"`{head}`"
    files = ", ".join(f"`{line[3:]}`" for line in changed[:6])
    more = f" and {len(changed) - 6} more" if len(changed) > 6 else ""
    return f"`{head}` with uncommitted changes in {files}{more}"


def machine(postgres: str, wrk: str) -> list[str]:
    """The machine as markdown list items, read from the system."""
    cpu = platform.processor() or "unknown CPU"
    memory = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 1024**2:.1f} GiB"
                break
    except OSError:
        pass
    libraries = ", ".join(f"{name} {version(name)}" for name in LIBRARIES)
    return [
        f"CPU: {cpu}, {os.cpu_count()} logical cores; RAM: {memory}",
        f"System: {platform.platform()}",
        f"Python {platform.python_version()}; PostgreSQL {postgres}; {wrk}",
        f"Libraries: {libraries}",
    ]


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def _verdict(passed: bool) -> str:
    return "**PASS**" if passed else "**FAIL**"


def statements_constant(statements: list[StatementCount]) -> bool:
    """The count does not grow with the page: 10 and 100 openings cost the same, with
    relations and without, and a later page costs what the first does."""
    counts = [s.count for s in statements]  # in the order of measure.STATEMENT_CASES
    return counts[0] == counts[1] and counts[2] == counts[3] == counts[4]


def verdicts(figures: Figures) -> dict[str, bool]:
    """Each target: met or not."""
    rps = figures.throughput
    return {
        "page": figures.page.ratio <= MAX_RATIO_100,
        "throughput": rps.ratio >= MIN_THROUGHPUT_RATIO and rps.bad_responses == 0,
        "statements": statements_constant(figures.statements),
    }


def summary(figures: Figures) -> str:
    """The figures in a few lines, for the terminal."""
    page, walk, rps = figures.page, figures.walk, figures.throughput
    met = verdicts(figures)
    counts = ", ".join(f"{s.case}: {s.count}" for s in figures.statements)
    return "\n".join(
        [
            f"{page.name}: GraphQL {_ms(page.graphql_median)}, raw {_ms(page.raw_median)}, "
            f"{page.ratio:.2f}x (target <= {MAX_RATIO_100:g}x) "
            f"{'PASS' if met['page'] else 'FAIL'}",
            f"{walk.name}: GraphQL {_ms(walk.graphql_median)}, raw {_ms(walk.raw_median)}, "
            f"{walk.ratio:.2f}x",
            f"wrk, page of {figures.wrk_page}: GraphQL {rps.graphql_median:,.0f} req/s, raw "
            f"{rps.raw_median:,.0f} req/s, {rps.ratio:.2f}x (target >= "
            f"{MIN_THROUGHPUT_RATIO:g}x) {'PASS' if met['throughput'] else 'FAIL'}",
            f"statements: {counts} {'PASS' if met['statements'] else 'FAIL'}",
        ]
    )


def render(figures: Figures, settings: RunInfo, previous: str) -> str:
    page, walk, rps = figures.page, figures.walk, figures.throughput
    met = verdicts(figures)
    page_ok, rps_ok, statements_ok = met["page"], met["throughput"], met["statements"]
    now = datetime.now(UTC)
    at_commit = commit()
    lines = [
        "# Benchmark results",
        "",
        "Written by `make bench` (`bench/graphql`); each run replaces this file and adds a",
        "row to the history at the end. Timings are noisy on this machine: the result is",
        "the ratio to the raw baseline measured in the same run, not the absolute figures.",
        "",
        f"## Latest run: {now:%Y-%m-%d %H:%M} UTC",
        "",
        f"- Command: `{settings.command}`",
        f"- Commit: {at_commit}",
        *(f"- {item}" for item in machine(settings.postgres, settings.wrk)),
        f"- Database: {settings.database}; demo data at scale {settings.scale}: "
        f"{settings.openings:,} openings, {settings.open_openings:,} open and public",
        f"- Server: the app and the raw endpoint in one uvicorn server of {settings.workers} "
        f"worker process{'es' if settings.workers != 1 else ''}, as `python -m app serve` "
        "serves in production (by default one per CPU)",
        f"- Load average (1 min) at the start and the end of the run: "
        f"{settings.load_start:.1f} and {settings.load_end:.1f}",
        "",
        "### Targets",
        "",
        "| target | measured | result |",
        "|---|---|---|",
        f"| 100-node page at most {MAX_RATIO_100:g}× raw | {page.ratio:.2f}× "
        f"| {_verdict(page_ok)} |",
        f"| 50-node page at least {MIN_THROUGHPUT_RATIO:g}× the raw endpoint's throughput "
        f"| {rps.ratio:.2f}× | {_verdict(rps_ok)} |",
        "| constant statement count (independent of the page size and position) "
        f"| {', '.join(str(s.count) for s in figures.statements)} | {_verdict(statements_ok)} |",
        "",
        "### Latency (one client, sequential requests over HTTP)",
        "",
        f"GraphQL and raw requests alternate (A/B, then B/A) after {settings.warmup} warm-up "
        "rounds; medians of "
        f"{settings.repetitions} repetitions (one page) and {settings.walk_repetitions} "
        "repetitions (ten pages).",
        "",
        "| case | GraphQL median | raw median | GraphQL/raw |",
        "|---|---:|---:|---:|",
        f"| {page.name} | {_ms(page.graphql_median)} | {_ms(page.raw_median)} "
        f"| **{page.ratio:.2f}×** |",
        f"| {walk.name} | {_ms(walk.graphql_median)} | {_ms(walk.raw_median)} "
        f"| **{walk.ratio:.2f}×** |",
        "",
        f"### Throughput (`wrk -c8 -t2 -d{settings.wrk_seconds}s`, a page of "
        f"{figures.wrk_page} openings with "
        "company and municipality)",
        "",
        f"{len(rps.graphql)} rounds of each, in pairs that run back to back (in turns, "
        "raw first then GraphQL first). The ratio is the median of the pairs' ratios "
        f"({', '.join(f'{x:.2f}' for x in sorted(rps.pair_ratios))}): the load of this "
        "shared machine drifts over minutes, and a pair sees the same stretch of it. The "
        "server's CPU time per request (user and system, all its workers, from `/proc`) shows what the "
        "requests cost when the machine is shared.",
        "",
        "| endpoint | requests/s, median | rounds | server CPU per request |",
        "|---|---:|---|---:|",
        f"| GraphQL `POST /graphql` | {rps.graphql_median:,.0f} | "
        f"{', '.join(f'{r.requests_per_second:,.0f}' for r in rps.graphql)} "
        f"| {_ms(rps.graphql_cpu)} |",
        f"| raw `GET /raw/openings` | {rps.raw_median:,.0f} | "
        f"{', '.join(f'{r.requests_per_second:,.0f}' for r in rps.raw)} | {_ms(rps.raw_cpu)} |",
        f"| **GraphQL/raw** | **{rps.ratio:.2f}×** | | {rps.graphql_cpu / rps.raw_cpu:.1f}× |",
        "",
        f"Responses that were not 200 or held GraphQL errors: {rps.bad_responses}.",
        "",
        "### SQL statements per GraphQL request (counted in the server)",
        "",
        "| request | statements | repetitions |",
        "|---|---:|---|",
        *(
            f"| {s.case} | {s.count} | {', '.join(str(n) for n in s.counts)} |"
            for s in figures.statements
        ),
        "",
        "The statements of the last one:",
        "",
        *(f"{i}. `{_shorten(sql)}`" for i, sql in enumerate(figures.statement_list, 1)),
        "",
        *hotspots_section(figures),
        "",
        *METHOD,
        "",
        HISTORY_HEADER,
        "",
        "| date (UTC) | commit | 100-node page | 10 pages | 50-node throughput | statements |",
        "|---|---|---:|---:|---:|---|",
        f"| {now:%Y-%m-%d %H:%M} | {at_commit.split()[0]} | {page.ratio:.2f}× | "
        f"{walk.ratio:.2f}× | {rps.ratio:.2f}× | "
        f"{'/'.join(str(s.count) for s in figures.statements)} |",
        *history_rows(previous)[: HISTORY_ROWS - 1],
        "",
    ]
    return "\n".join(lines)


def hotspots_section(figures: Figures, top: int = 15, top_app: int = 10) -> list[str]:
    """The profile: the functions with the most own time, and the app's own functions
    with the most cumulative time."""
    spots = figures.hotspots
    total = sum(spot.own for spot in spots)
    app = sorted(
        (
            spot
            for spot in spots
            if spot.where.startswith(("app/", "directory/"))
            and not spot.where.endswith("(__call__)")  # the ASGI layers around the request
        ),
        key=lambda spot: spot.cumulative,
        reverse=True,
    )

    def rows(chosen: list[Hotspot]) -> list[str]:
        return [
            f"| `{spot.where}` | {spot.calls:,.0f} | {spot.own * 1000:.2f} "
            f"| {spot.cumulative * 1000:.2f} |"
            for spot in chosen
        ]

    header = ["| function | calls | own ms | cumulative ms |", "|---|---:|---:|---:|"]
    return [
        f"### Profile of the {PROFILED_PAGE}-node GraphQL request",
        "",
        f"cProfile in the server over {figures.profiled_requests} requests, one at a time; "
        f"figures per request ({total * 1000:.1f} ms profiled in all). cProfile slows "
        "call-heavy code down, so the shares matter, not the milliseconds; a coroutine "
        "counts a call each time it resumes.",
        "",
        f"By own time (top {top}):",
        "",
        *header,
        *rows(spots[:top]),
        "",
        f"The app's functions by cumulative time (top {top_app}; without the ASGI "
        "middleware and view around the whole request):",
        "",
        *header,
        *rows(app[:top_app]),
    ]


def _shorten(sql: str, limit: int = 160) -> str:
    text = " ".join(sql.split()).replace("`", "'")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def history_rows(previous: str) -> list[str]:
    """The history table's rows in the previous results (none when it has no history)."""
    _, found, rest = previous.partition(HISTORY_HEADER)
    if not found:
        return []
    rows = [line for line in rest.splitlines() if line.startswith("| ")]
    return rows[1:]  # without the header row (the separator starts with "|-")


METHOD = [
    "### How it is measured",
    "",
    "- The server is the real app (`app.main.create_app`) with production settings (no",
    "  GraphiQL, no field suggestions), one uvicorn worker configured and started as",
    "  `python -m app serve` does; `bench/graphql/server.py` puts two bench-only routes in",
    "  front of it. The client (httpx, one keep-alive connection) and wrk run on the same",
    "  machine.",
    "- The raw baseline, `GET /raw/openings` in the same server process, reads the same",
    "  openings (open, of verified companies, newest first, keyset pages) with one asyncpg",
    "  query joining company, municipality and region, and serialises them with the",
    "  standard `json` as strawberry does, in the same JSON shape. It checks no token; the",
    "  GraphQL figures include the token check. Before timing, the run checks that both",
    "  endpoints return equal nodes for the 100- and 50-node pages and for all ten pages.",
    "- GraphQL selects `id title hoursMin hoursMax positions postedOn applyBy status`,",
    "  `company { id name cvr website }` and `municipality { id code name region { code name } }`",
    "  (see `bench/graphql/openings.py`). Ten pages are read as `first: 100` then",
    "  `after: endCursor`; the raw walk uses its own keyset cursor.",
    "- Statements are counted in the server: tortoise-orm logs each statement it sends at",
    "  DEBUG on `tortoise.db_client`; a logging handler appends it to a list held in a",
    "  context variable of the counted request (DataLoader tasks inherit it; the background",
    "  job worker does not), and the response reports the count. The count is the fewest",
    "  of three repetitions: a token's `last_used_at` update (at most once a minute) adds",
    "  one. asyncpg's connection reset on release to the pool is not a statement of the",
    "  app's and is not counted.",
]
