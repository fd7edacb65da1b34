"""The measurements: interleaved latencies, statement counts and wrk throughput, each
GraphQL figure against the raw endpoint measured in the same run."""

from __future__ import annotations

import itertools
import json
import os
import re
import shutil
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from app.settings import PROJECT_ROOT
from bench.graphql.openings import FLAT_QUERY, NESTED_QUERY
from bench.graphql.server import (
    COUNT_HEADER,
    PROFILE_HEADER,
    STATEMENT_LIST_HEADER,
    STATEMENTS_HEADER,
    WORKER_HEADER,
)

PROFILE_SETTLE_SECONDS = 2.0
Page = dict[str, Any]
"""``data.openings`` of a response: ``pageInfo`` and ``nodes``."""


class BenchError(Exception):
    """The benchmark cannot measure what it should (an error response, unequal data)."""


class Endpoints:
    """The two endpoints, over one keep-alive HTTP connection. Requests take the tokens
    in turn, so that no token's hourly budget runs out (see :mod:`bench.graphql.database`);
    the raw endpoint gets the header too, and ignores it."""

    def __init__(self, client: httpx.Client, tokens: Sequence[str]) -> None:
        self.client = client
        self.tokens = itertools.cycle(tokens)

    def _headers(self, *flags: bytes) -> dict[str, str]:
        headers = {"Authorization": f"Bearer {next(self.tokens)}"}
        headers.update((flag.decode(), "1") for flag in flags)
        return headers

    def graphql(self, first: int, after: str | None = None, *, query: str = NESTED_QUERY) -> Page:
        return _openings(self.post_graphql(first, after, query=query))

    def post_graphql(
        self, first: int, after: str | None = None, *, query: str, flags: Sequence[bytes] = ()
    ) -> httpx.Response:
        """POST ``query``; ``flags`` are bench headers (count statements, profile)."""
        body = {"query": query, "variables": {"first": first, "after": after}}
        return self.client.post("/graphql", json=body, headers=self._headers(*flags))

    def raw(self, first: int, after: str | None = None) -> Page:
        params: dict[str, str | int] = {"first": first}
        if after is not None:
            params["after"] = after
        return _openings(self.client.get("/raw/openings", params=params, headers=self._headers()))


def _openings(response: httpx.Response) -> Page:
    if response.status_code != 200:
        raise BenchError(
            f"{response.request.url.path}: HTTP {response.status_code}: {response.text}"
        )
    body = response.json()
    if body.get("errors"):
        raise BenchError(f"{response.request.url.path}: {body['errors']}")
    page: Page = body["data"]["openings"]
    return page


def walk(fetch: Callable[[int, str | None], Page], pages: int, size: int) -> list[Any]:
    """The nodes of ``pages`` consecutive pages of ``size``, each after the last's end."""
    nodes: list[Any] = []
    after = None
    for _ in range(pages):
        page = fetch(size, after)
        nodes.extend(page["nodes"])
        after = page["pageInfo"]["endCursor"]
    return nodes


def verify(endpoints: Endpoints, *, pages: int, size: int, small: int) -> None:
    """Both endpoints return the same openings, field for field, on every page measured."""
    for first in (size, small):
        if endpoints.graphql(first)["nodes"] != endpoints.raw(first)["nodes"]:
            raise BenchError(f"GraphQL and raw pages of {first} differ")
    from_graphql = walk(endpoints.graphql, pages, size)
    from_raw = walk(endpoints.raw, pages, size)
    if from_graphql != from_raw:
        raise BenchError(f"GraphQL and raw differ over {pages} pages of {size}")
    if len({node["id"] for node in from_graphql}) != pages * size:
        raise BenchError(f"{pages} pages of {size} did not give {pages * size} distinct openings")


@dataclass(frozen=True)
class Comparison:
    """Wall-clock seconds of each repetition, GraphQL and raw, taken in turns."""

    name: str
    graphql: list[float]
    raw: list[float]

    @property
    def graphql_median(self) -> float:
        return statistics.median(self.graphql)

    @property
    def raw_median(self) -> float:
        return statistics.median(self.raw)

    @property
    def ratio(self) -> float:
        return self.graphql_median / self.raw_median


def compare(
    name: str,
    graphql: Callable[[], object],
    raw: Callable[[], object],
    *,
    repetitions: int,
    warmup: int,
) -> Comparison:
    """Time ``graphql`` and ``raw`` alternately (A/B, then B/A, ...) after a warm-up."""
    for _ in range(warmup):
        graphql()
        raw()
    times: dict[str, list[float]] = {"graphql": [], "raw": []}
    calls = [("graphql", graphql), ("raw", raw)]
    for i in range(repetitions):
        for label, call in calls if i % 2 == 0 else calls[::-1]:
            started = time.perf_counter()
            call()
            times[label].append(time.perf_counter() - started)
    return Comparison(name, times["graphql"], times["raw"])


