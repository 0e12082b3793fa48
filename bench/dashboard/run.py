"""Benchmark of the dashboard (issue 7): latency of the dashboard page served from the precomputed rollups,
against the peer "live aggregation" (the same figures computed from the records at request time, which is
what the page would cost without rollups); the time of `ct05 rollup` for the year; the time of the
year-end periodic report (context + .docx + .xlsx).

    DATABASE_URL=sqlite:////tmp/prov.sqlite3 .venv/bin/python bench/dashboard/run.py --org DIENBIEN --rollup
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ct05_nat .venv/bin/python bench/dashboard/run.py --rollup

Without --org the page measured is /bang-dieu-khien/ of a superuser: the whole nation (every root).
Requests go through Django's test Client (the full middleware stack, templates, sessions; no network).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ct05.settings")
os.environ.setdefault("SECRET_KEY", os.urandom(40).hex())  # DEBUG is off here: a real key is required

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import User  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from ct05.core import clock  # noqa: E402
from ct05.dashboard.figures import add_into  # noqa: E402
from ct05.dashboard.reports.period import parse_period  # noqa: E402
from ct05.dashboard.reports.render import render_annex_xlsx, render_report_docx  # noqa: E402
from ct05.dashboard.reports.service import report_context  # noqa: E402
from ct05.dashboard.services import rollup_compute  # noqa: E402
from ct05.dashboard.sources import Units, own_figures  # noqa: E402
from ct05.orgs.models import Member, Organization  # noqa: E402


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def line(name: str, samples: list[float]) -> str:
    ms = [s * 1000 for s in samples]
    return f"| {name} | {len(ms)} | {statistics.median(ms):.1f} | {pct(ms, 0.95):.1f} | {max(ms):.1f} |"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--org", default="", help="code of the unit (default: the whole nation, every root)")
    ap.add_argument("--year", type=int, default=clock.today().year)
    ap.add_argument("--requests", type=int, default=300)
    ap.add_argument("--peer-runs", type=int, default=3)
    ap.add_argument(
        "--rollup", action="store_true", help="recompute the rollups of the year (and the year before) first"
    )
    ap.add_argument("--report", action="store_true", help="time the year-end report of --org (or of the first root)")
    args = ap.parse_args()

    org = Organization.objects.get(code=args.org) if args.org else None
    print(
        f"database: {connection.vendor}; members: {Member.objects.count():,}; "
        f"organizations: {Organization.objects.count():,}; year {args.year}"
    )
    if args.rollup:
        for y in (args.year - 1, args.year):
            s = rollup_compute(year=y, org=org)
            sec = s["seconds"]
            print(
                f"rollup {y}: {s['units']:,} units in {sec['total']:.1f} s "
                f"(tree {sec['tree']:.1f}, sources {sec['sources']:.1f}, sum {sec['sum']:.1f}, "
                f"write {sec['write']:.1f})"
            )

    user, _ = User.objects.get_or_create(username="bench-dashboard", defaults={"is_superuser": True, "is_staff": True})
    if not user.is_superuser:
        user.is_superuser = True
        user.save()
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    url = (reverse("dashboard:org", args=[org.pk]) if org else reverse("dashboard:home")) + f"?year={args.year}"
    for _ in range(10):
        r = client.get(url)
        assert r.status_code == 200, r.status_code
    samples, cpu = [], []
    for _ in range(args.requests):
        t, c = time.perf_counter(), time.process_time()
        r = client.get(url)
        samples.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
        assert r.status_code == 200
    print(f"page {url}: {len(r.content):,} bytes")

    units = Units(prefix=org.path) if org else Units()
    peer = []
    for _ in range(args.peer_runs):
        t = time.perf_counter()
        own = own_figures(year=args.year, units=units, today=clock.today())
        total: dict[str, object] = {}
        for f in own.values():
            add_into(total, f)
        peer.append(time.perf_counter() - t)
    print("| what | n | p50 ms | p95 ms | max ms |\n| --- | ---: | ---: | ---: | ---: |")
    print(line("dashboard page (precomputed rollups), wall time", samples))
    print(line("dashboard page, CPU time of this process", cpu))
    print(line("peer: the same figures aggregated live from the records", peer))
    print(f"ratio peer p50 / page p50: {statistics.median(peer) / statistics.median(samples):.0f}x")

    if args.report:
        target = org or Organization.objects.filter(parent__isnull=True).order_by("path").first()
        assert target is not None
        period = parse_period(str(args.year), today=clock.today())
        t = time.perf_counter()
        ctx = report_context(user=user, org=target, period=period)
        t1 = time.perf_counter()
        docx = render_report_docx(ctx, day=clock.today())
        t2 = time.perf_counter()
        xlsx = render_annex_xlsx(ctx)
        t3 = time.perf_counter()
        assert docx and xlsx
        print(
            f"year-end report of {target.code}: context {t1 - t:.2f} s, .docx {t2 - t1:.2f} s "
            f"({len(docx):,} bytes), .xlsx {t3 - t2:.2f} s; total {t3 - t:.2f} s; "
            f"sub-units in annex: {len(ctx.annexes[-1].rows)}"
        )


if __name__ == "__main__":
    main()
