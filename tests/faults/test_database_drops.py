"""Fault: the database drops every connection — a restart, a failover, an administrator's
pg_terminate_backend — while the application serves (issue 15, item 7). The application recovers without a
restart: a persistent connection is health-checked at the start of each request (CONN_HEALTH_CHECKS, set by
ct05/env.py for PostgreSQL) and replaced when dead.

The requests go through Django's real WSGI handler in this process (the test client would switch off the
connection handling under test), from several threads, each with its own persistent connection.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Any

import psycopg
import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection, connections
from django.test import Client, RequestFactory
from django.urls import reverse

from tests.conftest import build_world

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
THREADS = 3


@pytest.fixture(autouse=True)
def postgres_only() -> Iterator[None]:
    if connection.vendor != "postgresql":
        pytest.skip(
            "SKIPPED ON SQLITE: no database server to restart or drop connections — SQLite is a file opened "
            "anew by every request (CONN_MAX_AGE=0). Run with DATABASE_URL=postgres://… for this fault."
        )
    yield
    connections.close_all()  # this thread's connection was killed too: the test database's teardown opens anew


def _terminate_every_connection() -> int:
    """What a restart does to the application: every backend of the test database killed (not ours)."""
    params = connection.get_connection_params()
    name = connection.settings_dict["NAME"]
    with psycopg.connect(
        host=params.get("host"),
        port=params.get("port"),
        user=params.get("user"),
        password=params.get("password"),
        dbname="postgres",
        autocommit=True,
    ) as admin:
        rows = admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            [name],
        ).fetchall()
    return sum(1 for (killed,) in rows if killed)


def _getter(cookie: str) -> Callable[[str], tuple[int, bytes]]:
    handler = WSGIHandler()

    def get(path: str) -> tuple[int, bytes]:
        environ = RequestFactory().get(path, HTTP_COOKIE=f"sessionid={cookie}").environ
        status: list[str] = []
        response = handler(environ, lambda s, headers, exc_info=None: status.append(s))
        try:
            body = b"".join(response)
        finally:
            response.close()  # request_finished: the connection is kept (CONN_MAX_AGE), as in production
        return int(status[0].split()[0]), body

    return get


def _in_threads(work: Callable[[int], Any]) -> list[Any]:
    results: list[Any] = [None] * THREADS

    def run(i: int) -> None:
        try:
            results[i] = work(i)
        except BaseException as exc:  # noqa: BLE001  (reported by the assertion below)
            results[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return results


@pytest.fixture
def signed_in() -> Callable[[str], tuple[int, bytes]]:
    world = build_world()
    client = Client()
    client.force_login(world.secretary)
    return _getter(client.cookies["sessionid"].value)


def test_after_every_connection_is_killed_the_next_requests_succeed_without_a_restart(
    signed_in: Callable[[str], tuple[int, bytes]],
) -> None:
    page = reverse("cycle:registration_list")
    barrier = threading.Barrier(THREADS + 1)

    def work(i: int) -> list[int]:
        statuses = [signed_in(page)[0], signed_in("/healthz")[0]]  # persistent connections now open
        barrier.wait(timeout=60)  # the main thread kills them all here
        barrier.wait(timeout=60)
        statuses += [signed_in(page)[0], signed_in("/healthz")[0]]
        return statuses

    results: list[Any] = []
    runner = threading.Thread(target=lambda: results.extend(_in_threads(work)))
    runner.start()
    barrier.wait(timeout=60)
    killed = _terminate_every_connection()
    barrier.wait(timeout=60)
    runner.join(timeout=120)
    assert killed >= THREADS  # the threads' connections were really there, and really killed
    assert results == [[200, 200, 200, 200]] * THREADS


def test_connections_killed_while_requests_run_fail_those_requests_only(
    signed_in: Callable[[str], tuple[int, bytes]],
) -> None:
    page = reverse("cycle:registration_list")
    stop = threading.Event()

    def work(i: int) -> list[int]:
        statuses = []
        for _ in range(200):  # bounded: the main thread stops the loop after its kills
            statuses.append(signed_in(page if len(statuses) % 2 else "/healthz")[0])
            if stop.is_set():
                break
        statuses += [signed_in(page)[0], signed_in("/healthz")[0]]  # after the storm
        return statuses

    results: list[Any] = []
    runner = threading.Thread(target=lambda: results.extend(_in_threads(work)))
    runner.start()
    kills = 0
    for _ in range(5):
        kills += _terminate_every_connection()
    stop.set()
    runner.join(timeout=180)
    assert kills > 0
    for statuses in results:
        assert isinstance(statuses, list), statuses
        # a request whose connection died under it fails (500, or 503 from /healthz), none hangs or is mangled
        assert set(statuses) <= {200, 500, 503}
        assert statuses[-2:] == [200, 200]  # and the node serves again at once, without a restart
