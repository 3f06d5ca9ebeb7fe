"""Timing pages in-process: many requests through Django's test client, reported as percentiles.

`WsgiClient` makes the same requests straight into Django's WSGI handler, as a
WSGI server's worker does once it has parsed the HTTP request: with the request
signals the test client leaves out (connection age and health checks), without
its extras (template signals, response decoding). It is the nearest thing to
production serving here without installing a server.
"""

from __future__ import annotations

import io
import os
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

from django.db import connection
from django.test import Client


@dataclass
class PageTiming:
    name: str
    requests: int
    queries: int
    p50_ms: float
    p95_ms: float
    max_ms: float
    per_second: float
    cpu_ms: float = 0.0  # CPU time of this process per request
    db_cpu_ms: float | None = None  # CPU time of its PostgreSQL backend per request, when it runs on this machine

    def capacity(self, cores: int | None = None) -> float | None:
        """Requests per second the machine's cores could serve if they did nothing else (no waiting, no driver)."""
        if self.db_cpu_ms is None:
            return None
        return (cores or os.cpu_count() or 1) * 1000 / (self.cpu_ms + self.db_cpu_ms)


def time_page(name: str, client: Client, url: str, *, requests: int = 300, warmup: int = 20) -> PageTiming:
    """Serve `url` `requests` times (after `warmup` untimed ones); status must stay 200.

    `client` is a test `Client` or a `WsgiClient`: anything with `get(url)` giving a `status_code`.
    """
    for _ in range(warmup):
        _get(client, url)
    queries = QueryCounter()
    with connection.execute_wrapper(queries):
        _get(client, url)
    durations = []
    db_started = _database_cpu()
    started, cpu_started = time.perf_counter(), time.process_time()
    for _ in range(requests):
        begin = time.perf_counter()
        _get(client, url)
        durations.append((time.perf_counter() - begin) * 1000)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    db_finished = _database_cpu()
    same_backend = db_started and db_finished and db_started[0] == db_finished[0]
    durations.sort()
    return PageTiming(
        name=name,
        requests=requests,
        queries=queries.count,
        p50_ms=statistics.median(durations),
        p95_ms=durations[max(0, int(len(durations) * 0.95) - 1)],
        max_ms=durations[-1],
        per_second=requests / elapsed,
        cpu_ms=cpu * 1000 / requests,
        db_cpu_ms=(db_finished[1] - db_started[1]) * 1000 / requests if same_backend else None,
    )


def time_in_turn(pages, *, requests: int = 300, warmup: int = 20) -> list[float]:
    """The p50 ms of each (client, url) in `pages`, timed one request of each in turn.

    On a shared machine a neighbour's burst then slows every page alike, so ratios between them hold
    where figures timed one page after another do not. Each status must stay 200.
    """
    for _ in range(warmup):
        for client, url in pages:
            _get(client, url)
    durations: list[list[float]] = [[] for _ in pages]
    for _ in range(requests):
        for (client, url), timed in zip(pages, durations, strict=True):
            begin = time.perf_counter()
            _get(client, url)
            timed.append((time.perf_counter() - begin) * 1000)
    return [statistics.median(timed) for timed in durations]


def _database_cpu() -> tuple[int, float] | None:
    """(pid, CPU seconds so far) of this connection's PostgreSQL backend, read from /proc; None elsewhere."""
    if connection.vendor != "postgresql":
        return None
    connection.ensure_connection()
    pid = connection.connection.info.backend_pid
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:  # another machine, or not ours to read
        return None
    return pid, (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


class QueryCounter:
    """Counts the queries run while installed with connection.execute_wrapper."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


class WsgiClient:
    """GET requests straight into Django's WSGI handler, with the cookies of a signed-in test client."""

    def __init__(self, cookies: str = ""):
        from django.core.handlers.wsgi import WSGIHandler

        self.handler = WSGIHandler()
        self.cookies = cookies

    @classmethod
    def signed_in(cls, user) -> WsgiClient:
        client = Client()
        client.force_login(user)
        return cls("; ".join(f"{name}={morsel.value}" for name, morsel in client.cookies.items()))

    def get(self, url: str):
        path, _, query = url.partition("?")
        environ = {
            "REQUEST_METHOD": "GET",
            "SCRIPT_NAME": "",
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "SERVER_NAME": "testserver",
            "SERVER_PORT": "80",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "REMOTE_ADDR": "127.0.0.1",
            "HTTP_HOST": "testserver",
            "HTTP_COOKIE": self.cookies,
            "wsgi.version": (1, 0),
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(b""),
            "wsgi.errors": sys.stderr,
            "wsgi.multithread": False,
            "wsgi.multiprocess": True,
            "wsgi.run_once": False,
        }
        statuses = []
        body = self.handler(environ, lambda status, headers, exc_info=None: statuses.append(status))
        try:
            content = b"".join(body)
        finally:
            body.close()
        return SimpleNamespace(status_code=int(statuses[0].split()[0]), content=content)


def _get(client: Client, url: str) -> None:
    response = client.get(url)
    if response.status_code != 200:
        raise RuntimeError(f"{url} answered {response.status_code}, not 200")


def _serve(url: str, user_id: int, requests: int, start_at: float, queue, via: str) -> None:
    """One worker process: sign in, warm up, wait for the common start, then serve `requests` requests."""
    from django.contrib.auth import get_user_model
    from django.db import connections

    connections.close_all()
    user = get_user_model().objects.get(pk=user_id)
    if via == "wsgi":
        client = WsgiClient.signed_in(user)
    else:
        client = Client()
        client.force_login(user)
    for _ in range(10):
        _get(client, url)
    while time.time() < start_at:
        time.sleep(0.001)
    durations = []
    for _ in range(requests):
        begin = time.perf_counter()
        _get(client, url)
        durations.append((time.perf_counter() - begin) * 1000)
    queue.put((start_at, time.time(), durations))


def concurrent_rate(
    url: str, *, user_id: int, processes: int, requests: int, via: str = "client"
) -> tuple[float, float, float]:
    """Requests per second with `processes` worker processes (forked) serving the page at once.

    `via` is "client" (Django's test client) or "wsgi" (`WsgiClient`).
    Returns (req/s over all workers, p50 ms, p95 ms under that load).
    """
    import multiprocessing

    from django.db import connections

    connections.close_all()
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    start_at = time.time() + 3 + processes
    workers = [
        context.Process(target=_serve, args=(url, user_id, requests, start_at, queue, via)) for _ in range(processes)
    ]
    for worker in workers:
        worker.start()
    results = [queue.get() for _ in workers]
    for worker in workers:
        worker.join()
    first = min(r[0] for r in results)
    last = max(r[1] for r in results)
    durations = sorted(d for r in results for d in r[2])
    return (
        len(durations) / (last - first),
        statistics.median(durations),
        durations[max(0, int(len(durations) * 0.95) - 1)],
    )
