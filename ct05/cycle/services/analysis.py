"""Background analysis of a subtree and year (`ct05 analyze`, the button on the indicators page).

Recomputes every verdict (engine `assess`), the year's shingle baseline, every fingerprint and its band
keys, every verified pair inside the analysed subtree, and the per-cell indicators. Built for a province
(~250,000 commitments; figures in docs/benchmarks-cycle.md):
- each distinct input is judged and fingerprinted once, in chunks, by a pool of processes (ct05.cycle.batch);
- rows are written with one executemany (SQLite) or COPY (PostgreSQL) per chunk while the workers make the
  next chunk; a whole year on SQLite drops the band indexes and rebuilds them once at the end;
- candidate pairs come from sorting band keys of distinct texts (ct05.cycle.pairing), never from comparing
  texts two by two; the overlapping text is highlighted when a pair is shown, not here;
- rows whose text, fingerprint parameters and judgement are unchanged since they were last stored (on
  submit, or by an earlier analysis) are not rewritten: a re-run writes only what changed;
- identical texts are copies found through `Commitment.text_digest`: a group of n is not stored as
  n(n-1)/2 pairs.
"""

from __future__ import annotations

import itertools
import json
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import numpy as np
from django.db import connection, transaction
from django.db.models import Count, Q
from django.utils import timezone

from ct05.cycle import batch, pairing, quality
from ct05.cycle.figures import indicators_store
from ct05.cycle.models import Commitment, CommitmentBand, Registration, SimilarPair, Topic
from ct05.cycle.services.copies import copied_commitments
from ct05.cycle.services.uniform import uniform_refresh
from ct05.orgs.models import Organization
from ct05.textcheck.pairs import DEFAULT_THRESHOLD

# A band bucket shared by more texts than this is a stock phrase everyone wrote, not a copy between two
# people; it would make O(n²) candidates. Such texts are still judged generic by `assess`.
MAX_BUCKET = 200
Progress = Callable[[str, int, int], None]
# Page cache of the SQLite connection while the analysis writes (KiB): holds the band indexes being built.
SQLITE_CACHE_KIB = 512 * 1024


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
    """rows: (score, verdict, reasons json, engine, fp_key, fingerprint, text digest, id)."""
    table = Commitment._meta.db_table
    band_table = CommitmentBand._meta.db_table
    with connection.cursor() as cur:
        raw = cur.cursor
        if connection.vendor == "postgresql":
            raw.execute(
                "CREATE TEMP TABLE IF NOT EXISTS _cycle_q (score smallint, verdict varchar(16), reasons jsonb, "
                "engine varchar(40), fpk varchar(64), fp bytea, digest bigint, id bigint) ON COMMIT DROP"
            )
            raw.execute("TRUNCATE _cycle_q")
            with raw.copy("COPY _cycle_q FROM STDIN") as copy:
                for r in rows:
                    copy.write_row(r)
            raw.execute(
                f"UPDATE {table} c SET score=q.score, verdict=q.verdict, reasons=q.reasons, engine_version=q.engine, "
                "fp_key=q.fpk, fingerprint=q.fp, text_digest=q.digest FROM _cycle_q q WHERE c.id=q.id"
            )
            with raw.copy(f"COPY {band_table} (year, key, commitment_id) FROM STDIN") as copy:
                for b in bands:
                    copy.write_row(b)
        else:
            # The sqlite3 cursor itself: Django's wrapper would rewrite the query for every row.
            raw.executemany(
                f"UPDATE {table} SET score=?, verdict=?, reasons=?, engine_version=?, fp_key=?, fingerprint=?, "
                "text_digest=? WHERE id=?",
                rows,
            )
            raw.executemany(f"INSERT INTO {band_table} (year, key, commitment_id) VALUES (?, ?, ?)", bands)


def _band_rows(year: int, pks: np.ndarray, keys: np.ndarray) -> list[tuple[int, int, int]]:
    """(year, key, commitment) for each distinct key of each commitment, in index order (B-tree inserts in
    key order are several times faster)."""
    k = keys.ravel()
    c = np.repeat(pks, keys.shape[1])
    order = np.lexsort((c, k))
    k, c = k[order], c[order]
    keep = np.ones(k.size, np.bool_)
    keep[1:] = (k[1:] != k[:-1]) | (c[1:] != c[:-1])
    return list(zip(itertools.repeat(year), k[keep].tolist(), c[keep].tolist(), strict=False))