@dataclass(frozen=True)
class StatementCount:
    """The statements one GraphQL request sent, in each of a few repetitions."""

    case: str
    counts: list[int]

    @property
    def count(self) -> int:
        """The fewest: a token's ``last_used_at`` is updated at most once a minute, so a
        repetition may show one statement more."""
        return min(self.counts)


STATEMENT_CASES = (
    ("10 openings, no relations", FLAT_QUERY, 10, False),
    ("100 openings, no relations", FLAT_QUERY, 100, False),
    ("10 openings with company and municipality", NESTED_QUERY, 10, False),
    ("100 openings with company and municipality", NESTED_QUERY, 100, False),
    ("100 openings with company and municipality, after a cursor", NESTED_QUERY, 100, True),
)


def count_statements(
    client: httpx.Client, token: str, *, repetitions: int = 3
) -> tuple[list[StatementCount], list[str]]:
    """The statement count of each case in :data:`STATEMENT_CASES`, and the statements
    of the last case (the bench server counts them, see :mod:`bench.graphql.server`).
    One token, used uncounted first in each case, so that its ``last_used_at`` is fresh."""
    endpoints = Endpoints(client, [token])
    results: list[StatementCount] = []
    statements: list[str] = []
    for case, query, first, paged in STATEMENT_CASES:
        after = endpoints.graphql(first, query=query)["pageInfo"]["endCursor"]
        after = after if paged else None
        counts = []
        for _ in range(repetitions):
            response = endpoints.post_graphql(first, after, query=query, flags=[COUNT_HEADER])
            _openings(response)
            counts.append(int(response.headers[STATEMENTS_HEADER.decode()]))
            statements = json.loads(response.headers[STATEMENT_LIST_HEADER.decode()])
        results.append(StatementCount(case, counts))
    return results, statements


def _lua_string(text: str) -> str:
    assert "]==]" not in text
    return f"[==[{text}]==]"


def wrk_script(method: str, body: str | None, tokens: Sequence[str]) -> str:
    """A wrk script that sends ``method`` and ``body`` with the ``tokens`` in turn, and
    counts the responses that are not 200 or that hold GraphQL ``errors``, printed at the
    end as ``bench-bad-responses: N`` (both endpoints run the same script)."""
    lines = [
        f"wrk.method = {_lua_string(method)}",
        'wrk.headers["Content-Type"] = "application/json"',
        f"local tokens = {{{', '.join(_lua_string(token) for token in tokens)}}}",
    ]
    if body is not None:
        lines.append(f"wrk.body = {_lua_string(body)}")
    lines.append("""
local turn = 0
function request()
  turn = turn % #tokens + 1
  wrk.headers["Authorization"] = "Bearer " .. tokens[turn]
  return wrk.format()
end
bad = 0
local threads = {}
function setup(thread) table.insert(threads, thread) end
function response(status, headers, body)
  if status ~= 200 or string.find(body, '"errors"', 1, true) then bad = bad + 1 end
end
function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do total = total + thread:get("bad") end
  io.write(string.format("bench-bad-responses: %d\\n", total))
end
""")
    return "\n".join(lines)


@dataclass(frozen=True)
class WrkRun:
    """One wrk round, and the CPU time the server process used during it."""

    requests_per_second: float
    requests: int
    bad_responses: int
    server_cpu_seconds: float

    @property
    def cpu_per_request(self) -> float:
        return self.server_cpu_seconds / max(self.requests, 1)


def process_cpu_seconds(pid: int) -> float:
    """User and system CPU seconds process ``pid`` and the processes under it (a server's
    workers) have used (Linux ``/proc``)."""
    stats: dict[int, list[str]] = {}
    for path in Path("/proc").glob("[0-9]*/stat"):
        try:
            stats[int(path.parent.name)] = path.read_text().rpartition(")")[2].split()
        except OSError:
            continue  # gone meanwhile
    tree, seen = [pid], 0
    while seen < len(tree):
        parent = tree[seen]
        tree.extend(child for child, fields in stats.items() if int(fields[1]) == parent)
        seen += 1
    ticks = sum(int(stats[p][11]) + int(stats[p][12]) for p in tree if p in stats)
    return ticks / os.sysconf("SC_CLK_TCK")


def run_wrk(
    url: str, script: str, *, server_pid: int, connections: int, threads: int, seconds: int
) -> WrkRun:
    wrk = shutil.which("wrk")
    if wrk is None:
        raise BenchError("wrk is not installed (make bench installs it: scripts/apt-ensure)")
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as file:
        file.write(script)
        file.flush()
        command = [wrk, f"-c{connections}", f"-t{threads}", f"-d{seconds}s", "-s", file.name, url]
        cpu_before = process_cpu_seconds(server_pid)
        done = subprocess.run(command, capture_output=True, text=True, check=True)  # noqa: S603
        cpu = process_cpu_seconds(server_pid) - cpu_before
    rps = re.search(r"^Requests/sec:\s*([\d.]+)", done.stdout, re.MULTILINE)
    requests = re.search(r"^\s*(\d+) requests in ", done.stdout, re.MULTILINE)
    bad = re.search(r"^bench-bad-responses: (\d+)", done.stdout, re.MULTILINE)
    errors = re.search(r"^\s*Socket errors: .*", done.stdout, re.MULTILINE)
    if rps is None or bad is None or requests is None:
        raise BenchError(f"cannot read wrk's output:\n{done.stdout}{done.stderr}")
    if errors is not None:
        raise BenchError(f"wrk: {errors.group(0).strip()}")
    return WrkRun(float(rps.group(1)), int(requests.group(1)), int(bad.group(1)), cpu)


