"""`ct05 seed province` and `ct05 seed national`: bulk data for load tests and benchmarks.

Rows are generated as a stream (ct05.seed.bulk.layout yields one grassroots unit at a time) and written in
batches, each in its own transaction, so memory stays flat whatever the number of members. Ids are allocated
here, above the current maximum, so that a unit's materialized path (parent path + own segment, as
ct05.orgs.models.path_segment spells it) is known before the row is written and no second pass is needed;
the PostgreSQL sequences are moved past them at the end. On PostgreSQL rows go through COPY; elsewhere
through bulk_create. The services are not used (one audit event per row would double the work): one
AuditEvent summarises each run.
"""

from __future__ import annotations

import datetime as dt
import functools
import queue
import random
import resource
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.management.color import no_style
from django.db import connection, models, transaction

from ct05.core.audit import record
from ct05.core.text import fold, name_sort_key
from ct05.orgs.models import Duty, Member, Organization, OrgKind, Sector, path_segment
from ct05.seed.bulk import layout, places
from ct05.seed.people import CellContext, cell_people
from ct05.seed.pools import PROFILES

SEED = 5
PROVINCE_MEMBERS = 50_000
PROVINCE_CODE = "DIENBIEN"
PROVINCE_CARD_PREFIX = "62"  # Điện Biên's old province number
REF_DATE = dt.date(2026, 1, 15)  # as in the demo: ages and dates are drawn before it
FOUNDED = dt.date(2016, 1, 1)
NATION_CODE = "VN{:02d}"

ORG_COLS = (
    "id",
    "code",
    "name",
    "kind_id",
    "sector_id",
    "parent_id",
    "path",
    "depth",
    "active_from",
    "active_to",
    "search_text",
)
MEMBER_COLS = (
    "id",
    "full_name",
    "date_of_birth",
    "gender",
    "ethnicity",
    "card_number",
    "joined_on",
    "official_on",
    "cell_id",
    "party_position",
    "government_position",
    "is_key_leader",
    "is_exempt",
    "status",
    "user_id",
    "sort_key",
    "search_text",
)
DUTY_COLS = ("member_id", "text", "started_on", "ended_on")

Row = tuple[Any, ...]


class SeedConflict(Exception):
    pass


@dataclass
class Stats:
    label: str
    target: int
    organizations: int = 0
    grassroots: int = 0
    cells: int = 0
    members: int = 0
    duties: int = 0
    # Time the generator waited on the database: all the writing, or only the back-pressure when pipelined.
    write_seconds: float = 0.0
    started: float = field(default_factory=time.perf_counter)

    @property
    def seconds(self) -> float:
        return time.perf_counter() - self.started

    def progress(self) -> str:
        rate = self.members / self.seconds if self.seconds else 0.0
        return (
            f"  {self.members:>10,}/{self.target:,} đảng viên · {self.organizations:,} tổ chức · "
            f"{self.duties:,} nhiệm vụ · {self.seconds:.1f}s (chờ CSDL {self.write_seconds:.1f}s) · {rate:,.0f} đv/s · "
            f"RSS {rss_mb():.0f} MB (đỉnh {peak_rss_mb():.0f} MB)"
        )

    def summary(self) -> str:
        return (
            f"seed {self.label}: {self.members:,} đảng viên, {self.duties:,} nhiệm vụ, {self.organizations:,} tổ chức "
            f"({self.grassroots:,} tổ chức cơ sở đảng, {self.cells:,} chi bộ) trong {self.seconds:.1f}s; "
            f"RSS đỉnh {peak_rss_mb():.0f} MB."
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "members": self.members,
            "duties": self.duties,
            "organizations": self.organizations,
            "grassroots": self.grassroots,
            "cells": self.cells,
            "seconds": round(self.seconds, 1),
        }


def rss_mb() -> float:
    """Current resident memory, from /proc (Linux); 0 where unavailable."""
    try:
        with open("/proc/self/statm") as f:
            pages = int(f.read().split()[1])
    except OSError:
        return 0.0
    return pages * resource.getpagesize() / 2**20


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