def _band_index_sql(*, create: bool) -> list[str]:
    """The statements that drop or recreate the band indexes, from the model (the schema editor is not
    entered: its transaction handling is not wanted inside the analysis's)."""
    editor = connection.schema_editor()
    qn = connection.ops.quote_name
    return [
        str(ix.create_sql(CommitmentBand, editor)) if create else f"DROP INDEX {qn(ix.name)}"
        for ix in CommitmentBand._meta.indexes
    ]


# What is stored on each analysed row, read before the run: the row is rewritten only if it differs.
_STORED = ("text_digest", "fp_key", "score", "verdict", "reasons", "engine_version", "max_similarity")


@dataclass
class _Plan:
    """The rows of the analysis, with their distinct judge inputs and distinct texts (each computed once),
    and what is stored on each row now."""

    pks: np.ndarray
    texts: list[str]
    judge_of: np.ndarray  # row -> index in judge_items
    judge_items: list[batch.JudgeItem]
    text_of: np.ndarray  # row -> index in distinct
    distinct: list[str]
    templates: list[tuple[str, ...]]
    stored: list[tuple[Any, ...]]  # row -> values of _STORED


def _plan(rows_meta: list[tuple[Any, ...]], templates: dict[int, tuple[str, ...]]) -> _Plan:
    """rows_meta: (pk, content, organization, duty text, *_STORED), in pk order."""
    total = len(rows_meta)
    tmpl_ids: dict[tuple[str, ...], int] = {}
    judge_ids: dict[batch.JudgeItem, int] = {}
    text_ids: dict[str, int] = {}
    judge_of = np.empty(total, np.int64)
    text_of = np.empty(total, np.int64)
    for n, (_pk, text, org_id, duty, *_rest) in enumerate(rows_meta):
        tmpl = tmpl_ids.setdefault(templates.get(org_id, ()), len(tmpl_ids))
        judge_of[n] = judge_ids.setdefault((text, duty, tmpl), len(judge_ids))
        text_of[n] = text_ids.setdefault(text, len(text_ids))
    return _Plan(
        pks=np.fromiter((r[0] for r in rows_meta), np.int64, total),
        texts=[r[1] for r in rows_meta],
        judge_of=judge_of,
        judge_items=list(judge_ids),
        text_of=text_of,
        distinct=list(text_ids),
        templates=list(tmpl_ids),
        stored=[r[4:] for r in rows_meta],
    )


def _in_order(ex: Executor, fn: Callable[[Any], Any], parts: list[Any], ahead: int) -> Iterator[Any]:
    """fn(part) for each part, in order, with at most `ahead` parts computed but not yet consumed (bounded
    memory: a chunk of fingerprints is ~10 MB)."""
    pending: deque[Future[Any]] = deque()
    for part in parts:
        pending.append(ex.submit(fn, part))
        if len(pending) > ahead:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def _read_plan(year: int, scope_qs: Any) -> _Plan:
    """Phase 1: the rows to analyse, in pk order, with the unit templates their judgement compares against."""
    rows_meta = list(
        scope_qs.order_by("pk")
        .values_list("pk", "content", "registration__organization_id", "duty__text", *_STORED)
        .iterator(chunk_size=20_000)
    )
    org_paths = dict(Organization.objects.filter(pk__in={r[2] for r in rows_meta}).values_list("pk", "path"))
    return _plan(rows_meta, _templates_by_org(year, org_paths))


def _fingerprint_fresh(plan: _Plan, key: Any, digests: list[int]) -> np.ndarray:
    """Rows whose stored fingerprint and band keys are those of their current text under this year's filter."""
    return np.fromiter(
        (st[1] == key and st[0] == digests[t] for st, t in zip(plan.stored, plan.text_of.tolist(), strict=True)),
        np.bool_,
        len(plan.texts),
    )


