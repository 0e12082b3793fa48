"""API speed at province scale (issue 14): a page of 100 members (target p95 ≤ 100 ms from a 50,000-member
province) and a roster synchronisation of 50,000 members (target ≤ 60 s), on SQLite or PostgreSQL.

A scratch database gets the province seed's tree and members (`ct05 seed province --tree-only`). Requests go
through Django's test client in this process: the whole middleware stack, token look-up, selectors, JSON in
and out, but no network and no application server. The rate limit is lifted for the run.

- pages: a province admin walks the member list by cursor, 100 a page, for `--pages` pages; then a ward's
  officer asks for the first page of their subtree (`org=`) as often; each request timed on its own;
- PostgreSQL: ANALYZE after the seed (see the comment in `run`);
- roster: the whole register is read through the API (500 a page), every 10th member gets a new party
  position, and the 50,000 rows are sent to `POST /api/v1/roster-sync` (one request, all or nothing); then
  the same rows again (nothing changes: the check-only path).

    .venv/bin/python -m bench.api.run --db sqlite
    .venv/bin/python -m bench.api.run --db postgres
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import time
from io import StringIO
from pathlib import Path
from typing import Any

import django


def _load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--pg-url", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--skip-roster", action="store_true", help="only the pages")
    parser.add_argument("--keep", action="store_true", help="leave the scratch database in place")
    parser.add_argument("--existing", help="DATABASE_URL of a database kept by an earlier run (--keep): no seed")
    args = parser.parse_args()
    if args.existing:
        os.environ["DATABASE_URL"] = args.existing
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ct05.settings")
        os.environ.setdefault("SECRET_KEY", os.urandom(40).hex())
        django.setup()
        run(args.db, args.pages, roster=not args.skip_roster, seed=False)
        return
    name = f"ct05_api_bench_{os.getpid()}"
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
        run(args.db, args.pages, roster=not args.skip_roster)
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


def _p95(ms: list[float]) -> float:
    return sorted(ms)[max(0, int(round(0.95 * len(ms))) - 1)]


def _stats(times: list[tuple[float, float]]) -> str:
    """Wall time (what a client waits, inflated by every other process on the machine) and this process's
    CPU time (what the request costs; the database server's own time is not in it) of each request."""
    wall = [w * 1000 for w, _c in times]
    cpu = [c * 1000 for _w, c in times]
    return (
        f"n={len(wall)} wall p50={statistics.median(wall):.1f} ms p95={_p95(wall):.1f} ms max={max(wall):.1f} ms; "
        f"cpu p50={statistics.median(cpu):.1f} ms p95={_p95(cpu):.1f} ms"
    )


def run(db: str, pages: int, *, roster: bool = True, seed: bool = True) -> None:
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from ct05.access.models import Role
    from ct05.access.services import role_assign, user_create
    from ct05.api.tokens import token_create
    from ct05.orgs.models import Member, Organization

    settings.CT05_API_RATE_PER_MINUTE = 10**9
    t0 = time.perf_counter()
    if seed:
        call_command("migrate", verbosity=0)
        call_command("seed", "province", "--tree-only", stdout=StringIO())
    if db == "postgres":
        # A table filled in bulk a moment ago has no statistics until autovacuum analyzes it; without them
        # the planner sorts the whole register for every page (170 ms instead of 0.2 ms). A production
        # database has them.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    root = Organization.objects.get(parent__isnull=True, active_to__isnull=True, depth=0)
    ward = Organization.objects.filter(kind__is_grassroots=True, kind__is_cell=False).order_by("pk").first()
    assert ward is not None
    admin, officer = (
        User.objects.filter(username="bench-admin").first(),
        User.objects.filter(username="bench-officer").first(),
    )
    if admin is None or officer is None:
        admin = user_create(actor=None, username="bench-admin", password="bench-pass-123", full_name="Bench")
        officer = user_create(actor=None, username="bench-officer", password="bench-pass-123", full_name="Bench 2")
        role_assign(actor=None, user=admin, role=Role.PROVINCE_ADMIN, organization=root)
        role_assign(actor=None, user=officer, role=Role.COMMITTEE_OFFICER, organization=ward)
    n_members = Member.objects.count()
    print(f"{db}: seeded {n_members:,} members in {time.perf_counter() - t0:.0f} s; load {_load()}")

    def client(user: Any) -> Client:
        _t, clear = token_create(actor=None, user=user, name="bench", scope="write")
        return Client(HTTP_HOST="127.0.0.1", HTTP_AUTHORIZATION=f"Bearer {clear}")

    c_admin, c_officer = client(admin), client(officer)

    def timed_get(c: Client, path: str, params: dict[str, Any]) -> tuple[tuple[float, float], Any]:
        start, cpu = time.perf_counter(), time.process_time()
        r = c.get(path, params)
        elapsed = (time.perf_counter() - start, time.process_time() - cpu)
        assert r.status_code == 200, r.content[:300]
        return elapsed, r.json()

    # Warm-up: the first request imports and compiles what the others reuse.
    timed_get(c_admin, "/api/v1/members", {"limit": 100})
    walk: list[tuple[float, float]] = []
    cursor = None
    for _ in range(pages):
        elapsed, body = timed_get(c_admin, "/api/v1/members", {"limit": 100, **({"cursor": cursor} if cursor else {})})
        walk.append(elapsed)
        assert len(body["items"]) == 100
        cursor = body["next"]
    print(f"  page of 100 members, province admin walking by cursor: {_stats(walk)}; load {_load()}")
    sub = [timed_get(c_officer, "/api/v1/members", {"limit": 100, "org": ward.code})[0] for _ in range(pages)]
    print(f"  page of 100 members, ward officer, org={ward.code}: {_stats(sub)}; load {_load()}")
    if roster:
        _roster(c_admin, timed_get)


def _roster(c_admin: Any, timed_get: Any) -> None:

    start = time.perf_counter()
    rows: list[dict[str, Any]] = []
    cursor = None
    while True:
        _e, body = timed_get(c_admin, "/api/v1/members", {"limit": 500, **({"cursor": cursor} if cursor else {})})
        for m in body["items"]:
            row = {k: m[k] for k in ("card_number", "full_name", "date_of_birth", "gender", "ethnicity", "joined_on")}
            row.update(official_on=m["official_on"], cell=m["cell_code"], party_position=m["party_position"])
            rows.append(row)
        cursor = body["next"]
        if not cursor:
            break
    print(
        f"  read the whole register through the API (500 a page): {len(rows):,} in {time.perf_counter() - start:.1f} s"
    )
    for n, row in enumerate(rows):
        if n % 10 == 0:
            row["party_position"] = "Chi ủy viên" if row["party_position"] != "Chi ủy viên" else "Đảng viên"
    payload = json.dumps({"members": rows}, ensure_ascii=False)
    for label in ("roster sync, every 10th member changed", "same roster again, nothing changed"):
        load = _load()
        start, cpu = time.perf_counter(), time.process_time()
        r = c_admin.post("/api/v1/roster-sync", payload, content_type="application/json")
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
        assert r.status_code == 200, r.content[:500]
        print(
            f"  {label}: {len(rows):,} rows ({len(payload) / 1e6:.1f} MB) in {elapsed:.1f} s (cpu {cpu:.1f} s) "
            f"-> {r.json()}; load {load}"
        )


if __name__ == "__main__":
    main()
