"""Benchmark of the bulk seeds: wall time and peak memory (RSS) of `ct05 seed province` on a fresh SQLite
file, and of `ct05 seed national --members N` on a fresh PostgreSQL database, each in its own process.

Peer, measured in the same run: the same member rows written one at a time through the services
(`member_create` + `duty_add`, one transaction and one audit event each), the path an import or a form takes.

    .venv/bin/python bench/seed_bench.py                          # province + national 100,000
    .venv/bin/python bench/seed_bench.py --national 100000 --national 500000
    .venv/bin/python bench/seed_bench.py --no-postgres            # SQLite only

PostgreSQL: the local server (127.0.0.1:5432, user postgres, trust auth, as in .ci/run); a uniquely named
database is created and dropped.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
CT05 = str(BIN / "ct05")
PG = ["-h", "127.0.0.1", "-U", "postgres"]

# Writes `count` members with 1-2 duties each through the services, in a fresh province, and prints the time.
SERVICES_PEER = """
import datetime as dt, os, random, sys, time
import django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ct05.settings")
os.environ.setdefault("SECRET_KEY", os.urandom(40).hex())  # DEBUG is off here: a real key is required
django.setup()
from ct05.orgs.models import OrgKind
from ct05.orgs.services.structure import duty_add, member_create, organization_create
from ct05.seed.people import CellContext, cell_people
from ct05.seed.pools import PROFILES
count = int(sys.argv[1])
rng = random.Random(1)
root = organization_create(actor=None, code="PEER", name="Tỉnh ủy", kind=OrgKind.objects.get(code="tinh-uy"),
                           parent=None)
cell = organization_create(actor=None, code="PEER-1", name="Chi bộ", kind=OrgKind.objects.get(code="chi-bo-co-so"),
                           parent=root)
ctx = CellContext(place="tổ dân phố 1", unit="phường Mường Thanh", mix="city")
people = list(cell_people(rng, PROFILES["residential"], count, ctx, ref=dt.date(2026, 1, 15)))
start = time.perf_counter()
for i, p in enumerate(people):
    m = member_create(actor=None, full_name=p.full_name, date_of_birth=p.date_of_birth, gender=p.gender,
                      ethnicity=p.ethnicity, card_number=f"P{i:08d}", joined_on=p.joined_on,
                      official_on=p.official_on, cell=cell)
    for text, s, e in p.duties:
        duty_add(actor=None, member=m, text=text, started_on=s, ended_on=e)
print(f"{time.perf_counter() - start:.3f}")
"""


@dataclass
class Result:
    name: str
    database: str
    members: int
    seconds: float
    peak_rss_mb: float

    @property
    def rate(self) -> float:
        return self.members / self.seconds if self.seconds else 0.0

    def row(self) -> str:
        return (
            f"| {self.name} | {self.database} | {self.members:,} | {self.seconds:.1f} | {self.rate:,.0f} | "
            f"{self.peak_rss_mb:.0f} |"
        )


def run(args: list[str], env: dict[str, str], *, echo: bool = True) -> tuple[float, float, str]:
    """Run a process; return its wall time, its own peak RSS in MB (os.wait4), and its stdout."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, env=env, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    out: list[str] = []
    for line in proc.stdout:
        out.append(line)
        if echo:
            print("   ", line.rstrip(), flush=True)
    _pid, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed with {proc.returncode}")
    return time.perf_counter() - start, usage.ru_maxrss / 1024, "".join(out)


def env_for(url: str) -> dict[str, str]:
    env = dict(os.environ, DATABASE_URL=url, DJANGO_SETTINGS_MODULE="ct05.settings")
    env.pop("DEBUG", None)
    env.setdefault("SECRET_KEY", os.urandom(40).hex())  # DEBUG off needs a real key
    return env


def bench_sqlite(members: int, peer: int) -> list[Result]:
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="ct05-seed-bench-") as tmp:
        env = env_for(f"sqlite:///{tmp}/province.sqlite3")
        run([CT05, "migrate", "--no-input", "-v0"], env, echo=False)
        print(f"ct05 seed province --members {members} (SQLite)")
        seconds, rss, _out = run([CT05, "seed", "province", "--members", str(members)], env)
        results.append(Result("seed province", "SQLite", members, seconds, rss))
        if peer:
            env = env_for(f"sqlite:///{tmp}/peer.sqlite3")
            run([CT05, "migrate", "--no-input", "-v0"], env, echo=False)
            _wall, rss, out = run([sys.executable, "-c", SERVICES_PEER, str(peer)], env, echo=False)
            results.append(Result("peer: services, row by row", "SQLite", peer, float(out.strip()), rss))
    return results


def bench_postgres(sizes: list[int], peer: int) -> list[Result]:
    results: list[Result] = []
    for n in sizes:
        name = f"ct05_seed_bench_{uuid.uuid4().hex[:8]}"
        subprocess.run(["createdb", *PG, name], check=True)
        try:
            env = env_for(f"postgres://postgres@127.0.0.1:5432/{name}")
            run([CT05, "migrate", "--no-input", "-v0"], env, echo=False)
            print(f"ct05 seed national --members {n} (PostgreSQL)")
            seconds, rss, _out = run([CT05, "seed", "national", "--members", str(n)], env)
            results.append(Result("seed national", "PostgreSQL", n, seconds, rss))
        finally:
            subprocess.run(["dropdb", *PG, "--if-exists", name], check=True)
    if peer:
        name = f"ct05_seed_bench_{uuid.uuid4().hex[:8]}"
        subprocess.run(["createdb", *PG, name], check=True)
        try:
            env = env_for(f"postgres://postgres@127.0.0.1:5432/{name}")
            run([CT05, "migrate", "--no-input", "-v0"], env, echo=False)
            _wall, rss, out = run([sys.executable, "-c", SERVICES_PEER, str(peer)], env, echo=False)
            results.append(Result("peer: services, row by row", "PostgreSQL", peer, float(out.strip()), rss))
        finally:
            subprocess.run(["dropdb", *PG, "--if-exists", name], check=True)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--province-members", type=int, default=50_000)
    parser.add_argument("--national", type=int, action="append", help="members of a national run (repeatable)")
    parser.add_argument("--peer", type=int, default=2_000, help="members written through the services (0: skip)")
    parser.add_argument("--no-postgres", action="store_true")
    opts = parser.parse_args()
    results = bench_sqlite(opts.province_members, opts.peer)
    if not opts.no_postgres:
        results += bench_postgres(opts.national or [100_000], opts.peer)
    print()
    print(f"Machine: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}")
    print("| run | database | members | seconds | members/s | peak RSS (MB) |")
    print("| --- | --- | ---: | ---: | ---: | ---: |")
    for r in results:
        print(r.row())
    for db in ("SQLite", "PostgreSQL"):
        bulk = next((r for r in results if r.database == db and not r.name.startswith("peer")), None)
        peer = next((r for r in results if r.database == db and r.name.startswith("peer")), None)
        if bulk and peer:
            print(f"{db}: bulk seed writes members {bulk.rate / peer.rate:.0f}× as fast as the services row by row.")


if __name__ == "__main__":
    main()
