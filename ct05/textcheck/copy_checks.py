"""The copy detector's checks (`copies`): which items are not personal (formulas, a cell's rules and lines
close to them), the figure check of two items, and the second look inside registrations that already share a
matched item. Split from `copies` to keep each module readable; nothing here is used elsewhere."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from ._vector import mix64
from .copy_features import (
    F64,
    I64,
    POS_SALT,
    U64,
    ItemFeatures,
    items_across,
    jaccard,
    overlap,
    pair_code,
    sorted_unique,
)

# Figures: the numbers of an item (amounts, dates, quarters, percentages), each weighted by how rare it is
# among items (the year weighs ~0). When both items' figures weigh FIG_MIN_WEIGHT or more, the items match
# only if at least FIG_MATCH of one side's figure weight is found in the other: two members writing the same
# template ("Vận động 37 hộ …" / "Vận động 16 hộ …") differ there, a copier keeps them.
FIG_MATCH = 0.7
FIG_MIN_WEIGHT = 1.0
# Items whose figures agree (FIG_STRONG_SHARE of each side's, FIG_STRONG_WEIGHT or more shared) need only
# CHECK_LOW of the whole-text check: two copies of one original, each edited, drift apart in their words.
FIG_STRONG_SHARE = 0.9
FIG_STRONG_WEIGHT = 9.0
# An item whose whole-text shingles are at least this share those of the templates, a formula or its group's
# uniform items is an edited stock line or rule: not personal.
NEAR_SHARE = 0.6
# The same item, word for word, in this many registrations is a formula (a closing line, a slogan).
FORMULA_REGISTRATIONS = 50
# Within a group: an item (word for word) in at least this many members' registrations and this share of the
# group is the group's rule (uniform, item 5), not a copy between members.
UNIFORM_MIN_MEMBERS = 3
UNIFORM_SHARE = 0.3


def formula_items(
    owner: I64, key: U64, group: I64 | None, nreg: int
) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_]]:
    """(items that are a formula, province-wide; items that are their group's uniform rule)."""
    formula = np.zeros(key.size, np.bool_)
    uniform = np.zeros(key.size, np.bool_)
    if key.size == 0:
        return formula, uniform
    # Distinct (registration, item key), then registrations per key.
    uk, inv = np.unique(key, return_inverse=True)
    inv = inv.ravel()
    pair = np.unique(owner.astype(np.int64) * uk.size + inv)
    per_key = np.bincount(pair % uk.size, minlength=uk.size)
    formula |= per_key[inv] >= FORMULA_REGISTRATIONS
    if group is not None:
        g_of_item = group[owner]
        gsize = np.bincount(group)
        gk = np.unique(g_of_item * np.int64(uk.size) + inv.ravel(), return_inverse=True)[1].ravel()
        ngk = int(gk.max()) + 1
        holders = np.bincount(np.unique(owner.astype(np.int64) * ngk + gk) % ngk, minlength=ngk)
        need = np.maximum(UNIFORM_MIN_MEMBERS, np.ceil(UNIFORM_SHARE * gsize[g_of_item] - 1e-9))
        uniform |= holders[gk] >= need
    return formula, uniform


def in_rules(
    flat: U64, offs: I64, formula: npt.NDArray[np.bool_], uniform: npt.NDArray[np.bool_], item_group: I64
) -> npt.NDArray[np.bool_]:
    """Which entries of each item's set (``flat``/``offs``: shingles or figures) are found in a formula or in
    one of their own group's uniform items."""
    sizes = np.diff(offs)
    item_of = np.repeat(np.arange(sizes.size, dtype=np.int64), sizes)
    hit = np.zeros(flat.size, np.bool_)
    common = sorted_unique(flat[np.repeat(formula, sizes)])
    if common.size:
        at = np.minimum(np.searchsorted(common, flat), common.size - 1)
        hit |= common[at] == flat
    if uniform.any():
        salted = mix64(flat ^ (item_group[item_of].astype(np.uint64) * POS_SALT))
        rule = sorted_unique(salted[np.repeat(uniform, sizes)])
        if rule.size:
            at = np.minimum(np.searchsorted(rule, salted), rule.size - 1)
            hit |= rule[at] == salted
    return hit


def near_formula(
    f: ItemFeatures,
    formula: npt.NDArray[np.bool_],
    uniform: npt.NDArray[np.bool_],
    item_group: I64,
    fweight: F64,
) -> npt.NDArray[np.bool_]:
    """Items whose whole-text shingles are mostly (``NEAR_SHARE``) those of a formula or of their own group's
    uniform items: a stock line or the cell's rule, edited a little; never personal. Unless the item's figures
    are not the rule's: a member writing the cell's rule with his own numbers ("Vận động 24 hộ …" where the
    plan says 30) has made it his own."""
    sizes = np.diff(f.check_offs)
    item_of = np.repeat(np.arange(sizes.size, dtype=np.int64), sizes)
    hit = in_rules(f.check, f.check_offs, formula, uniform, item_group)
    inside = np.bincount(item_of[hit], minlength=sizes.size)
    near = np.asarray(inside >= NEAR_SHARE * np.maximum(sizes, 1), np.bool_)
    if near.any() and f.figs.size:
        fig_item = np.repeat(np.arange(sizes.size, dtype=np.int64), np.diff(f.figs_offs))
        fig_hit = in_rules(f.figs, f.figs_offs, formula, uniform, item_group)
        total = np.bincount(fig_item, weights=fweight, minlength=sizes.size)
        kept = np.bincount(fig_item[fig_hit], weights=fweight[fig_hit], minlength=sizes.size)
        own = (total >= FIG_MIN_WEIGHT) & (kept < FIG_MATCH * total - 1e-9)
        near &= ~own
    return near


def figures(
    f: ItemFeatures, fweight: F64, fw_item: F64, ia: I64, ib: I64, look: npt.NDArray[np.bool_], fig_match: float
) -> tuple[npt.NDArray[np.bool_], ...]:
    """The figure check of item pairs (ia[p], ib[p]) where ``look``: (passes, both have figures, they agree
    fully, and weigh)."""
    both = look & (np.minimum(fw_item[ia], fw_item[ib]) >= FIG_MIN_WEIGHT)
    agree = np.zeros(ia.size, np.bool_)
    strong = np.zeros(ia.size, np.bool_)
    # A figure weighs the same on both sides (its weight is the number's): one look-up gives both shares.
    shared, wa, wb = overlap(f.figs, f.figs_offs, ia[both], ib[both], fweight)
    ca, cb = shared / np.maximum(wa, 1e-9), shared / np.maximum(wb, 1e-9)
    ok = np.ones(ia.size, np.bool_)
    ok[both] = np.maximum(ca, cb) >= fig_match - 1e-9
    agree[both] = np.minimum(ca, cb) >= FIG_STRONG_SHARE - 1e-9
    strong[both] = agree[both] & (shared >= FIG_STRONG_WEIGHT)
    return ok, both, agree, strong


def second_look(
    f: ItemFeatures,
    owner: I64,
    eligible: npt.NDArray[np.bool_],
    fweight: F64,
    fw_item: F64,
    ia: I64,
    ib: I64,
    known: tuple[I64, I64],
    check_match: float,
    fig_match: float,
) -> tuple[I64, I64, F64, npt.NDArray[np.bool_], npt.NDArray[np.bool_]]:
    """Registrations sharing a personal item matched with all its figures (ia[p], ib[p]): every other
    ``eligible`` item (personal, or a rule) of one against every one of the other, whether or not they share
    rarer features (an original written in the cell's stock phrasing has few; its copy's edits make new
    ones). A pair matches on its whole text (``check_match``) with figures on both sides, kept
    (``fig_match``): within such a registration pair that is a copied item, not a colleague's same template
    with other numbers. (item, item, similarity, both have figures, they agree) of the new matches: item
    pairs already ``known`` (matched by the first pass) are not given again."""
    rp = sorted_unique(pair_code(owner[ia], owner[ib]))
    # Only items with figures can pass (both sides' must weigh FIG_MIN_WEIGHT): the others are not paired.
    _, i, j, _ = items_across(
        eligible & (fw_item >= FIG_MIN_WEIGHT),
        owner,
        (rp >> np.uint64(32)).astype(np.int64),
        (rp & np.uint64(0xFFFFFFFF)).astype(np.int64),
    )
    done = sorted_unique(pair_code(*known))
    if done.size:
        code = pair_code(i, j)
        at = np.minimum(np.searchsorted(done, code), done.size - 1)
        new = done[at] != code
        i, j = i[new], j[new]
    ok, both, agree, strong = figures(f, fweight, fw_item, i, j, np.ones(i.size, np.bool_), fig_match)
    keep = ok & both
    i, j, both, agree = i[keep], j[keep], both[keep], agree[keep]
    full = jaccard(f.check, f.check_offs, i, j)
    keep = full >= check_match - 1e-9
    return i[keep], j[keep], full[keep], both[keep], agree[keep]


def aligned_share(
    f: ItemFeatures,
    owner: I64,
    a_reg: I64,
    b_reg: I64,
    counted: npt.NDArray[np.bool_],
    personal: npt.NDArray[np.bool_],
    check: float,
    fweight: F64,
    fw_item: F64,
) -> tuple[F64, F64]:
    """For registration pairs (a_reg[p], b_reg[p]): the share of each one's items (``counted``: names and
    signature lines are not) that have an item of the other at ``check`` or more on the whole-text check,
    its figures kept (``figures``), the smaller of the two; and the same share among their personal items.
    A registration copied as a whole has nearly every item, stock lines and the cell's rules included, in
    the other; two colleagues of one cell at most their stock lines and rules. ``owner``: each item's
    registration, in item order."""
    pair_of, i, j, cnt = items_across(counted, owner, a_reg, b_reg)
    npers = np.bincount(owner[counted & personal], minlength=cnt.size)
    hit = jaccard(f.check, f.check_offs, i, j) >= check - 1e-9
    hit &= figures(f, fweight, fw_item, i, j, hit, FIG_MATCH)[0]  # and their figures, if any, kept
    span = np.int64(owner.size + 1)
    shares: list[F64] = []
    for only_personal in (False, True):
        side: list[F64] = []
        for x, regs in ((i, a_reg), (j, b_reg)):
            mine = hit & personal[x] if only_personal else hit
            found = sorted_unique(pair_of[mine] * span + x[mine]) // span
            total = (npers if only_personal else cnt)[regs]
            side.append(np.bincount(found, minlength=a_reg.size) / np.maximum(total, 1))
        shares.append(np.minimum(side[0], side[1]))
    return shares[0], shares[1]