# Names repeat a lot (a few thousand family/middle/given combinations per ethnicity), so their derived
# sort key and folded form are cached; the cache is bounded, so memory stays flat on a national run.
@functools.lru_cache(maxsize=50_000)
def _derived(full_name: str) -> tuple[str, str]:
    return name_sort_key(full_name), fold(full_name)


class Writer:
    """bulk_create, in one transaction per batch: works on every database Django supports."""

    def __init__(self) -> None:
        self.max_rows = 2000

    def close(self) -> None:
        """Wait until every batch is written."""

    def write(self, orgs: list[Row], members: list[Row], duties: list[Row]) -> None:
        with transaction.atomic():
            self._insert(Organization, ORG_COLS, orgs)
            self._insert(Member, MEMBER_COLS, members)
            self._insert(Duty, DUTY_COLS, duties)

    def _insert(self, model: type[models.Model], cols: Sequence[str], rows: list[Row]) -> None:
        objs = [model(**dict(zip(cols, row, strict=True))) for row in rows]
        model._default_manager.bulk_create(objs, batch_size=self.max_rows)


class CopyWriter(Writer):
    """PostgreSQL COPY through psycopg: several times faster than INSERT for millions of rows."""

    def _insert(self, model: type[models.Model], cols: Sequence[str], rows: list[Row]) -> None:
        if not rows:
            return
        table = connection.ops.quote_name(model._meta.db_table)
        columns = ", ".join(connection.ops.quote_name(c) for c in cols)
        with connection.cursor() as cursor, cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)


class PipelinedWriter(Writer):
    """Writes batches on a second thread (with its own connection) while the next batch is generated:
    generation is Python work and COPY mostly waits on the server, so the two overlap. At most two batches
    are in memory (one being written, one queued), so memory stays bounded."""

    def __init__(self, inner: Writer) -> None:
        super().__init__()
        self.inner = inner
        self.queue: queue.Queue[tuple[list[Row], list[Row], list[Row]] | None] = queue.Queue(maxsize=1)
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._work, name="seed-writer", daemon=True)
        self.thread.start()

    def _work(self) -> None:
        try:
            while (item := self.queue.get()) is not None:
                if self.error is None:
                    self.inner.write(*item)
        except BaseException as exc:  # re-raised on the main thread by write() or close()
            self.error = exc
            while self.queue.get() is not None:  # drain so the producer never blocks forever
                pass
        finally:
            connection.close()  # the thread's own connection

    def write(self, orgs: list[Row], members: list[Row], duties: list[Row]) -> None:
        if self.error is not None:
            raise self.error
        self.queue.put((orgs, members, duties))

    def close(self) -> None:
        self.queue.put(None)
        self.thread.join()
        if self.error is not None:
            raise self.error


def make_writer(*, pipelined: bool = False) -> Writer:
    if connection.vendor != "postgresql":
        return Writer()
    # Inside a caller's transaction (a test, an outer atomic block) the rows must belong to it, and another
    # thread's connection cannot join it: write on this thread.
    if pipelined and not connection.in_atomic_block:
        return PipelinedWriter(CopyWriter())
    return CopyWriter()


class Ids:
    """Ids handed out above the current maximum, so paths can be computed before rows are written."""

    def __init__(self, model: type[models.Model]) -> None:
        self.next = (model._default_manager.aggregate(m=models.Max("pk"))["m"] or 0) + 1

    def take(self) -> int:
        self.next += 1
        return self.next - 1


@dataclass
class Root:
    code: str
    name: str
    card_prefix: str
    blocs: list[places.Bloc]
    members: int