def _judge(ex: Executor, plan: _Plan, report: Progress) -> list[batch.Judged]:
    """Phase 2: every distinct judge input judged once, in the worker processes."""
    total = len(plan.texts)
    judged: list[batch.Judged] = []
    judge_parts = [plan.judge_items[s] for s in batch.chunks(len(plan.judge_items))]
    for part in _in_order(ex, batch.judge_chunk, judge_parts, ahead=len(judge_parts)):
        judged.extend(part)
        report("assess", total * len(judged) // max(1, len(plan.judge_items)), total)
    return judged


def _clear_bands(*, year: int, stale: np.ndarray, full: bool, tuned: bool, rows: int) -> bool:
    """Phase 3a: drop the band rows about to be rewritten (the year's when `full`, else the stale rows').
    Returns whether the band indexes were dropped to be rebuilt once at the end (a whole year rewritten)."""
    table = CommitmentBand._meta.db_table
    with connection.cursor() as cur:
        rebuild = full and tuned and _others(cur, year) < rows
        if rebuild:  # a whole year rewritten: bulk insert, then build each index once by sorting
            for sql in _band_index_sql(create=False):
                cur.execute(sql)
        if full:
            cur.execute(f"DELETE FROM {table} WHERE year = %s", [year])
        else:
            stale_ids = stale.tolist()
            for s in range(0, len(stale_ids), 900):
                part = stale_ids[s : s + 900]
                cur.execute(f"DELETE FROM {table} WHERE commitment_id IN ({','.join(['%s'] * len(part))})", part)
    return rebuild


def baseline_make(year: int) -> quality.Baseline:
    """The year's stock-phrase baseline from every commitment of the year (all provinces), stored."""
    corpus = Commitment.objects.filter(registration__year=year).values_list("content", flat=True)
    return quality.baseline_store(year=year, corpus=list(corpus.iterator(chunk_size=20_000)))


def analyze(
    *,
    year: int,
    org: Organization | None = None,
    progress: Progress | None = None,
    workers: int | None = None,
    baseline: quality.Baseline | None = None,
) -> dict[str, Any]:
    """Run the whole analysis; returns figures for the job page and the command.

    `workers`: processes that judge and fingerprint (default: the machine's cores, at most 4).
    `baseline`: the year's, already made from the whole year's corpus (the provinces of a national run on the
    workers share the one made when the run was queued); by default it is made again here.
    """
    t0 = time.perf_counter()
    c0 = time.process_time()
    timings: dict[str, float] = {}
    report = progress or (lambda phase, done, total: None)
    year_qs = Commitment.objects.filter(registration__year=year)
    scope_qs = year_qs.filter(registration__organization__path__startswith=org.path) if org else year_qs

    if baseline is None:
        baseline = baseline_make(year)
    timings["baseline"] = time.perf_counter() - t0

    plan = _read_plan(year, scope_qs)
    total = len(plan.texts)
    report("assess", 0, total)
    bands_n = baseline.params.bands
    n_texts = len(plan.distinct)
    digests = [quality.text_digest(t) for t in plan.distinct]
    fp_fresh = _fingerprint_fresh(plan, baseline.key, digests)
    n_stale = total - int(fp_fresh.sum())
    full = org is None and n_stale * 2 > total  # most of the year changes: rewrite every band row of it
    text_keys = np.zeros((n_texts, bands_n), np.int64)
    text_nonempty = np.zeros(n_texts, np.bool_)
    text_sigs = np.zeros((n_texts, baseline.params.num_perm), np.uint32)
    shingles: list[np.ndarray] = []
    # Rows grouped by distinct text, so each chunk of fingerprints is written as soon as it is made.
    by_text = np.argsort(plan.text_of, kind="stable")
    text_starts = np.searchsorted(plan.text_of[by_text], np.arange(n_texts + 1))
    verdicts: dict[str, int] = {}
    rewritten = 0
    t_write = 0.0
    size = max(len(plan.judge_items), n_texts)
    ex = batch.pool(size=size, templates=plan.templates, drop=baseline.drop, params=baseline.params, workers=workers)
    with ex, transaction.atomic(), _bulk_session() as tuned:
        t1 = time.perf_counter()
        judged = _judge(ex, plan, report)
        timings["assess"] = time.perf_counter() - t1
        parsed: dict[int, Any] = {}  # judge item -> reasons as stored (JSON parsed), made when first compared

        def unchanged(r: int) -> bool:
            """The row's stored judgement is the one just made (the fingerprint is checked by fp_fresh)."""
            digest, _fpk, score, verdict, reasons, engine, _sim = plan.stored[r]
            j = int(plan.judge_of[r])
            new = judged[j]
            if (score, verdict, engine) != (new[0], new[1], quality.ENGINE_VERSION):
                return False
            if j not in parsed:
                parsed[j] = json.loads(new[2])
            return bool(reasons == parsed[j])

        t2 = time.perf_counter()
        rebuild = _clear_bands(year=year, stale=plan.pks[~fp_fresh], full=full, tuned=tuned, rows=total * bands_n)
        fp_slices = list(batch.chunks(n_texts))
        done = 0
        for sl, fpc in zip(
            fp_slices,
            _in_order(ex, batch.fingerprint_chunk, [plan.distinct[s] for s in fp_slices], ahead=4),
            strict=True,
        ):
            tw = time.perf_counter()
            text_keys[sl] = fpc.keys
            text_nonempty[sl] = fpc.nonempty
            text_sigs[sl] = fpc.signatures
            shingles.extend(fpc.shingles)
            here = np.sort(by_text[text_starts[sl.start] : text_starts[sl.stop]])  # rows, in pk order
            rows: list[tuple[Any, ...]] = []
            for r in here.tolist():
                score, verdict, reasons = judged[plan.judge_of[r]]
                verdicts[verdict] = verdicts.get(verdict, 0) + 1
                if fp_fresh[r] and unchanged(r):
                    continue
                t = int(plan.text_of[r])
                rows.append(
                    (
                        score,
                        verdict,
                        reasons,
                        quality.ENGINE_VERSION,
                        baseline.key,
                        fpc.blobs[t - sl.start],
                        digests[t],
                        int(plan.pks[r]),
                    )
                )
            banded = here if full else here[~fp_fresh[here]]
            indexed = banded[fpc.nonempty[plan.text_of[banded] - sl.start]]
            bands = _band_rows(year, plan.pks[indexed], fpc.keys[plan.text_of[indexed] - sl.start])
            _write_chunk(rows, bands)
            rewritten += len(rows)
            done += here.size
            t_write += time.perf_counter() - tw
            report("fingerprint", done, total)
        if rebuild:
            tw = time.perf_counter()
            with connection.cursor() as cur:
                for sql in _band_index_sql(create=True):
                    cur.execute(sql)
            timings["band_indexes"] = time.perf_counter() - tw
        scope_qs.update(checked_at=timezone.now())  # every verdict was made again, stored changed or not
        timings["write"] = t_write
        timings["fingerprint"] = time.perf_counter() - t2 - t_write - timings.get("band_indexes", 0.0)

        t4 = time.perf_counter()
        report("pairs", total, total)
        pairable = text_nonempty & (np.fromiter((s.size for s in shingles), np.int64, n_texts) >= quality.MIN_SHINGLES)
        found = pairing.text_pairs(
            text_keys,
            pairable,
            np.diff(text_starts),  # rows per text
            shingles,
            max_bucket=MAX_BUCKET,
            threshold=DEFAULT_THRESHOLD,
            signatures=text_sigs,
        )
        timings["pairs"] = time.perf_counter() - t4

        t_c = time.perf_counter()
        report("copies", total, total)
        copies = copied_commitments(year=year, org=org)
        timings["copies"] = time.perf_counter() - t_c

        t5 = time.perf_counter()
        n_pairs, n_groups = _store_pairs(
            year=year,
            org=org,
            plan=plan,
            found=found,
            rows=(by_text, text_starts),
            outside=_copied_outside(year=year, org=org, digests=digests, pairable=pairable, rows_starts=text_starts),
            copied=copies.pairs,
        )
        timings["store_pairs"] = time.perf_counter() - t5

        t_u = time.perf_counter()
        regs = Registration.objects.filter(year=year)
        if org is not None:
            regs = regs.filter(organization__path__startswith=org.path)
        unit_ids = regs.values_list("organization_id", flat=True).distinct().order_by()
        uniform_changed = uniform_refresh(year=year, org_ids=list(unit_ids))
        timings["uniform"] = time.perf_counter() - t_u

        t6 = time.perf_counter()
        report("indicators", total, total)
        cells = indicators_store(year=year, org=org)
        timings["indicators"] = time.perf_counter() - t6
    t7 = time.perf_counter()
    _refresh_statistics(full=full or n_stale > 0)
    timings["statistics"] = time.perf_counter() - t7
    timings["total"] = time.perf_counter() - t0
    timings["cpu_main_process"] = time.process_time() - c0
    return {
        "year": year,
        "organization": org.code if org else "",
        "commitments": total,
        "distinct_texts": n_texts,
        "rewritten": rewritten,
        "fingerprints_renewed": total if full else n_stale,
        "verdicts": verdicts,
        "candidates": found.candidate_rows,
        "checked_exactly": found.checked,
        "pairs": n_pairs,
        "identical_groups": n_groups,
        "copied_registrations": copies.registrations,
        "copies_version": copies.version,
        "uniform_changed": uniform_changed,
        "cells": cells,
        "seconds": {k: round(v, 2) for k, v in timings.items()},
    }


def _refresh_statistics(*, full: bool) -> None:
    """After rewriting many rows, the planner's statistics (PostgreSQL: ANALYZE samples, ~1 s; SQLite:
    PRAGMA optimize, which re-analyses only what drifted). Autovacuum would do it later; the look-ups that
    follow the analysis should not wait for it."""
    if not full:
        return
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            for model in (Commitment, CommitmentBand, SimilarPair):
                cur.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
        elif connection.vendor == "sqlite":
            cur.execute("PRAGMA optimize")


def _others(cur: Any, year: int) -> int:
    cur.execute(f"SELECT COUNT(*) FROM {CommitmentBand._meta.db_table} WHERE year <> %s", [year])
    return int(cur.fetchone()[0])


@contextmanager
def _bulk_session() -> Iterator[bool]:
    """SQLite: a page cache big enough for the band index while it is written (the default 2 MB makes every
    insert into the index a disk read). True when the bulk path (drop and rebuild the indexes) is worth it.

    PostgreSQL keeps its indexes: dropping one would block every live look-up until the analysis commits.
    """
    if connection.vendor != "sqlite":
        yield False
        return
    with connection.cursor() as cur:
        cur.execute("PRAGMA cache_size")
        before = int(cur.fetchone()[0])
        cur.execute(f"PRAGMA cache_size = {-SQLITE_CACHE_KIB}")
        try:
            yield True
        finally:
            cur.execute(f"PRAGMA cache_size = {before}")


def _copied_outside(
    *, year: int, org: Organization | None, digests: list[int], pairable: np.ndarray, rows_starts: np.ndarray
) -> set[int]:
    """For a subtree: distinct texts (indexes) that commitments of the year outside it also carry. They are
    copies as much as those inside: the subtree's analysis does not see the others' rows, their digests it
    does. A text written by more than `MAX_BUCKET` members in all is a stock phrase, not a copy (as in a
    whole-year run)."""
    if org is None:
        return set()
    wanted = {digests[t]: t for t in np.flatnonzero(pairable).tolist()}
    inside = np.diff(rows_starts)
    keys = list(wanted)
    out: set[int] = set()
    outside = Commitment.objects.filter(registration__year=year).exclude(
        registration__organization__path__startswith=org.path
    )
    for s in range(0, len(keys), 900):
        part = outside.filter(text_digest__in=keys[s : s + 900])
        for d, n in part.values_list("text_digest").annotate(n=Count("pk")).order_by():
            t = wanted[d]
            if n + int(inside[t]) <= MAX_BUCKET:
                out.add(t)
    return out


def _store_pairs(
    *,
    year: int,
    org: Organization | None,
    plan: _Plan,
    found: pairing.TextPairs,
    rows: tuple[np.ndarray, np.ndarray],
    outside: set[int],
    copied: list[tuple[int, int, float]] | None = None,
) -> tuple[int, int]:
    """Replace the pairs inside the scope with the verified ones, and set each commitment's highest
    similarity (written only where it changed). Pairs of rows with different texts are stored; rows sharing
    one text are copies marked 1.0 and found later through their digest. `copied`: the matched commitments
    of registrations copied with light edits (services.copies), stored too unless the pair is already.
    Returns (pairs stored, groups of identical texts)."""
    ids = plan.pks
    id_list = ids.tolist()
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
    by_text, starts = rows
    best = np.full(ids.size, np.nan)
    same = found.ta == found.tb
    groups = sorted(set(found.ta[same].tolist()) | outside)
    for t in groups:
        best[by_text[starts[t] : starts[t + 1]]] = 1.0
    distinct_pairs = pairing.TextPairs(
        ta=found.ta[~same], tb=found.tb[~same], similarity=found.similarity[~same], candidate_rows=0
    )
    now = timezone.now()
    stored = 0
    copies = {(a, b): sim for a, b, sim in copied or ()}
    for ii, jj, pp in pairing.row_pairs(distinct_pairs, by_text, starts):
        sims = distinct_pairs.similarity[pp]
        np.fmax.at(best, ii, sims)
        np.fmax.at(best, jj, sims)
        pair_ids = zip(ids[ii].tolist(), ids[jj].tolist(), sims.tolist(), strict=True)
        out = [(year, a, b, sim, now) for a, b, sim in pair_ids]
        if copies:  # a near-duplicate pair is stored with its own similarity, found a copy or not
            for row in out:
                copies.pop((min(row[1], row[2]), max(row[1], row[2])), None)
        _insert_pairs(out)
        stored += len(out)
    if copies:
        row_of = {pk: r for r, pk in enumerate(id_list)}
        out = []
        for (a, b), sim in copies.items():
            ra, rb = row_of.get(a), row_of.get(b)
            if ra is None or rb is None or plan.text_of[ra] == plan.text_of[rb]:
                continue  # identical texts are found through their digest
            best[ra], best[rb] = np.fmax(best[ra], sim), np.fmax(best[rb], sim)
            out.append((year, a, b, sim, now))
        if out:
            _insert_pairs(out)  # counted by the caller as copied registrations
    best_of = {int(ids[r]): float(best[r]) for r in np.flatnonzero(~np.isnan(best)).tolist()}
    if org is not None:  # pairs with commitments outside the subtree, kept from earlier runs, still count
        for s in range(0, len(id_list), 900):
            part = id_list[s : s + 900]
            for a, b, sim in SimilarPair.objects.filter(Q(a_id__in=part) | Q(b_id__in=part)).values_list(
                "a_id", "b_id", "similarity"
            ):
                for k in (a, b):
                    if k in scope_set:
                        best_of[k] = max(best_of.get(k, 0.0), sim)
    changes = []
    for r, pk in enumerate(id_list):
        new = best_of.get(pk)
        new = round(new, 4) if new is not None else None
        if new != plan.stored[r][-1]:
            changes.append((new, pk))
    with connection.cursor() as cur:
        cur.executemany(f"UPDATE {Commitment._meta.db_table} SET max_similarity = %s WHERE id = %s", changes)
    return stored, len(groups)


def _insert_pairs(rows: list[tuple[Any, ...]]) -> None:
    """(year, a, b, similarity, computed_at); a pair already stored is kept."""
    table = SimilarPair._meta.db_table
    cols = "year, a_id, b_id, similarity, computed_at"
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            raw = cur.cursor
            raw.execute(
                "CREATE TEMP TABLE IF NOT EXISTS _cycle_p (year smallint, a bigint, b bigint, sim double precision, "
                "at timestamptz) ON COMMIT DROP"
            )
            raw.execute("TRUNCATE _cycle_p")
            with raw.copy("COPY _cycle_p FROM STDIN") as copy:
                for r in rows:
                    copy.write_row(r)
            raw.execute(f"INSERT INTO {table} ({cols}) SELECT * FROM _cycle_p ON CONFLICT DO NOTHING")
        else:
            at = connection.ops.adapt_datetimefield_value(rows[0][4]) if rows else None
            cur.cursor.executemany(
                f"INSERT OR IGNORE INTO {table} ({cols}) VALUES (?, ?, ?, ?, ?)", [(*r[:4], at) for r in rows]
            )
