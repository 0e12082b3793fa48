"""The background analysis at province scale (issue 4's target: 50,000 registrations, ~250,000 commitments,
in under 2 minutes on the 2-core machine).

A scratch database gets the province seed's tree (`ct05 seed province --tree-only`, ~50,000 members) and a
registration for every active member written from the member's own duties, post and cell
(`seed_province_cycle(run_analysis=False)`); then `analyze` runs twice, each timed on its own:
- cold: nothing stored yet (as after a bulk import, an engine upgrade or a change of the year's filter):
  every verdict, fingerprint, band key and pair is written;
- re-run: what a nightly or on-demand analysis does when little changed: everything is recomputed, only
  the differences are written.

    .venv/bin/python -m bench.cycle.province --db sqlite
    .venv/bin/python -m bench.cycle.province --db postgres

The load average is printed before each run: the machine is shared and wall times say more about the
neighbours than about this code when it is high.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import time
from io import StringIO
from pathlib import Path

import django


def _load() -> str:
    """The 1, 5 and 15-minute load averages."""
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--pg-url", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--keep", action="store_true", help="leave the scratch database in place")
    parser.add_argument("--year", type=int, default=2026)
    args = parser.parse_args()
    name = f"ct05_province_{os.getpid()}"
    sqlite_path = Path(f"/tmp/{name}.sqlite3")
    if args.db == "sqlite":
        os.environ["DATABASE_URL"] = f"sqlite:///{sqlite_path}"
    else:
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", name], check=True)
        os.environ["DATABASE_URL"] = f"{args.pg_url}/{name}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ct05.settings")
    os.environ.setdefault("SECRET_KEY", os.urandom(40).hex())  # DEBUG is off here: a real key is required
    django.setup()
    try:
        run(args.year)
    finally:
        from django.db import connections

        connections.close_all()
        if args.keep:
            print("kept:", os.environ["DATABASE_URL"])
        elif args.db == "postgres":
            subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", name], check=False)
        else:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{sqlite_path}{suffix}").unlink(missing_ok=True)


def run(year: int) -> None:
    from django.core.management import call_command
    from django.db import connection

    from ct05.cycle.models import Commitment, CommitmentBand, SimilarPair
    from ct05.cycle.services.analysis import analyze
    from ct05.seed.bulk.cycle import seed_province_cycle

    t0 = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("seed", "province", "--tree-only", stdout=StringIO())
    seed_province_cycle(year=year, run_analysis=False)
    with connection.cursor() as cur:
        cur.execute("ANALYZE")
    out: dict[str, object] = {"database": connection.vendor, "seed_seconds": round(time.perf_counter() - t0, 1)}
    commitments = Commitment.objects.filter(registration__year=year)
    out["commitments"] = commitments.count()
    out["registrations"] = commitments.values("registration").distinct().count()
    out["distinct_texts"] = commitments.values("content").distinct().count()
    out["linked_to_a_duty"] = commitments.filter(duty__isnull=False).count()
    for label in ("cold", "rerun"):
        load_before = _load()
        wall = time.perf_counter()
        summary = analyze(year=year)
        out[label] = {
            "wall_s": round(time.perf_counter() - wall, 1),
            "load_before": load_before,
            "load_after": _load(),
            **{k: summary[k] for k in ("rewritten", "fingerprints_renewed", "pairs", "identical_groups")},
            "candidates": summary["candidates"],
            "checked_exactly": summary["checked_exactly"],
            "seconds": summary["seconds"],
        }
    out["copied_commitments"] = commitments.filter(max_similarity__isnull=False).count()
    out["generic_commitments"] = commitments.filter(verdict="generic").count()
    out["band_rows"] = CommitmentBand.objects.filter(year=year).count()
    out["pair_rows"] = SimilarPair.objects.filter(year=year).count()
    out["peak_rss_mb"] = {
        "main": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "largest_worker": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024),
    }
    print(json.dumps(out, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