class Generator:
    """Turns plans into rows and hands them to the writer every `batch` members."""

    def __init__(
        self, *, rng: random.Random, writer: Writer, batch: int, stats: Stats, log: Callable[[str], None]
    ) -> None:
        self.rng = rng
        self.writer = writer
        self.batch = batch
        self.stats = stats
        self.log = log
        self.kinds = dict(OrgKind.objects.values_list("code", "pk"))
        self.sectors = dict(Sector.objects.values_list("code", "pk"))
        self.org_ids = Ids(Organization)
        self.member_ids = Ids(Member)
        self.orgs: list[Row] = []
        self.members: list[Row] = []
        self.duties: list[Row] = []
        self.first_root: int | None = None

    def org(
        self,
        *,
        code: str | None,
        name: str,
        kind: str,
        sector: str | None,
        parent: tuple[int, str] | None,
        root_code: str,
    ) -> tuple[int, str]:
        pk = self.org_ids.take()
        path = (parent[1] if parent else "") + path_segment(pk)
        code = code or f"{root_code}-{pk}"
        self.orgs.append(
            (
                pk,
                code,
                name,
                self.kinds[kind],
                self.sectors[sector] if sector else None,
                parent[0] if parent else None,
                path,
                path.count("/") - 1,
                FOUNDED,
                None,
                fold(f"{name} {code}")[:300],
            )
        )
        self.stats.organizations += 1
        return pk, path

    def cell_members(self, cell_id: int, plan: layout.CellPlan, unit: str, mix: str, card_prefix: str) -> None:
        ctx = CellContext(place=plan.place, unit=unit, mix=mix)
        for p in cell_people(self.rng, PROFILES[plan.profile], plan.size, ctx, ref=REF_DATE, max_duties=2):
            pk = self.member_ids.take()
            # Card numbers: the province prefix and the member id, so they are unique across runs.
            card = f"{card_prefix}{pk:08d}"
            sort_key, folded = _derived(p.full_name)
            self.members.append(
                (
                    pk,
                    p.full_name,
                    p.date_of_birth,
                    p.gender,
                    p.ethnicity,
                    card,
                    p.joined_on,
                    p.official_on,
                    cell_id,
                    p.party_position,
                    p.government_position,
                    p.is_key_leader,
                    p.is_exempt,
                    str(Member.Status.ACTIVE),
                    None,
                    sort_key,
                    f"{folded} {card}"[:300],
                )
            )
            for text, start, end in p.duties:
                self.duties.append((pk, text, start, end))
            self.stats.members += 1
            self.stats.duties += len(p.duties)

    def flush(self, *, force: bool = False) -> None:
        if not force and len(self.members) < self.batch:
            return
        t0 = time.perf_counter()
        self.writer.write(self.orgs, self.members, self.duties)
        self.stats.write_seconds += time.perf_counter() - t0
        self.orgs, self.members, self.duties = [], [], []
        self.log(self.stats.progress())

    def root(self, root: Root) -> None:
        root_id = self.org(
            code=root.code, name=root.name, kind="tinh-uy", sector=None, parent=None, root_code=root.code
        )
        if self.first_root is None:
            self.first_root = root_id[0]
        budgets = layout.split_budget(root.members, [b.weight for b in root.blocs])
        for bloc, budget in zip(root.blocs, budgets, strict=True):
            if budget <= 0:
                continue
            sector = "xa-phuong" if bloc.kind in {"district", "city"} else None
            bloc_id = self.org(
                code=None, name=bloc.name, kind="dang-bo-truc-thuoc", sector=sector, parent=root_id, root_code=root.code
            )
            district = layout.unit_of(bloc.name).split(" ", 1)[-1] if bloc.kind in {"district", "city"} else ""
            namer = layout.Namer(self.rng, district or layout.unit_of(root.name), bloc.communes)
            for plan in layout.grassroots(self.rng, bloc.kind, namer, budget):
                self.unit(plan, bloc_id, root, bloc.mix)
                self.flush()

    def unit(self, plan: layout.UnitPlan, parent: tuple[int, str], root: Root, mix: str) -> None:
        self.stats.grassroots += 1
        unit_id = self.org(
            code=None, name=plan.name, kind=plan.kind, sector=plan.sector, parent=parent, root_code=root.code
        )
        unit = layout.unit_of(plan.name)
        if plan.is_cell:
            self.stats.cells += 1
            self.cell_members(unit_id[0], plan.cells[0], unit, mix, root.card_prefix)
            return
        for cell in plan.cells:
            self.stats.cells += 1
            cell_id = self.org(
                code=None,
                name=cell.name,
                kind="chi-bo-truc-thuoc",
                sector=cell.sector,
                parent=unit_id,
                root_code=root.code,
            )
            self.cell_members(cell_id[0], cell, unit, mix, root.card_prefix)


