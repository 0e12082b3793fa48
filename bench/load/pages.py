"""One request at a time: how long each page of the registration peak takes on a seeded province, and how
many SQL queries it runs (issue 15, item 5: find the bottlenecks before loading the server).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ct05_load_bench .venv/bin/python -m bench.load.pages
    … --profile "registration list, page 1" (a pyinstrument profile of that page, printed as text)

Requests go through Django's test Client (the whole middleware stack, sessions, templates; no network), with
the personas of bench/load/personas.py (run it first). Each page is requested `--warm` times unmeasured,
then `--requests` times; the table gives the median and the slowest, and the query count of the last one.
The load average is printed: the machine is shared.
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ct05.settings")
os.environ.setdefault("SECRET_KEY", os.urandom(40).hex())
os.environ.setdefault("TWO_FACTOR_REQUIRED", "false")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import User  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from ct05.core import clock  # noqa: E402
from ct05.cycle.models import Registration  # noqa: E402
from ct05.orgs.models import Organization  # noqa: E402


def _client(username: str) -> Client:
    c = Client()
    c.force_login(User.objects.get(username=username))
    return c


def pages() -> list[tuple[str, str, Callable[[Client], object]]]:
    """(label, persona, request)."""
    root = Organization.objects.filter(parent__isnull=True).order_by("pk").first()
    assert root is not None, "seed a province first"
    year = clock.today().year
    reg = (
        Registration.objects.filter(year=year, member__user__username__startswith="bench-m-", status="draft")
        .order_by("pk")
        .first()
    )
    assert reg is not None, "run bench.load.personas first"
    member = reg.member.user.username  # type: ignore[union-attr]
    sec = User.objects.filter(username__startswith="bench-sec-").order_by("pk").first()
    assert sec is not None
    n_regs = Registration.objects.filter(year=year).count()
    last_page = max(1, (n_regs + 49) // 50)
    live = {
        "registration": str(reg.pk),
        "prefix": "c-0",
        "c-0-content": "Tham gia đầy đủ sinh hoạt chi bộ, hoàn thành 100% nhiệm vụ được giao trước ngày 30/6.",
    }
    regs = reverse("cycle:registration_list")
    calendar = reverse("records:compliance_calendar", args=[root.pk])
    return [
        ("registration list, page 1", "bench-admin", lambda c: c.get(regs)),
        ("registration list, page 2", "bench-admin", lambda c: c.get(regs + "?page=2")),
        (f"registration list, last page ({last_page})", "bench-admin", lambda c: c.get(f"{regs}?page={last_page}")),
        ("registration list, generic filter", "bench-admin", lambda c: c.get(regs + "?quality=generic")),
        (
            "compliance calendar, province",
            "bench-admin",
            lambda c: c.get(calendar),
        ),
        ("home page, administrator", "bench-admin", lambda c: c.get(reverse("dashboard:start"))),
        # the same with its queues counted, not read from the cache (the first view of a 120 s window)
        ("home page, administrator, counted", "bench-admin", lambda c: _fresh(c, reverse("dashboard:start"))),
        ("meeting list, administrator", "bench-admin", lambda c: c.get(reverse("records:meeting_list"))),
        ("dashboard, administrator", "bench-admin", lambda c: c.get(reverse("dashboard:home"))),
        ("warnings, supervisor", "bench-sup-1", lambda c: c.get(reverse("supervision:warning_list"))),
        ("home page, secretary", str(sec.username), lambda c: c.get(reverse("dashboard:start"))),
        ("registration list, secretary", str(sec.username), lambda c: c.get(regs + "?status=submitted")),
        ("home page, member", member, lambda c: c.get(reverse("dashboard:start"))),
        ("registration page, member", member, lambda c: c.get(reverse("cycle:registration_detail", args=[reg.pk]))),
        ("registration edit, member", member, lambda c: c.get(reverse("cycle:registration_edit", args=[reg.pk]))),
        ("live check, member", member, lambda c: c.post(reverse("cycle:live_check"), live)),
    ]


def _fresh(c: Client, url: str) -> object:
    cache.clear()
    return c.get(url)


def _load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--requests", type=int, default=7)
    ap.add_argument("--warm", type=int, default=2)
    ap.add_argument("--only", default="", help="measure only the pages whose label contains this")
    ap.add_argument("--profile", default="", help="profile the page with this exact label (pyinstrument)")
    ap.add_argument("--queries", action="store_true", help="print the SQL of the last request of each page")
    args = ap.parse_args()
    logging.getLogger("axes").setLevel(logging.WARNING)  # a line per force_login would bury the table
    clients: dict[str, Client] = {}
    print(
        f"commit {os.popen('git rev-parse --short HEAD').read().strip()}; database {connection.vendor}; load {_load()}"
    )
    print("| page | persona | status | queries | median ms | max ms |")
    print("| --- | --- | --- | --- | --- | --- |")
    for label, persona, request in pages():
        if args.only and args.only not in label:
            continue
        if args.profile and label != args.profile:
            continue
        c = clients.setdefault(persona, _client(persona))
        for _ in range(args.warm):
            request(c)
        if args.profile:
            from pyinstrument import Profiler

            with Profiler(interval=0.0005) as prof:
                request(c)
            print(prof.output_text(unicode=True, color=False, show_all=False))
            return
        times = []
        for _ in range(args.requests):
            with CaptureQueriesContext(connection) as q:
                t0 = time.perf_counter()
                resp = request(c)
                times.append((time.perf_counter() - t0) * 1000)
        status = getattr(resp, "status_code", "?")
        print(
            f"| {label} | {persona.split('-')[1] if persona.startswith('bench-') else persona} | {status} "
            f"| {len(q.captured_queries)} | {statistics.median(times):.0f} | {max(times):.0f} |"
        )
        if args.queries:
            for query in q.captured_queries:
                print(f"    {query['time']}s  {query['sql'][:400]}")
    print(f"load after: {_load()}")


if __name__ == "__main__":
    main()
