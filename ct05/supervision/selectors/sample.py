"""The mission's proposed sample: candidates from the issuing body's subtree, their risk from the open
warnings and the cycle's stored verdicts, chosen by ct05.supervision.sampling, each with its reason."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from ct05.access.resolver import org_scope
from ct05.orgs.models import Organization
from ct05.supervision import sampling
from ct05.supervision.checks.cycle import verdict_counts
from ct05.supervision.checks.units import last_inspections
from ct05.supervision.models import Mission, Severity
from ct05.supervision.selectors.warnings import open_warnings_under

SEVERITY_WEIGHT = {Severity.LOW: 1.0, Severity.MEDIUM: 2.0, Severity.HIGH: 3.0}


@dataclass(frozen=True)
class Proposal:
    organization: Organization
    risk: float
    reason: str


def candidates(*, user: Any, mission: Mission, today: dt.date) -> list[Organization]:
    """Committees and grassroots units under the issuing body that the user may see and that are active; for
    a mission of a grassroots committee, its cells."""
    qs = (
        Organization.objects.active_on(today)
        .filter(org_scope(user).q(), path__startswith=mission.issuing_body.path)
        .exclude(pk=mission.issuing_body_id)
        .select_related("kind", "sector")
        .order_by("path")
    )
    if mission.issuing_body.kind.is_grassroots:
        return list(qs.filter(kind__is_cell=True))
    return list(qs.filter(Q(kind__is_grassroots=True) | Q(kind__is_cell=False)))


def _cells_under(orgs: list[Organization]) -> dict[int, list[int]]:
    q = Q()
    for o in orgs:
        q |= Q(path__startswith=o.path)
    paths = list(Organization.objects.filter(q).values_list("pk", "path")) if orgs else []
    return {o.pk: [pk for pk, path in paths if path.startswith(o.path)] for o in orgs}


def risk_of(orgs: list[Organization], today: dt.date) -> dict[int, tuple[float, list[str]]]:
    """Risk score and its reasons (Vietnamese, most important first) for each organization's subtree."""
    warnings = open_warnings_under(orgs=orgs)
    under = _cells_under(orgs)
    counts = verdict_counts(today.year, sorted({pk for ids in under.values() for pk in ids}))
    last = last_inspections([o.pk for o in orgs])
    out: dict[int, tuple[float, list[str]]] = {}
    for o in orgs:
        reasons: list[str] = []
        found = warnings[o.pk]
        score = sum(SEVERITY_WEIGHT.get(Severity(w.severity), 1.0) for w in found)
        if found:
            high = sum(1 for w in found if w.severity == Severity.HIGH)
            worst = max(found, key=lambda w: (w.severity, w.count))
            reasons.append(
                _("%(n)s cảnh báo đang mở (%(h)s mức cao), nặng nhất: %(w)s")
                % {"n": len(found), "h": high, "w": worst.message[:160]}
            )
        c: Counter[str] = Counter()
        for pk in under[o.pk]:
            c.update(counts.get(pk, Counter()))
        if c["total"]:
            generic, copied, unlinked = (round(100 * c[k] / c["total"]) for k in ("generic", "copied", "unlinked"))
            score += 3 * generic / 100 + 3 * copied / 100 + 2 * unlinked / 100
            if generic >= 30:
                reasons.append(_("%(p)s%% nội dung đăng ký chung chung") % {"p": generic})
            if copied:
                reasons.append(_("%(p)s%% nội dung đăng ký giống nhau") % {"p": copied})
            if unlinked >= 30:
                reasons.append(_("%(p)s%% nội dung đăng ký không gắn nhiệm vụ") % {"p": unlinked})
        when = last.get(o.pk)
        if when is None or (today - when).days > 365:
            score += 1
        out[o.pk] = (round(score, 2), reasons)
    return out


def propose_sample(*, user: Any, mission: Mission, size: int, today: dt.date) -> list[Proposal]:
    orgs = candidates(user=user, mission=mission, today=today)
    risks = risk_of(orgs, today)
    by_id = {o.pk: o for o in orgs}
    pool = [
        sampling.Candidate(
            id=o.pk,
            name=o.name,
            kind=o.kind.name,
            sector=o.sector.name if o.sector else "",
            committee=not o.kind.is_grassroots and not o.kind.is_cell,
            risk=risks[o.pk][0],
            risk_reasons=tuple(risks[o.pk][1]),
        )
        for o in orgs
    ]
    out = []
    for choice in sampling.choose(pool, size):
        c = choice.candidate
        parts = list(c.risk_reasons[:3]) or [_("chưa có dấu hiệu rủi ro: chọn làm đơn vị đối chứng")]
        if choice.new_kind:
            parts.append(_("đại diện loại %(k)s") % {"k": c.kind.lower()})
        if choice.new_sector:
            parts.append(_("đại diện loại hình %(s)s") % {"s": c.sector.lower()})
        text = "; ".join(parts)
        out.append(Proposal(by_id[c.id], c.risk, text[:1].upper() + text[1:] + "."))
    return out