@dataclass(frozen=True)
class Throughput:
    """Requests per second of each wrk round, GraphQL and raw, taken in turns."""

    graphql: list[WrkRun]
    raw: list[WrkRun]

    @property
    def graphql_median(self) -> float:
        return statistics.median(run.requests_per_second for run in self.graphql)

    @property
    def raw_median(self) -> float:
        return statistics.median(run.requests_per_second for run in self.raw)

    @property
    def pair_ratios(self) -> list[float]:
        """GraphQL's requests per second over raw's, round by round: the two rounds of a
        pair ran back to back, so a slower stretch of a shared machine slows both."""
        return [
            g.requests_per_second / r.requests_per_second
            for g, r in zip(self.graphql, self.raw, strict=True)
        ]

    @property
    def ratio(self) -> float:
        """The median of the paired ratios."""
        return statistics.median(self.pair_ratios)

    @property
    def graphql_cpu(self) -> float:
        """The server's median CPU seconds per GraphQL request."""
        return statistics.median(run.cpu_per_request for run in self.graphql)

    @property
    def raw_cpu(self) -> float:
        return statistics.median(run.cpu_per_request for run in self.raw)

    @property
    def bad_responses(self) -> int:
        return sum(run.bad_responses for run in [*self.graphql, *self.raw])


def throughput(
    base_url: str,
    tokens: Sequence[str],
    *,
    server_pid: int,
    first: int,
    rounds: int,
    connections: int,
    threads: int,
    seconds: int,
) -> Throughput:
    """wrk on a page of ``first`` openings: GraphQL and raw in alternating rounds."""
    body = json.dumps({"query": NESTED_QUERY, "variables": {"first": first, "after": None}})
    scripts = {
        "graphql": (f"{base_url}/graphql", wrk_script("POST", body, tokens)),
        "raw": (f"{base_url}/raw/openings?first={first}", wrk_script("GET", None, tokens)),
    }
    runs: dict[str, list[WrkRun]] = {"graphql": [], "raw": []}
    order = ["raw", "graphql"]
    for i in range(rounds):
        for label in order if i % 2 == 0 else order[::-1]:
            url, script = scripts[label]
            run = run_wrk(
                url,
                script,
                server_pid=server_pid,
                connections=connections,
                threads=threads,
                seconds=seconds,
            )
            runs[label].append(run)
    return Throughput(runs["graphql"], runs["raw"])


@dataclass(frozen=True)
class Hotspot:
    """A function in the profile, per request: calls, own seconds, cumulative seconds."""

    where: str
    calls: float
    own: float
    cumulative: float


def _where(file: str, line: int, function: str) -> str:
    """``path:line(function)``, with paths from the project or from site-packages."""
    if file == "~":
        return function  # a built-in, e.g. {method 'send' of '_socket.socket' objects}
    for marker in ("/site-packages/", f"{PROJECT_ROOT}/"):
        if marker in file:
            file = file.split(marker, 1)[1]
            break
    else:
        file = re.sub(r"^.*/lib/python3\.\d+/", "", file)  # the standard library
    return f"{file}:{line}({function})"


def profile(endpoints: Endpoints, *, first: int, requests: int) -> list[Hotspot]:
    """cProfile in the server over ``requests`` GraphQL pages of ``first`` (with
    relations), one at a time; per request, by own time. cProfile sees everything the
    server's thread runs, so it starts once the requests wrk left in flight are done."""
    time.sleep(PROFILE_SETTLE_SECONDS)
    for _ in range(3):
        endpoints.graphql(first)
    # Every worker profiles what it serves: the requests go over one connection, which
    # one worker serves, and the profile is read from that worker.
    report = endpoints.client.get("/_bench/profile")  # forget what came before
    workers = {report.headers[WORKER_HEADER.decode()]}
    for _ in range(requests):
        response = endpoints.post_graphql(first, query=NESTED_QUERY, flags=[PROFILE_HEADER])
        _openings(response)
        workers.add(response.headers[WORKER_HEADER.decode()])
    report = endpoints.client.get("/_bench/profile")
    workers.add(report.headers[WORKER_HEADER.decode()])
    if len(workers) != 1:
        raise BenchError(f"the profiled requests went to several workers: {sorted(workers)}")
    entries = report.json()
    spots = [
        Hotspot(_where(file, line, function), calls / requests, own / requests, cum / requests)
        for file, line, function, calls, own, cum in entries
    ]
    return sorted(spots, key=lambda spot: spot.own, reverse=True)
