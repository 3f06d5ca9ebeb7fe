"""Timing pages in-process: many requests through Django's test client, reported as percentiles."""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass

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


def time_page(name: str, client: Client, url: str, *, requests: int = 300, warmup: int = 20) -> PageTiming:
    """Serve `url` `requests` times (after `warmup` untimed ones); status must stay 200."""
    for _ in range(warmup):
        _get(client, url)
    queries = QueryCounter()
    with connection.execute_wrapper(queries):
        _get(client, url)
    durations = []
    started = time.perf_counter()
    for _ in range(requests):
        begin = time.perf_counter()
        _get(client, url)
        durations.append((time.perf_counter() - begin) * 1000)
    elapsed = time.perf_counter() - started
    durations.sort()
    return PageTiming(
        name=name,
        requests=requests,
        queries=queries.count,
        p50_ms=statistics.median(durations),
        p95_ms=durations[max(0, int(len(durations) * 0.95) - 1)],
        max_ms=durations[-1],
        per_second=requests / elapsed,
    )


class QueryCounter:
    """Counts the queries run while installed with connection.execute_wrapper."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def _get(client: Client, url: str) -> None:
    response = client.get(url)
    if response.status_code != 200:
        raise RuntimeError(f"{url} answered {response.status_code}, not 200")


def _serve(url: str, user_id: int, requests: int, start_at: float, queue) -> None:
    """One worker process: sign in, warm up, wait for the common start, then serve `requests` requests."""
    from django.contrib.auth import get_user_model
    from django.db import connections

    connections.close_all()
    client = Client()
    client.force_login(get_user_model().objects.get(pk=user_id))
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


def concurrent_rate(url: str, *, user_id: int, processes: int, requests: int) -> tuple[float, float, float]:
    """Requests per second with `processes` worker processes (forked) serving the page at once.

    Returns (req/s over all workers, p50 ms, p95 ms under that load).
    """
    import multiprocessing

    from django.db import connections

    connections.close_all()
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    start_at = time.time() + 3 + processes
    workers = [context.Process(target=_serve, args=(url, user_id, requests, start_at, queue)) for _ in range(processes)]
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