def _reset_sequences() -> None:
    """Move the id sequences past the ids written here (PostgreSQL; SQLite follows max(rowid) itself)."""
    statements = connection.ops.sequence_reset_sql(no_style(), [Organization, Member, Duty])
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


def _run(
    label: str,
    roots: Iterator[Root],
    *,
    target: int,
    batch: int,
    seed: int,
    log: Callable[[str], None],
    pipelined: bool = False,
) -> Stats:
    stats = Stats(label=label, target=target)
    writer = make_writer(pipelined=pipelined)
    gen = Generator(rng=random.Random(seed), writer=writer, batch=batch, stats=stats, log=log)
    log(f"seed {label}: {target:,} đảng viên, lô {batch:,}, cơ sở dữ liệu {connection.vendor}")
    try:
        for root in roots:
            gen.root(root)
        gen.flush(force=True)
    finally:
        writer.close()
    _reset_sequences()
    _derived.cache_clear()
    if gen.first_root is not None:
        first = Organization.objects.get(pk=gen.first_root)
        record(
            actor=None,
            action=f"seed.{label}",
            target=first,
            organization_id=first.pk,
            after=stats.as_dict(),
            note=f"ct05 seed {label}: dữ liệu mẫu sinh tự động (seed={seed})",
        )
    return stats


def seed_province(
    *,
    members: int = PROVINCE_MEMBERS,
    code: str = PROVINCE_CODE,
    batch: int = 20_000,
    seed: int = SEED,
    log: Callable[[str], None] = print,
) -> Stats:
    """One province shaped like Điện Biên before July 2025: 15 party committees under the Tỉnh ủy."""
    if Organization.objects.filter(code=code).exists():
        raise SeedConflict(
            f"Đã có tổ chức mã {code} (có thể từ `ct05 seed demo`). Dùng cơ sở dữ liệu trống hoặc chọn mã khác: "
            f"`ct05 seed province --code DIENBIEN2`."
        )
    root = Root(
        code=code,
        name="Tỉnh ủy Điện Biên",
        card_prefix=PROVINCE_CARD_PREFIX,
        blocs=list(places.PROVINCE_BLOCS),
        members=members,
    )
    # All or nothing: a province is small enough for one transaction (each batch is a savepoint in it).
    with transaction.atomic():
        return _run("province", iter([root]), target=members, batch=batch, seed=seed, log=log)


def seed_national(*, members: int, batch: int = 20_000, seed: int = SEED, log: Callable[[str], None] = print) -> Stats:
    """34 provinces and cities, `members` members split by their size; streamed batch by batch, each batch
    committed, so memory is bounded for any N (5,600,000 included)."""
    codes = [NATION_CODE.format(i + 1) for i in range(len(places.NATION))]
    taken = list(Organization.objects.filter(code__in=codes).values_list("code", flat=True)[:3])
    if taken:
        raise SeedConflict(
            f"Đã có tổ chức mã {', '.join(taken)}: dữ liệu toàn quốc đã được tạo. Dùng cơ sở dữ liệu trống."
        )
    budgets = layout.split_budget(members, [w for _n, w in places.NATION])
    rng = random.Random(seed + 1)

    def roots() -> Iterator[Root]:
        for i, ((name, _w), budget) in enumerate(zip(places.NATION, budgets, strict=True)):
            if budget > 0:
                yield Root(
                    code=codes[i],
                    name=name,
                    card_prefix=f"{i + 1:02d}",
                    blocs=layout.nation_blocs(rng, name, budget),
                    members=budget,
                )

    return _run("national", roots(), target=members, batch=batch, seed=seed, log=log, pipelined=True)
