"""Judging and fingerprinting many commitments at once, for the background analysis (no Django import:
this runs in worker processes).

The engine judges one text per call (`assess`), in Python; a province is ~250,000 commitments, so the
analysis sends chunks of *distinct* inputs to a pool of processes (both cores of the server) and maps the
results back. Identical texts are common in real registrations ("Chấp hành tốt chủ trương…" written by
thousands of members), and are judged and fingerprinted once per run.
"""

from __future__ import annotations

import json
import multiprocessing
import multiprocessing.context
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any, TypeVar

import numpy as np
import numpy.typing as npt

from ct05.textcheck.assess import assess
from ct05.textcheck.minhash import MinHashParams, band_key_matrix
from ct05.textcheck.pairs import ShingleFilter, fingerprints

# Below this many distinct inputs, starting worker processes costs more than it saves.
PARALLEL_MIN = 20_000
CHUNK = 5_000

# (text, duty or None, index of the template texts in the list given to the workers)
JudgeItem = tuple[str, str | None, int]
# (score, verdict, reasons as JSON): what is stored on the commitment
Judged = tuple[int, str, str]


@dataclass(frozen=True)
class Fingerprinted:
    """Fingerprints of a chunk of texts, in the shapes the analysis stores and pairs."""

    blobs: list[bytes]  # Fingerprint.to_bytes()
    keys: npt.NDArray[np.int64]  # (n, bands) signed band keys, as stored; rows of empty texts are 0
    nonempty: npt.NDArray[np.bool_]
    shingles: list[npt.NDArray[np.uint64]]  # kept shingles, sorted and unique (exact verification)
    signatures: npt.NDArray[np.uint32]  # (n, permutations) MinHash values (the pairs' pre-filter); empty: 0


T = TypeVar("T")

# What every worker needs for the whole run, set once per process by `_init`.
_state: dict[str, object] = {}


def _init(templates: Sequence[tuple[str, ...]], drop: ShingleFilter, params: MinHashParams) -> None:
    _state.update(templates=list(templates), drop=drop, params=params)


def judge_chunk(items: Sequence[JudgeItem]) -> list[Judged]:
    """The engine's `assess` of each item (as `quality.judge`)."""
    templates: list[tuple[str, ...]] = _state["templates"]  # type: ignore[assignment]
    out: list[Judged] = []
    for text, duty, tmpl in items:
        result = assess(text, duty=duty or None, template_texts=templates[tmpl])
        reasons = result.stored_reasons()  # as `quality.judge` stores them: one format, clauses included
        out.append((int(result.score), str(result.verdict), json.dumps(reasons, ensure_ascii=False)))
    return out


def fingerprint_chunk(texts: Sequence[str]) -> Fingerprinted:
    drop: ShingleFilter = _state["drop"]  # type: ignore[assignment]
    params: MinHashParams = _state["params"]  # type: ignore[assignment]
    fps = fingerprints(list(texts), drop=drop, params=params)
    nonempty = np.fromiter((not fp.is_empty() for fp in fps), np.bool_, len(fps))
    keys = np.zeros((len(fps), params.bands), np.int64)
    sigs = np.zeros((len(fps), params.num_perm), np.uint32)
    if nonempty.any():
        sig = np.stack([fps[i].signature for i in np.flatnonzero(nonempty).tolist()])
        keys[nonempty] = band_key_matrix(sig, fps[0].params).view(np.int64)
        sigs[nonempty] = sig
    return Fingerprinted(
        blobs=[fp.to_bytes() for fp in fps],
        keys=keys,
        nonempty=nonempty,
        shingles=[fp.shingles for fp in fps],
        signatures=sigs,
    )


class _Inline(Executor):
    """The same interface, in this process: small runs and tests."""

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        future: Future[T] = Future()
        future.set_result(fn(*args, **kwargs))
        return future


def _context() -> multiprocessing.context.BaseContext:
    # fork is cheapest, but forking a process that runs other threads (a web server, some task workers)
    # can deadlock: then forkserver (as the engine's own pool does).
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def pool(
    *,
    size: int,
    templates: Sequence[tuple[str, ...]],
    drop: ShingleFilter,
    params: MinHashParams,
    workers: int | None = None,
) -> Executor:
    """A process pool for `size` distinct inputs (inline below `PARALLEL_MIN` or with one worker)."""
    n = workers if workers is not None else min(4, os.cpu_count() or 1)
    if n <= 1 or size < PARALLEL_MIN:
        _init(templates, drop, params)
        return _Inline()
    return ProcessPoolExecutor(n, mp_context=_context(), initializer=_init, initargs=(templates, drop, params))


def chunks(n: int, size: int | None = None) -> Iterator[slice]:
    size = size or CHUNK
    for start in range(0, n, size):
        yield slice(start, min(start + size, n))
