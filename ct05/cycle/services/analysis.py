"""Background analysis of a subtree and year (`ct05 analyze`, the button on the indicators page).

Recomputes every verdict (engine `assess`), the year's shingle baseline, every fingerprint and its band
keys, every verified pair inside the analysed subtree, and the per-cell indicators. Designed for a province
(~250,000 commitments) in well under two minutes: texts are judged and fingerprinted in chunks, rows are
written with one executemany (SQLite) or COPY (PostgreSQL) per chunk, and candidate pairs come from
sorting the band-key matrix, never from comparing texts two by two.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable
from typing import Any

import numpy as np
from django.db import connection, transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from ct05.cycle import quality
from ct05.cycle.models import CellIndicator, CheckIn, Commitment, Registration, SimilarPair, Topic
from ct05.orgs.models import Member, Organization
from ct05.textcheck.minhash import band_key_matrix
from ct05.textcheck.pairs import DEFAULT_THRESHOLD, fingerprints

CHUNK = 10_000
# A band bucket shared by more texts than this is a stock phrase everyone wrote, not a copy between two
# people; it would make O(n²) candidates. Such texts are still judged generic by `assess`.
MAX_BUCKET = 200
Progress = Callable[[str, int, int], None]


def _templates_by_org(year: int, org_paths: dict[int, str]) -> dict[int, tuple[str, ...]]:
    topics = list(
        Topic.objects.filter(year_from__lte=year, year_to__gte=year).values_list(
            "organization_id", "title", "full_text"
        )
    )
    general = tuple(t for o, title, body in topics if o is None for t in (title, body) if t)
    by_unit: dict[int, list[str]] = {}
    for o, title, body in topics:
        if o is not None:
            by_unit.setdefault(o, []).extend(t for t in (title, body) if t)
    out: dict[int, tuple[str, ...]] = {}
    for org_id, path in org_paths.items():
        ancestors = [int(s) for s in path.strip("/").split("/") if s]
        out[org_id] = general + tuple(t for a in ancestors for t in by_unit.get(a, ()))
    return out


def _write_chunk(rows: list[tuple[Any, ...]], bands: list[tuple[int, int, int]]) -> None:
    """rows: (score, verdict, reasons json, engine, checked_at, fp_key, fingerprint, id)."""
    table = Commitment._meta.db_table
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            raw = cur.cursor
            raw.execute(
                "CREATE TEMP TABLE IF NOT EXISTS _cycle_q (score smallint, verdict varchar(16), reasons jsonb, "
                "engine varchar(40), checked timestamptz, fpk varchar(64), fp bytea, id bigint) ON COMMIT DROP"
            )
            raw.execute("TRUNCATE _cycle_q")
            with raw.copy("COPY _cycle_q FROM STDIN") as copy:
                for r in rows:
                    copy.write_row(r)
            raw.execute(
                f"UPDATE {table} c SET score=q.score, verdict=q.verdict, reasons=q.reasons, engine_version=q.engine, "
                "checked_at=q.checked, fp_key=q.fpk, fingerprint=q.fp, max_similarity=NULL FROM _cycle_q q "
                "WHERE c.id=q.id"
            )
            with raw.copy("COPY cycle_commitmentband (year, key, commitment_id) FROM STDIN") as copy:
                for b in bands:
                    copy.write_row(b)
        else:
            cur.executemany(
                f"UPDATE {table} SET score=%s, verdict=%s, reasons=%s, engine_version=%s, checked_at=%s, fp_key=%s, "
                "fingerprint=%s, max_similarity=NULL WHERE id=%s",
                rows,
            )
            cur.executemany("INSERT INTO cycle_commitmentband (year, key, commitment_id) VALUES (%s, %s, %s)", bands)


def _candidate_pairs(keys: np.ndarray, valid: np.ndarray) -> np.ndarray:
    """Pairs (i, j), i < j, of row indices sharing a band key in any band; buckets above MAX_BUCKET skipped."""
    found: list[np.ndarray] = []
    rows = np.flatnonzero(valid)
    for j in range(keys.shape[1]):
        col = keys[rows, j]
        order = np.argsort(col, kind="stable")
        k = col[order]
        if k.size < 2:
            continue
        boundaries = np.flatnonzero(np.diff(k)) + 1
        starts = np.concatenate(([0], boundaries))
        ends = np.concatenate((boundaries, [k.size]))
        sizes = ends - starts
        for s, e in zip(
            starts[(sizes >= 2) & (sizes <= MAX_BUCKET)].tolist(),
            ends[(sizes >= 2) & (sizes <= MAX_BUCKET)].tolist(),
            strict=True,
        ):
            members = np.sort(rows[order[s:e]])
            ii, jj = np.triu_indices(members.size, 1)
            found.append(np.stack((members[ii], members[jj]), axis=1))
    if not found:
        return np.zeros((0, 2), np.int64)
    return np.unique(np.concatenate(found), axis=0)


def analyze(*, year: int, org: Organization | None = None, progress: Progress | None = None) -> dict[str, Any]:
    """Run the whole analysis; returns figures for the job page and the command."""
    t0 = time.perf_counter()
    timings: dict[str, float] = {}
    report = progress or (lambda phase, done, total: None)
    year_qs = Commitment.objects.filter(registration__year=year)
    scope_qs = year_qs.filter(registration__organization__path__startswith=org.path) if org else year_qs

    corpus = list(year_qs.values_list("content", flat=True).iterator(chunk_size=20_000))
    baseline = quality.baseline_store(year=year, corpus=corpus)
    del corpus
    timings["baseline"] = time.perf_counter() - t0

    rows_meta = list(
        scope_qs.order_by("pk")
        .values_list("pk", "content", "registration__organization_id", "duty__text")
        .iterator(chunk_size=20_000)
    )
    total = len(rows_meta)
    report("assess", 0, total)
    org_paths = dict(Organization.objects.filter(pk__in={r[2] for r in rows_meta}).values_list("pk", "path"))
    templates = _templates_by_org(year, org_paths)
    ids = np.fromiter((r[0] for r in rows_meta), np.int64, total)
    all_keys = np.zeros((total, baseline.params.bands), np.int64)
    valid = np.zeros(total, np.bool_)
    shingles: list[np.ndarray] = []
    now = timezone.now()
    checked = now if connection.vendor == "postgresql" else connection.ops.adapt_datetimefield_value(now)
    t_assess = t_fp = t_write = 0.0
    verdicts: dict[str, int] = {}
    with transaction.atomic():
        id_list = ids.tolist()
        with connection.cursor() as cur:
            if org is None:
                cur.execute("DELETE FROM cycle_commitmentband WHERE year = %s", [year])
            else:
                for s in range(0, len(id_list), 900):
                    part = id_list[s : s + 900]
                    marks = ",".join(["%s"] * len(part))
                    cur.execute(f"DELETE FROM cycle_commitmentband WHERE commitment_id IN ({marks})", part)
        for start in range(0, total, CHUNK):
            chunk = rows_meta[start : start + CHUNK]
            t1 = time.perf_counter()
            judged = [
                quality.judge(text, duty=duty, templates=templates.get(org_id, ())) for _pk, text, org_id, duty in chunk
            ]
            t2 = time.perf_counter()
            fps = fingerprints([r[1] for r in chunk], drop=baseline.drop, params=baseline.params)
            sig = np.stack([fp.signature for fp in fps])
            keys = band_key_matrix(sig, baseline.params).view(np.int64)
            t3 = time.perf_counter()
            rows: list[tuple[Any, ...]] = []
            bands: list[tuple[int, int, int]] = []
            for i, (r, j, fp) in enumerate(zip(chunk, judged, fps, strict=True)):
                verdicts[j.verdict] = verdicts.get(j.verdict, 0) + 1
                rows.append(
                    (
                        j.score,
                        j.verdict,
                        json.dumps(j.reasons, ensure_ascii=False),
                        quality.ENGINE_VERSION,
                        checked,
                        baseline.key,
                        fp.to_bytes(),
                        r[0],
                    )
                )
                shingles.append(fp.shingles)
                if not fp.is_empty():
                    valid[start + i] = fp.shingles.size >= quality.MIN_SHINGLES
                    all_keys[start + i] = keys[i]
                    bands.extend((year, int(k), r[0]) for k in set(keys[i].tolist()))
            bands.sort()  # index order: B-tree inserts in key order are several times faster
            _write_chunk(rows, bands)
            t_assess += t2 - t1
            t_fp += t3 - t2
            t_write += time.perf_counter() - t3
            report("assess", min(start + CHUNK, total), total)
        timings.update(assess=t_assess, fingerprint=t_fp, write=t_write)

        t4 = time.perf_counter()
        report("pairs", total, total)
        candidates = _candidate_pairs(all_keys, valid)
        pairs: list[tuple[int, int, float]] = []
        for i, j in candidates.tolist():
            a, b = shingles[i], shingles[j]
            inter = np.intersect1d(a, b, assume_unique=True).size
            union = a.size + b.size - inter
            if union and inter >= DEFAULT_THRESHOLD * union - 1e-9:
                pairs.append((i, j, inter / union))
        timings["pairs"] = time.perf_counter() - t4

        t5 = time.perf_counter()
        scope_set = set(id_list)
        if org is None:
            SimilarPair.objects.filter(year=year).delete()
        else:
            stale = []
            for s in range(0, len(id_list), 900):
                for pk, b in SimilarPair.objects.filter(a_id__in=id_list[s : s + 900]).values_list("pk", "b_id"):
                    if b in scope_set:
                        stale.append(pk)
            for s in range(0, len(stale), 900):
                SimilarPair.objects.filter(pk__in=stale[s : s + 900]).delete()
        best: dict[int, float] = {}
        objs = []
        for pa, pb, sim in pairs:
            sa, sb = quality.spans(rows_meta[pa][1], rows_meta[pb][1], baseline)
            objs.append(
                SimilarPair(year=year, a_id=int(ids[pa]), b_id=int(ids[pb]), similarity=sim, spans_a=sa, spans_b=sb)
            )
            for k in (int(ids[pa]), int(ids[pb])):
                best[k] = max(best.get(k, 0.0), sim)
        SimilarPair.objects.bulk_create(objs, batch_size=2000, ignore_conflicts=True)
        if org is not None:  # pairs with commitments outside the subtree, kept from earlier runs, still count
            for s in range(0, len(id_list), 900):
                part = id_list[s : s + 900]
                for a, b, sim in SimilarPair.objects.filter(Q(a_id__in=part) | Q(b_id__in=part)).values_list(
                    "a_id", "b_id", "similarity"
                ):
                    for k in (a, b):
                        if k in scope_set:
                            best[k] = max(best.get(k, 0.0), sim)
        by_sim: dict[float, list[int]] = {}
        for k, sim in best.items():
            by_sim.setdefault(round(sim, 4), []).append(k)
        for sim, pks in by_sim.items():
            for s in range(0, len(pks), 500):
                Commitment.objects.filter(pk__in=pks[s : s + 500]).update(max_similarity=sim)
        timings["store_pairs"] = time.perf_counter() - t5

        t6 = time.perf_counter()
        report("indicators", total, total)
        cells = indicators_store(year=year, org=org)
        timings["indicators"] = time.perf_counter() - t6
    timings["total"] = time.perf_counter() - t0
    return {
        "year": year,
        "organization": org.code if org else "",
        "commitments": total,
        "verdicts": verdicts,
        "candidates": int(candidates.shape[0]),
        "pairs": len(pairs),
        "cells": cells,
        "seconds": {k: round(v, 2) for k, v in timings.items()},
    }


def indicators_store(*, year: int, org: Organization | None = None) -> int:
    """Recompute the per-cell indicators of the subtree (or the whole province) for the year."""
    cells = Organization.objects.filter(kind__is_cell=True)
    if org is not None:
        cells = cells.filter(path__startswith=org.path)
    cell_ids = list(
        cells.filter(Q(active_to__isnull=True) | Q(active_to__gte=dt.date(year, 1, 1))).values_list("pk", flat=True)
    )
    figures: dict[int, dict[str, int]] = {c: {} for c in cell_ids}

    def put(rows: Any, key: str, *fields: str) -> None:
        for row in rows:
            cid = row[key]
            if cid in figures:
                for f in fields:
                    figures[cid][f] = row[f]

    members = Member.objects.filter(status=Member.Status.ACTIVE, is_exempt=False, cell_id__in=cell_ids)
    put(members.values("cell_id").annotate(members=Count("id")), "cell_id", "members")
    regs = Registration.objects.filter(year=year, member__isnull=False, organization_id__in=cell_ids).exclude(
        status__in=Registration.EDITABLE
    )
    has_checkin = CheckIn.objects.filter(commitment__registration=OuterRef("pk"))
    put(
        regs.annotate(ci=Exists(has_checkin))
        .values("organization_id")
        .annotate(
            registered=Count("member_id", distinct=True),
            registrations=Count("id"),
            checked_in=Count("id", filter=Q(ci=True)),
            self_assessed=Count("id", filter=Q(status__in=["self_assessed", "assessed", "locked"])),
        ),
        "organization_id",
        "registered",
        "registrations",
        "checked_in",
        "self_assessed",
    )
    commitments = Commitment.objects.filter(registration__in=regs)
    put(
        commitments.values("registration__organization_id").annotate(
            commitments=Count("id"),
            specific=Count("id", filter=Q(verdict="specific")),
            copied=Count("id", filter=Q(max_similarity__isnull=False)),
            linked=Count("id", filter=Q(duty__isnull=False)),
            with_deadline=Count("id", filter=Q(deadline__isnull=False) | ~Q(milestones="")),
        ),
        "registration__organization_id",
        "commitments",
        "specific",
        "copied",
        "linked",
        "with_deadline",
    )
    CellIndicator.objects.filter(year=year, organization_id__in=cell_ids).delete()
    CellIndicator.objects.bulk_create(
        [CellIndicator(year=year, organization_id=c, **f) for c, f in figures.items()], batch_size=2000
    )
    return len(cell_ids)
