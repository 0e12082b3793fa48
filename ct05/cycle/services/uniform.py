"""Uniform versus personal (issue 16, item 5): which commitments are a rule handed down to the whole unit.

A commitment is "plan" when its items are in the unit's collective plan or its ethical standards (its own or
those of a unit above it), "shared" when the same items are in the registrations of many of the unit's
members (ct05.textcheck.uniform_commitments: at least 3 members and 30% of the unit), and the engine judges
it checkable ("specific"): a stock phrase everyone wrote ("Chấp hành tốt chủ trương…") stays generic and is
no rule. Such a commitment is checkable but not personal, and not a copy between members: supervisors see it
as a flag of its own (the "uniform" warning, the registration page), and the "copied" warning does not count
it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from ct05.cycle.models import Commitment
from ct05.orgs.models import Organization
from ct05.records.models import StandardItem
from ct05.textcheck import uniform_commitments


def _ancestors(path: str) -> list[int]:
    return [int(s) for s in path.strip("/").split("/") if s]


def _plan_texts(year: int, org_paths: dict[int, str]) -> dict[int, list[str]]:
    """Per unit: the collective plans of the year and the ethical standards of the unit and its ancestors."""
    wanted = {a for path in org_paths.values() for a in _ancestors(path)} | set(org_paths)
    own: dict[int, list[str]] = defaultdict(list)
    plans = Commitment.objects.filter(
        registration__year=year, registration__member__isnull=True, registration__organization_id__in=wanted
    ).values_list("registration__organization_id", "content")
    for org_id, text in plans.iterator(chunk_size=5000):
        own[org_id].append(text)
    items = StandardItem.objects.filter(standard__organization_id__in=wanted).values_list(
        "standard__organization_id", "text"
    )
    for org_id, text in items.iterator(chunk_size=5000):
        own[org_id].append(text)
    return {org: [t for a in {*_ancestors(path), org} for t in own.get(a, ())] for org, path in org_paths.items()}


def uniform_refresh(*, year: int, org_ids: Iterable[int]) -> int:
    """Recompute `Commitment.uniform` for the members' registrations of these units in `year`; writes only the
    rows whose flag changed and returns how many."""
    ids = sorted(set(org_ids))
    if not ids:
        return 0
    org_paths = dict(Organization.objects.filter(pk__in=ids).values_list("pk", "path"))
    plans = _plan_texts(year, org_paths)
    rows = (
        Commitment.objects.filter(
            registration__year=year, registration__member__isnull=False, registration__organization_id__in=ids
        )
        .order_by("registration__organization_id", "registration_id", "position", "pk")
        .values_list("pk", "content", "registration_id", "registration__organization_id", "uniform", "verdict")
    )
    units: dict[int, dict[int, list[tuple[int, str, str, bool]]]] = defaultdict(lambda: defaultdict(list))
    for pk, content, reg_id, org_id, flag, verdict in rows.iterator(chunk_size=20_000):
        units[org_id][reg_id].append((pk, content, flag, verdict == Commitment.Verdict.SPECIFIC))
    changed: list[Commitment] = []
    for org_id, regs in units.items():
        groups = list(regs.values())
        flags = uniform_commitments([[row[1] for row in g] for g in groups], plan_texts=plans.get(org_id, ()))
        for group, new_flags in zip(groups, flags, strict=True):
            for (pk, _content, old, checkable), flag in zip(group, new_flags, strict=True):
                new = flag if checkable else ""  # a stock phrase everyone wrote is generic, not a unit's rule
                if old != new:
                    changed.append(Commitment(pk=pk, uniform=new))
    Commitment.objects.bulk_update(changed, ["uniform"], batch_size=2000)
    return len(changed)
