"""Registrations copied with light edits (issue 16, item 6), found across a whole province in one pass.

A registration is a list of items (the cycle's commitments). A copier edits about one word in ten of each
item, reorders the items and writes another name and signature line: two-syllable shingles of the whole
text then measure 0.3-0.6 where ``find_pairs`` reports at 0.7. Here the registrations are compared item by
item (copies-items-v4):

- personal items: an item's features are its three-syllable shingles (within the item: reordering changes
  nothing), weighted by how rare they are across registrations (IDF); template features (directive, topics,
  plans, quoted duties) are removed; formulas (the same item word for word in ``FORMULA_REGISTRATIONS``
  registrations), a cell's rules (word for word in ``UNIFORM_MIN_MEMBERS`` members and ``UNIFORM_SHARE`` of
  the cell, item 5), lines that are mostly one of those edited (``NEAR_SHARE``), short lines (names,
  signatures) and items whose rarer features weigh little are not personal. A feature in more than
  ``RARE_MAX_DF`` registrations is a stock phrase: it weighs nothing and proposes nothing;
- candidates: personal items of different registrations sharing rarer features (``ITEM_MATCH`` of the
  lighter item's weight), found by sorting, never by comparing texts two by two; a cell's rules (and lines
  close to them) are candidates too, so that a personal item matching one is known as that rule, edited
  (a rule's line whose figures are not the rule's is the member's own: not "close" to it);
- two checks on the items' unfiltered text. **Figures**: the numbers of each item (amounts, dates,
  quarters, percentages) weighted by their rarity; where both items have some, at least ``FIG_MATCH`` of one
  side's must be in the other. Members of one cell writing in its stock phrasing differ in exactly these
  ("Vận động 37 hộ … trước ngày 15/10" / "Vận động 16 hộ … trước ngày 18/12"), a copier keeps them. **Words**:
  Jaccard of two-syllable shingles ``CHECK_MATCH``, or only ``CHECK_LOW`` when the figures agree fully and
  weigh ``FIG_STRONG_WEIGHT`` (two copies of one original, each edited, drift apart in their words);
- a second look inside registration pairs that already share a personal item matched with all its
  figures: every other personal item (or rule) of one against every one of the other, matching on the
  words and figures both kept, whether or not they share rarer features (an original in the cell's stock
  phrasing has few; its copy's edits make new ones);
- items are matched one to one (mutual best, then again among those left: ``MATCH_ROUNDS``); the
  similarity of two registrations is the share of each one's personal weight matched in the other, the
  smaller; copies at ``THRESHOLD``, with two matched items or more; one matched item only when one side has
  a single personal item and the match is sure (words ``SINGLE_CHECK``, every figure kept): one item in
  common is otherwise, at a province's scale, a coincidence or a borrowing, not a copied registration. A
  copier who changes every figure of an item is not found through that item (the figures are what makes a
  commitment personal);
- alignment: a registration copied as a whole has nearly every item (stock lines and the cell's rules too)
  in the other, colleagues of one cell only their shared lines. ``ALIGN`` of the items with a counterpart
  (words ``ALIGN_CHECK``), half the personal ones among them, makes copies whatever the cover (an original
  with two personal items, one left out of the copy and another added, covers 0.3); a pair sharing fewer
  than ``ALIGN_FEW`` matched items needs ``ALIGN_LOW`` of its items aligned, or it is a coincidence of two
  members writing the same template. Measured only for pairs that could pass either way.

Measured in docs/benchmarks-textcheck.md ("Copies (item 6)"), with what was tried and dropped. The result
depends on the whole input (the weights are the corpus's), so nothing is stored per text: the analysis
runs this over the analysed registrations and stores the matched commitments with ``COPIES_VERSION``.

    from ct05.textcheck import find_copies
    pairs = find_copies(items_per_registration, groups=cell_ids, template_texts=(directive, topic))
    p.a, p.b, p.similarity   # registration indices, a < b
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from .copy_checks import (
    FIG_MATCH,
    FIG_MIN_WEIGHT,
    FIG_STRONG_WEIGHT,
    NEAR_SHARE,
    aligned_share,
    figures,
    formula_items,
    near_formula,
    second_look,
)
from .copy_features import (
    F64,
    I64,
    NGRAMS,
    U64,
    WEIGHT_MIN_N,
    figure_weights,
    item_features,
    jaccard,
    sorted_unique,
    template_features,
)
from .normalize import NORMALIZER_VERSION
from .pairs import Pair

THRESHOLD = 0.35  # share of each registration's personal weight matched in the other (the smaller of the two)
# Two items become candidates when the weight of the rarer features they share is this share of the lighter
# item's.
ITEM_MATCH = 0.1
# An item whose rarer features weigh less than this is not personal (a name line, an edited stock line).
MIN_ITEM_WEIGHT = 12.0
# Second check, on the items' whole text (nothing dropped): Jaccard of their CHECK_NGRAM-syllable shingles.
CHECK_MATCH = 0.4
CHECK_LOW = 0.25
# Two registrations with a single matched item pair are copies only when one of them has a single personal
# item (at a province's scale one item in common is otherwise a coincidence or a borrowing) ...
MIN_MATCHED = 2
# Items are matched one to one by mutual best, then again among those left, this many rounds in all.
MATCH_ROUNDS = 2
# ... and that single item pair is sure: SINGLE_CHECK of the word check, and every figure kept (if any).
SINGLE_CHECK = 0.5
# An item of fewer syllables than this (a name, a signature line) is not personal.
MIN_ITEM_SYLLABLES = 8
# A registration whose personal items weigh less than this is never paired.
MIN_WEIGHT = 12.0
# A feature in more registrations than this is a stock phrase (weight 0): RARE_MAX_DF, or on a smaller
# corpus STOCK_SHARE of it (at least STOCK_MIN_REGISTRATIONS). It also bounds the work.
RARE_MAX_DF = 128
STOCK_SHARE = 0.05
STOCK_MIN_REGISTRATIONS = 8
# Alignment of two registrations: the share of each one's items (names and signature lines left out) with an
# item of the other at ALIGN_CHECK or more on the whole-text check, the smaller. Copied as a whole: ALIGN of
# the items and ALIGN_PERSONAL of the personal ones, whatever the personal weight matched. Sharing only a few
# matched items (fewer than ALIGN_FEW), two registrations are copies only if ALIGN_LOW of their items align.
ALIGN_CHECK = 0.3
ALIGN = 0.7
ALIGN_PERSONAL = 0.5
ALIGN_LOW = 0.5
ALIGN_FEW = 3
COPIES_VERSION = (
    f"copies-items-v4+{NORMALIZER_VERSION}+n{''.join(map(str, NGRAMS))}+t{THRESHOLD}+i{ITEM_MATCH}+df{RARE_MAX_DF}"
    f"+c{CHECK_MATCH}+near{NEAR_SHARE}f+f{FIG_MATCH}/{FIG_MIN_WEIGHT}+s{FIG_STRONG_WEIGHT}/{CHECK_LOW}"
    f"+m{MIN_MATCHED}/{SINGLE_CHECK}+r+mr{MATCH_ROUNDS}+2nd+al{ALIGN_CHECK}/{ALIGN}/{ALIGN_PERSONAL}/{ALIGN_LOW}/{ALIGN_FEW}"
)


@dataclass
class Scored:
    """Registration pairs whose personal items match, with what the decision looks at."""

    code: U64  # a * 2**32 + b, a < b
    similarity: F64  # min(cover_a, cover_b): the share of each side's personal weight matched, the smaller
    dice: F64  # (matched_a + matched_b) / (weight_a + weight_b), measured and not used
    cover_a: F64  # share of a's personal weight matched in b
    cover_b: F64
    items: I64  # personal items matched, both sides
    item_pairs: tuple[I64, I64, F64]  # (item, item, similarity) of every matched item pair, item indices
    item_weight: F64 = field(default_factory=lambda: np.zeros(0, np.float64))  # 0: not personal


def _stock_limit(nreg: int) -> int:
    """A feature in more registrations than this is a stock phrase (weight 0, proposes nothing)."""
    return min(RARE_MAX_DF, max(STOCK_MIN_REGISTRATIONS, int(STOCK_SHARE * nreg)))


def _item_pairs(item: I64, fid: I64, weight: F64, owner: I64) -> tuple[I64, I64, F64]:
    """Pairs of items of different registrations sharing a feature, with the summed weight of what they share.
    ``item``/``fid``: distinct (item, feature) entries of features held by two registrations or more."""
    order = np.argsort(fid, kind="stable")
    item, fid = item[order], fid[order]
    w = weight[fid]
    parts_a: list[I64] = []
    parts_b: list[I64] = []
    parts_w: list[F64] = []
    at = np.flatnonzero(fid[1:] == fid[:-1])
    d = 1
    while at.size:
        a, b = item[at], item[at + d]
        other = owner[a] != owner[b]
        parts_a.append(a[other])
        parts_b.append(b[other])
        parts_w.append(w[at[other]])
        d += 1
        at = at[at + d < fid.size]
        at = at[fid[at + d] == fid[at]]
    if not parts_a:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.float64)
    a, b = np.concatenate(parts_a), np.concatenate(parts_b)
    lo, hi = np.minimum(a, b).astype(np.uint64), np.maximum(a, b).astype(np.uint64)
    ws = np.concatenate(parts_w)
    if owner.size <= 1 << 24 and (ws.size == 0 or float(ws.max()) < 65.0):
        # Pair and weight packed in one integer (24 + 24 bits of items, 16 of weight in thousandths): a plain
        # sort instead of an argsort and two gathers.
        q = np.rint(ws * 1000.0).astype(np.uint64)
        key = (lo << np.uint64(40)) | (hi << np.uint64(16)) | q
        key.sort()
        code = key >> np.uint64(16)
        first = np.ones(code.size, np.bool_)
        first[1:] = code[1:] != code[:-1]
        starts = np.flatnonzero(first)
        packed_sum = np.add.reduceat((key & np.uint64(0xFFFF)).astype(np.float64), starts) / 1000.0
        code = code[first]
        return (
            (code >> np.uint64(24)).astype(np.int64),
            (code & np.uint64(0xFFFFFF)).astype(np.int64),
            packed_sum.astype(np.float64),
        )
    code = (lo << np.uint64(32)) | hi
    order = np.argsort(code)
    code = code[order]
    first = np.ones(code.size, np.bool_)
    first[1:] = code[1:] != code[:-1]
    run = np.cumsum(first) - 1
    summed = np.bincount(run, weights=ws[order], minlength=int(first.sum()))
    code = code[first]
    return (
        (code >> np.uint64(32)).astype(np.int64),
        (code & np.uint64(0xFFFFFFFF)).astype(np.int64),
        summed.astype(np.float64),
    )


def score_registrations(
    registrations: Sequence[Sequence[str]],
    *,
    groups: Sequence[Hashable] | None = None,
    template_texts: Iterable[str] = (),
    item_match: float | None = None,
    check_match: float | None = None,
    fig_match: float | None = None,
) -> Scored:
    """Every pair of registrations with a personal item matched in the other, scored (for find_copies and the
    benchmarks)."""
    item_match = ITEM_MATCH if item_match is None else item_match
    check_match = CHECK_MATCH if check_match is None else check_match
    fig_match = FIG_MATCH if fig_match is None else fig_match
    empty = np.zeros(0, np.float64)
    none = Scored(
        np.zeros(0, np.uint64),
        empty,
        empty,
        empty,
        empty,
        np.zeros(0, np.int64),
        (np.zeros(0, np.int64), np.zeros(0, np.int64), empty),
    )
    nreg = len(registrations)
    if nreg > 2**31 - 1:
        raise ValueError("too many registrations")
    items: list[str] = []
    owner_list: list[int] = []
    for r, its in enumerate(registrations):
        for it in its:
            items.append(it)
            owner_list.append(r)
    if len(items) > 2**31 - 1:
        raise ValueError("too many items")
    group_ids: I64 | None = None
    if groups is not None:
        if len(groups) != nreg:
            raise ValueError("one group per registration")
        index: dict[Hashable, int] = {}
        group_ids = np.fromiter((index.setdefault(g, len(index)) for g in groups), np.int64, nreg)
    if not items:
        return none
    owner = np.asarray(owner_list, np.int64)
    f = item_features(items)
    feats, offs, keys = f.feats, f.offs, f.keys
    formula, uniform = formula_items(owner, keys, group_ids, nreg)
    drop_item = formula | uniform
    template_list = [t for t in template_texts if t]
    fweight = figure_weights(f.figs, len(items))
    near = near_formula(
        f, formula, uniform, group_ids[owner] if group_ids is not None else np.zeros_like(owner), fweight
    )
    short = np.diff(f.check_offs) < MIN_ITEM_SYLLABLES - 1
    per_item = np.diff(offs)
    keep = np.repeat(~drop_item, per_item)
    templates = template_features(template_list)
    if templates.size:
        at = np.minimum(np.searchsorted(templates, feats), templates.size - 1)
        keep &= templates[at] != feats
    feat_item = np.repeat(np.arange(len(items), dtype=np.int64), per_item)[keep]
    feats = feats[keep]
    if feats.size == 0:
        return none
    uf = sorted_unique(feats)
    nfeat = np.int64(uf.size)
    entry = sorted_unique(feat_item * nfeat + np.searchsorted(uf, feats).astype(np.int64))
    item_e, fid_e = entry // nfeat, entry % nfeat
    reg_entry = sorted_unique(owner[item_e] * nfeat + fid_e)
    reg_f = reg_entry % nfeat
    df = np.bincount(reg_f, minlength=uf.size)
    weight = np.log(max(nreg, WEIGHT_MIN_N) / np.maximum(df, 1)).astype(np.float64)
    weight[df > _stock_limit(nreg)] = 0.0
    live = weight[fid_e] > 0
    item_e, fid_e = item_e[live], fid_e[live]
    item_w = np.bincount(item_e, weights=weight[fid_e], minlength=len(items)).astype(np.float64)
    personal = (item_w >= MIN_ITEM_WEIGHT) & ~near & ~drop_item & ~short
    pw = np.where(personal, item_w, 0.0)
    reg_w = np.bincount(owner, weights=pw, minlength=nreg).astype(np.float64)
    # Candidates: personal items, and a cell's rules (and lines close to them) to recognise them edited.
    rules = (uniform | near) & ~formula
    share = (df[fid_e] >= 2) & (personal | rules)[item_e]
    ia, ib, shared = _item_pairs(item_e[share], fid_e[share], weight, owner)
    if ia.size == 0:
        return none
    isim = shared / np.minimum(item_w[ia], item_w[ib])
    hit = isim >= item_match - 1e-9
    both = np.zeros(ia.size, np.bool_)  # items both with figures
    agree = np.zeros(ia.size, np.bool_)  # ... that agree fully
    strong = np.zeros(ia.size, np.bool_)  # ... and weigh
    fig_item = np.repeat(np.arange(len(items)), np.diff(f.figs_offs))
    fw_item = np.bincount(fig_item, weights=fweight, minlength=len(items)).astype(np.float64)
    if fig_match > 0:
        ok, both, agree, strong = figures(f, fweight, fw_item, ia, ib, hit, fig_match)
        hit &= ok
    if check_match > 0:
        full = np.zeros(ia.size, np.float64)
        full[hit] = jaccard(f.check, f.check_offs, ia[hit], ib[hit])
        if fig_match > 0 and CHECK_LOW < check_match:
            hit &= (full >= check_match - 1e-9) | (strong & (full >= CHECK_LOW - 1e-9))
        else:
            hit &= full >= check_match - 1e-9
        isim = full
    # Registrations sharing a personal item copied with all its figures: a second look at their other items.
    seed = hit & personal[ia] & personal[ib] & agree
    if seed.any():
        ea, eb, efull, eboth, eagree = second_look(
            f, owner, personal | rules, fweight, fw_item, ia[seed], ib[seed], (ia[hit], ib[hit]), check_match, fig_match
        )
        ia, ib = np.concatenate([ia, ea]), np.concatenate([ib, eb])
        isim = np.concatenate([isim, efull])
        both, agree = np.concatenate([both, eboth]), np.concatenate([agree, eagree])
        hit = np.concatenate([hit, np.ones(ea.size, np.bool_)])
    # A personal item matching a cell's rule is that rule, edited: not personal either.
    rule = hit & (rules[ia] != rules[ib])
    edited = np.where(rules[ia], ib, ia)[rule]
    if edited.size:
        personal[edited] = False
        pw[edited] = 0.0
        reg_w = np.bincount(owner, weights=pw, minlength=nreg).astype(np.float64)
    hit &= personal[ia] & personal[ib]
    # A match sure enough to make two registrations copies on its own: close words, figures all kept.
    sure = (isim >= SINGLE_CHECK - 1e-9) & (agree | ~both)
    ia, ib, isim, sure = ia[hit], ib[hit], np.minimum(isim[hit], 1.0), sure[hit]
    if ia.size == 0:
        return none
    ra, rb = owner[ia], owner[ib]
    flip = ra > rb
    ia, ib = np.where(flip, ib, ia), np.where(flip, ia, ib)
    ra, rb = owner[ia], owner[ib]
    pcode = (ra.astype(np.uint64) << np.uint64(32)) | rb.astype(np.uint64)
    upair, p = np.unique(pcode, return_inverse=True)
    p = p.ravel()
    # One to one: an item pair counts when each is the other's best match in the other registration.
    # Then again among the items left unmatched (MATCH_ROUNDS in all): a registration holding one item twice,
    # copied twice with other edits, keeps both.
    best = np.zeros(ia.size, np.bool_)
    nitems = np.int64(len(items))
    free = np.arange(ia.size)
    for _round in range(MATCH_ROUNDS):
        fa, fb, fs, fp = ia[free], ib[free], isim[free], p[free]
        take = np.ones(free.size, np.bool_)
        for side in (fa, fb):
            order = np.lexsort((-fs, side, fp))
            first = np.ones(order.size, np.bool_)
            first[1:] = (fp[order][1:] != fp[order][:-1]) | (side[order][1:] != side[order][:-1])
            mine = np.zeros(free.size, np.bool_)
            mine[order[first]] = True
            take &= mine
        best[free[take]] = True
        # Left for the next round: item pairs of registration pairs with two candidates or more, neither item
        # matched yet in that registration pair.
        rest = free[~take]
        rest = rest[np.bincount(p[free], minlength=upair.size)[p[rest]] >= 2]
        if rest.size == 0:
            break
        used = sorted_unique(np.concatenate([p[free[take]] * nitems + fa[take], p[free[take]] * nitems + fb[take]]))
        for side in (ia, ib):
            key = p[rest] * nitems + side[rest]
            at = np.minimum(np.searchsorted(used, key), used.size - 1)
            rest = rest[used[at] != key]
        free = rest
        if free.size == 0:
            break
    ia, ib, isim, p, sure = ia[best], ib[best], isim[best], p[best], sure[best]
    matched = np.zeros((2, upair.size), np.float64)
    per_side = np.zeros((2, upair.size), np.int64)  # personal items matched, each side
    for k, side in enumerate((ia, ib)):
        once = sorted_unique(p * nitems + side)
        pp, ii = once // nitems, once % nitems
        matched[k] = np.bincount(pp, weights=pw[ii], minlength=upair.size)
        per_side[k] = np.bincount(pp, weights=personal[ii], minlength=upair.size).astype(np.int64)
    count = per_side[0] + per_side[1]
    a = (upair >> np.uint64(32)).astype(np.int64)
    b = (upair & np.uint64(0xFFFFFFFF)).astype(np.int64)
    wa, wb = reg_w[a], reg_w[b]
    ok = (wa >= MIN_WEIGHT) & (wb >= MIN_WEIGHT)
    if MIN_MATCHED > 1:
        # One item in common is a coincidence unless it is all one side has of its own.
        npers = np.bincount(owner, weights=personal, minlength=nreg)
        single = (np.minimum(npers[a], npers[b]) <= 1) & (np.bincount(p, weights=sure, minlength=upair.size) > 0)
        ok &= (count >= 2 * MIN_MATCHED) | single
    dice = (matched[0] + matched[1]) / np.maximum(wa + wb, 1e-9)
    cover_a = matched[0] / np.maximum(wa, 1e-9)
    cover_b = matched[1] / np.maximum(wb, 1e-9)
    similarity = np.minimum(np.minimum(cover_a, cover_b), 1.0)
    # Copied as a whole: most items (ALIGN), and half the personal ones, in the other. Else the personal
    # items' cover decides, among registrations sharing at least ALIGN_LOW of their items. Only pairs that
    # could be either are measured: those that pass on cover, and those with half their personal items
    # already matched.
    npers = np.bincount(owner, weights=personal, minlength=nreg)
    share = np.minimum(per_side[0] / np.maximum(npers[a], 1), per_side[1] / np.maximum(npers[b], 1))
    weighs = (wa >= MIN_WEIGHT) & (wb >= MIN_WEIGHT)
    look = ok | (weighs & (share >= ALIGN_PERSONAL - 1e-9))
    aligned = np.zeros(upair.size, np.float64)
    aligned_personal = np.zeros(upair.size, np.float64)
    aligned[look], aligned_personal[look] = aligned_share(
        f, owner, a[look], b[look], ~short, personal, ALIGN_CHECK, fweight, fw_item
    )
    whole = weighs & (aligned >= ALIGN - 1e-9) & (aligned_personal >= ALIGN_PERSONAL - 1e-9)
    low = aligned >= ALIGN_LOW - 1e-9
    ok = (ok & (low | (count >= 2 * ALIGN_FEW))) | whole
    similarity = np.where(whole, np.maximum(similarity, aligned), similarity)
    return Scored(
        code=upair[ok],
        similarity=similarity[ok],
        dice=np.minimum(dice[ok], 1.0),
        cover_a=np.minimum(cover_a[ok], 1.0),
        cover_b=np.minimum(cover_b[ok], 1.0),
        items=count[ok],
        item_pairs=(ia, ib, isim),
        item_weight=pw,
    )


def registration_similarities(
    registrations: Sequence[Sequence[str]],
    *,
    groups: Sequence[Hashable] | None = None,
    template_texts: Iterable[str] = (),
) -> tuple[U64, F64]:
    """Every pair of registrations with a personal item matched in the other, and its similarity (the share of
    each side's personal weight matched in the other, the smaller). ``find_copies`` keeps those at its
    threshold; exposed for benchmarks."""
    s = score_registrations(registrations, groups=groups, template_texts=template_texts)
    return s.code, s.similarity


def find_copies(
    registrations: Sequence[Sequence[str]],
    *,
    groups: Sequence[Hashable] | None = None,
    template_texts: Iterable[str] = (),
    threshold: float = THRESHOLD,
) -> list[Pair]:
    """Pairs of registrations (indices, a < b) copied one from the other, sorted by (a, b).

    ``registrations[i]``: the items of registration i (its commitments' texts; name and signature lines may
    be left in or out). ``groups[i]``: its cell (or any unit whose members share a plan), for the cell's own
    wording; without it only province-wide stock phrases and formulas are left out. ``template_texts``: the
    directive, the year's topic, the unit's plan, the duties members quote. ``similarity``: weighted share of
    both registrations' personal items matched in the other.
    """
    if not 0.0 < threshold <= 1.0:
        raise ValueError("threshold must be in (0, 1]")
    s = score_registrations(registrations, groups=groups, template_texts=template_texts)
    hit = s.similarity >= threshold - 1e-9
    code, sim = s.code[hit], s.similarity[hit]
    order = np.argsort(code, kind="stable")
    return [
        Pair(a=c >> 32, b=c & 0xFFFFFFFF, similarity=v)
        for c, v in zip(code[order].tolist(), sim[order].tolist(), strict=True)
    ]


@dataclass(frozen=True)
class CopiedItem:
    """An item of a registration found copied in another registration found a copy of it."""

    a: int  # registration indices, a < b (as the registrations' Pair)
    b: int
    item_a: int  # index of the item in registrations[a]
    item_b: int
    similarity: float  # the items' whole-text similarity (Jaccard of their two-syllable shingles)
    registrations: float  # the registrations' similarity (as find_copies)


def find_copied_items(
    registrations: Sequence[Sequence[str]],
    *,
    groups: Sequence[Hashable] | None = None,
    template_texts: Iterable[str] = (),
    threshold: float = THRESHOLD,
) -> list[CopiedItem]:
    """The items matched one to one between registrations found copies (``find_copies``), sorted by (a, b,
    item_a): what the analysis stores, one pair of commitments per copied item."""
    if not 0.0 < threshold <= 1.0:
        raise ValueError("threshold must be in (0, 1]")
    s = score_registrations(registrations, groups=groups, template_texts=template_texts)
    hit = s.similarity >= threshold - 1e-9
    found = dict(zip(s.code[hit].tolist(), s.similarity[hit].tolist(), strict=True))
    if not found:
        return []
    starts = np.zeros(len(registrations) + 1, np.int64)
    np.cumsum([len(r) for r in registrations], out=starts[1:])
    ia, ib, isim = s.item_pairs
    owner_a = np.searchsorted(starts, ia, side="right") - 1
    owner_b = np.searchsorted(starts, ib, side="right") - 1
    out: list[CopiedItem] = []
    for x, y, ra, rb, v in zip(
        ia.tolist(), ib.tolist(), owner_a.tolist(), owner_b.tolist(), isim.tolist(), strict=True
    ):
        reg = found.get((ra << 32) | rb)
        if reg is not None:
            out.append(CopiedItem(ra, rb, x - int(starts[ra]), y - int(starts[rb]), v, reg))
    out.sort(key=lambda c: (c.a, c.b, c.item_a))
    return out
