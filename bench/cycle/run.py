"""Benchmark of the yearly cycle on a real database: near-duplicate look-up through the stored band keys
(p50/p95 per commitment, target p95 < 50 ms) and the background analysis (target < 2 min for a province).

Usage (one command per database; a scratch database is created, migrated, filled and removed):
    .venv/bin/python -m bench.cycle.run --db sqlite --registrations 50000
    .venv/bin/python -m bench.cycle.run --db postgres --registrations 50000
SQLite goes to /tmp/ct05_bench_<pid>.sqlite3; PostgreSQL to a database ct05_bench_<pid> made with
`createdb -h 127.0.0.1 -U postgres` (override the server with --pg-url) and dropped at the end. `--keep`
leaves either in place. The machine's load (`uptime`) is printed before and after: it is shared, and wall
times on a loaded machine say more about the neighbours than about this code; CPU seconds say less.

Texts come from bench/textcheck/corpus.py (realistic commitments with planted copies). Each registration
gets `--per` commitments; each commitment is one generated text (~100 syllables: longer than a real
commitment, so the figures are on the safe side).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import resource
import statistics
import subprocess
import time
from pathlib import Path

import django


def _uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True, check=False).stdout.strip()


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--db",
        choices=["sqlite", "postgres", "env"],
        default="sqlite",
        help="scratch SQLite file, scratch PostgreSQL database, or DATABASE_URL as given",
    )
    parser.add_argument("--pg-url", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--keep", action="store_true", help="leave the scratch database in place")
    parser.add_argument("--registrations", type=int, default=50_000)
    parser.add_argument("--per", type=int, default=5)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--workers", type=int, default=None, help="analysis worker processes")
    parser.add_argument("--skip-analysis", action="store_true")
    args = parser.parse_args()
    name = f"ct05_bench_{os.getpid()}"
    sqlite_path = Path(f"/tmp/{name}.sqlite3")
    if args.db == "sqlite":
        os.environ["DATABASE_URL"] = f"sqlite:///{sqlite_path}"
    elif args.db == "postgres":
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", name], check=True)
        os.environ["DATABASE_URL"] = f"{args.pg_url}/{name}"
    try:
        run(args)
    finally:
        if not args.keep:
            from django.db import connections

            connections.close_all()
            if args.db == "postgres":
                subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", name], check=False)
            elif args.db == "sqlite":
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{sqlite_path}{suffix}").unlink(missing_ok=True)


def run(args: argparse.Namespace) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ct05.settings")
    os.environ.setdefault("SECRET_KEY", os.urandom(40).hex())  # DEBUG is off here: a real key is required
    django.setup()
    print("before:", _uptime(), flush=True)
    from django.core.management import call_command
    from django.db import connection, transaction

    from bench.cycle import load
    from bench.textcheck.corpus import generate
    from ct05.cycle import quality
    from ct05.cycle.models import Commitment, CommitmentBand, Registration
    from ct05.cycle.services.analysis import analyze
    from ct05.orgs.models import Member, Organization, OrgKind, path_segment

    call_command("migrate", verbosity=0)
    year = 2026
    n_regs = args.registrations
    t0 = time.perf_counter()
    root = Organization.objects.create(
        code="BENCH", name="Tỉnh ủy (benchmark)", kind=OrgKind.objects.get(code="tinh-uy")
    )
    root.path = path_segment(root.pk)
    root.save()
    cell_kind = OrgKind.objects.get(code="chi-bo-truc-thuoc")
    n_cells = max(1, n_regs // 25)
    cells = Organization.objects.bulk_create(
        [Organization(code=f"B{i}", name=f"Chi bộ {i}", kind=cell_kind, parent=root) for i in range(n_cells)],
        batch_size=5000,
    )
    if cells[0].pk is None:  # SQLite before RETURNING: read the ids back
        cells = list(Organization.objects.filter(parent=root).order_by("pk"))
    for c in cells:
        c.path, c.depth = root.path + path_segment(c.pk), 1
    Organization.objects.bulk_update(cells, ["path", "depth"], batch_size=5000)
    texts = generate(n_regs * args.per, seed=11)
    batch = 20_000
    member_id, reg_id, com_id = load.next_id(Member), load.next_id(Registration), load.next_id(Commitment)
    birth, joined = dt.date(1980, 1, 1), dt.date(2005, 1, 1)
    for start in range(0, n_regs, batch):
        size = min(batch, n_regs - start)
        ids = range(start, start + size)
        with transaction.atomic():
            load.insert(
                Member,
                (
                    {
                        "id": member_id + i,
                        "full_name": f"Đảng viên {i}",
                        "date_of_birth": birth,
                        "gender": "M",
                        "card_number": f"BM{i:08d}",
                        "joined_on": joined,
                        "cell_id": cells[i % n_cells].pk,
                    }
                    for i in ids
                ),
            )
            load.insert(
                Registration,
                (
                    {
                        "id": reg_id + i,
                        "year": year,
                        "member_id": member_id + i,
                        "organization_id": cells[i % n_cells].pk,
                        "status": "submitted",
                    }
                    for i in ids
                ),
            )
            load.insert(
                Commitment,
                (
                    {
                        "id": com_id + i * args.per + k,
                        "registration_id": reg_id + i,
                        "position": k + 1,
                        "content": next(texts)[0],
                    }
                    for i in ids
                    for k in range(args.per)
                ),
            )
        print(f"  loaded {start + size} registrations", flush=True)
    load.reset_sequences(Member, Registration, Commitment)
    with connection.cursor() as cur:  # planner statistics, as after any bulk load (autovacuum would, later)
        cur.execute("ANALYZE")
    load_s = time.perf_counter() - t0
    out: dict[str, object] = {
        "database": connection.vendor,
        "registrations": n_regs,
        "commitments": n_regs * args.per,
        "load_seconds": round(load_s, 1),
    }
    if not args.skip_analysis:
        cpu0, wall0 = _cpu(), time.perf_counter()
        summary = analyze(year=year, workers=args.workers)
        out["analysis"] = summary
        out["analysis_wall_s"] = round(time.perf_counter() - wall0, 1)
        out["analysis_cpu_s_all_processes"] = round(_cpu() - cpu0, 1)
        out["uptime_after_analysis"] = _uptime()
    out["band_rows"] = CommitmentBand.objects.count()

    # Look-ups: half fresh texts, half edited copies of stored ones (which must be found).
    baseline = quality.baseline_for(year)
    rng = random.Random(3)
    stored = list(Commitment.objects.order_by("?").values_list("content", flat=True)[: args.queries // 2])
    fresh = [t for t, _src in generate(args.queries // 2, seed=99)]
    probes = [s.replace("1", "2", 1) for s in stored] + fresh
    rng.shuffle(probes)
    lookup_ms: list[float] = []
    live_ms: list[float] = []
    found = 0
    for text in probes:
        t1 = time.perf_counter()
        fp = quality.fingerprint_of(text, baseline)
        hits = quality.lookup(fp, baseline=baseline)
        t2 = time.perf_counter()
        quality.judge(text, duty=None, templates=())
        for h in hits[:3]:
            other = Commitment.objects.filter(pk=h.commitment_id).values_list("content", flat=True).first() or ""
            quality.spans(text, other, baseline)
        t3 = time.perf_counter()
        lookup_ms.append((t2 - t1) * 1000)
        live_ms.append((t3 - t1) * 1000)
        found += bool(hits)

    def pct(values: list[float], p: float) -> float:
        return round(statistics.quantiles(values, n=100)[int(p) - 1], 2)

    out["lookup_ms"] = {"p50": pct(lookup_ms, 50), "p95": pct(lookup_ms, 95), "max": round(max(lookup_ms), 2)}
    out["live_check_ms"] = {"p50": pct(live_ms, 50), "p95": pct(live_ms, 95)}
    out["probes_with_a_match"] = f"{found}/{len(probes)} (half are edited copies of stored texts)"
    out["peak_rss_mb"] = {
        "main": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "largest_worker": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024),
    }
    out["uptime_end"] = _uptime()
    print(json.dumps(out, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
