"""Registrations copied from one another with light edits (issue 16, item 6), found by the analysis.

`ct05.textcheck.copies.find_copied_items` reads every member's registration of the analysed subtree and year
at once (its weights are the corpus's), item by item: a copy with about one word in ten of each item changed,
its items reordered and another name is found even where each item's whole text is too far from the other
for the near-duplicate pairs. Each matched pair of commitments is stored as a `SimilarPair` (its items'
whole-text similarity) by the analysis, next to the near-duplicate pairs, so the pages and warnings that
show copies show these too.

A cell's own rules (the same item word for word in several members' registrations), the unit plans (the
registrations without a member), the year's topics and the duties members quote are the cell's and the
directive's wording, not a copy between members. Registrations are compared within their province: the
weights are the province's, and a national run stores what the provinces' runs store.
"""

from __future__ import annotations

from dataclasses import dataclass

from ct05.cycle import quality
from ct05.cycle.models import Commitment, Registration
from ct05.orgs.models import Organization
from ct05.textcheck.copies import COPIES_VERSION, find_copied_items


@dataclass(frozen=True)
class Copies:
    """What the analysis stores and reports."""

    pairs: list[tuple[int, int, float]]  # (commitment, commitment, similarity of the two items' texts)
    registrations: int  # pairs of registrations found copied
    version: str = COPIES_VERSION


def copied_commitments(*, year: int, org: Organization | None) -> Copies:
    """The matched commitments of every pair of members' registrations found copied inside the subtree,
    searched province by province (a national run finds what each province's run finds)."""
    regs = Registration.objects.filter(year=year)
    if org is not None:
        regs = regs.filter(organization__path__startswith=org.path)
    rows = (
        Commitment.objects.filter(registration__in=regs)
        .order_by("registration_id", "position", "pk")
        .values_list("registration_id", "registration__member_id", "registration__organization__path", "pk", "content")
    )
    items: dict[int, list[str]] = {}
    pks: dict[int, list[int]] = {}
    unit: dict[int, str] = {}
    plans: dict[str, list[str]] = {}
    for reg, member, path, pk, content in rows.iterator(chunk_size=20_000):
        province = path.strip("/").split("/")[0]
        if member is None:  # a unit's plan: its wording is the unit's, handed down
            plans.setdefault(province, []).append(content)
            continue
        items.setdefault(reg, []).append(content)
        pks.setdefault(reg, []).append(pk)
        unit[reg] = path
    duties = sorted(
        set(Commitment.objects.filter(registration__in=regs, duty__isnull=False).values_list("duty__text", flat=True))
    )
    topics = quality.all_template_texts(year)
    by_province: dict[str, list[int]] = {}
    for reg, path in unit.items():
        by_province.setdefault(path.strip("/").split("/")[0], []).append(reg)
    pairs: list[tuple[int, int, float]] = []
    registrations = 0
    for province, order in sorted(by_province.items()):
        found = find_copied_items(
            [items[r] for r in order],
            groups=[unit[r] for r in order],
            template_texts=(*topics, *duties, *plans.get(province, ())),
        )
        registrations += len({(c.a, c.b) for c in found})
        for c in found:
            a, b = pks[order[c.a]][c.item_a], pks[order[c.b]][c.item_b]
            pairs.append((min(a, b), max(a, b), round(c.similarity, 4)))
    return Copies(pairs=pairs, registrations=registrations)
