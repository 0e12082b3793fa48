"""Checks on the yearly cycle (issue 4): registrations missing, generic, copied or not tied to duties, key
leaders without an example-setting plan. They read the verdicts and verified pairs the cycle stores."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from typing import Any

from django.db.models import Count, Exists, F, OuterRef, Q, Window
from django.db.models.functions import RowNumber
from django.utils.translation import gettext as _

from ct05.cycle import models as cycle
from ct05.orgs.models import Member, Organization
from ct05.supervision.checks.base import MAX_EVIDENCE, Hit, link, pct
from ct05.supervision.models import WarningRule


def _registration_due(year: int) -> dt.date:
    row = cycle.CycleYear.objects.filter(year=year).first()
    return row.registration_due if row else cycle.CycleYear.default_for(year).registration_due


def _members(today: dt.date, within: Organization | None) -> Any:
    qs = Member.objects.filter(status=Member.Status.ACTIVE, is_exempt=False)
    if within is not None:
        qs = qs.filter(cell__path__startswith=within.path)
    return qs


def _by_cell(members: Any) -> dict[int, list[Member]]:
    out: dict[int, list[Member]] = defaultdict(list)
    for m in members.only("pk", "full_name", "cell_id").order_by("cell_id", "sort_key"):
        out[m.cell_id].append(m)
    return out


def registrations_missing(rule: WarningRule, today: dt.date, within: Organization | None) -> list[Hit]:
    due = _registration_due(today.year)
    if today <= due + dt.timedelta(days=int(rule.threshold)):
        return []
    done = cycle.Registration.objects.filter(member=OuterRef("pk"), year=today.year).exclude(
        status__in=cycle.Registration.EDITABLE
    )
    hits = []
    for cell_id, people in _by_cell(_members(today, within).exclude(Exists(done))).items():
        evidence = [link(_("Danh sách chưa đăng ký"), "cycle:missing", query=f"org={cell_id}&year={today.year}")]
        evidence += [link(m.full_name, "orgs:member_detail", m.pk) for m in people[:MAX_EVIDENCE]]
        hits.append(
            Hit(
                cell_id,
                _("%(n)s đảng viên chưa nộp bản đăng ký làm theo năm %(y)s (hạn %(d)s)")
                % {"n": len(people), "y": today.year, "d": f"{due:%d/%m/%Y}"},
                count=len(people),
                evidence=evidence,
            )
        )
    return hits


def _commitments(year: int, within: Organization | None) -> Any:
    qs = cycle.Commitment.objects.filter(registration__year=year)
    if within is not None:
        qs = qs.filter(registration__organization__path__startswith=within.path)
    return qs


# Which registrations illustrate a unit's ratio.
_EVIDENCE_FILTER: dict[str, dict[str, Any]] = {
    "generic": {"commitments__verdict": "generic"},
    "unlinked": {"commitments__duty__isnull": True},
    "uniform": {"commitments__uniform__in": list(cycle.Commitment.Uniform.values)},
}


def _ratio_hits(rule: WarningRule, year: int, rows: Any, flag: str, message: str, quality: str) -> list[Hit]:
    hits = []
    for row in rows:
        total, bad = row["total"], row[flag]
        if total < max(1, rule.min_count) or pct(bad, total) <= float(rule.threshold):
            continue
        org_id = row["registration__organization"]
        regs = (
            cycle.Registration.objects.filter(organization_id=org_id, year=year)
            .filter(**_EVIDENCE_FILTER[flag])
            .select_related("member")
            .distinct()[:MAX_EVIDENCE]
        )
        evidence = [
            link(
                _("Danh sách bản đăng ký"),
                "cycle:registration_list",
                query=f"org={org_id}&year={year}&quality={quality}",
            )
        ]
        evidence += [link(r.owner_name, "cycle:registration_detail", r.pk) for r in regs]
        hits.append(
            Hit(org_id, message % {"p": pct(bad, total), "n": bad, "t": total, "y": year}, count=bad, evidence=evidence)
        )
    return hits


def generic(rule: WarningRule, today: dt.date, within: Organization | None) -> list[Hit]:
    rows = (
        _commitments(today.year, within)
        .exclude(verdict="")
        .values("registration__organization")
        .annotate(total=Count("pk"), generic=Count("pk", filter=Q(verdict="generic")))
    )
    return _ratio_hits(
        rule,
        today.year,
        rows,
        "generic",
        _("%(p)s%% nội dung đăng ký làm theo năm %(y)s chung chung (%(n)s/%(t)s)"),
        "generic",
    )


def unlinked(rule: WarningRule, today: dt.date, within: Organization | None) -> list[Hit]:
    rows = (
        _commitments(today.year, within)
        .filter(registration__member__isnull=False)
        .values("registration__organization")
        .annotate(total=Count("pk"), unlinked=Count("pk", filter=Q(duty__isnull=True)))
    )
    return _ratio_hits(
        rule,
        today.year,
        rows,
        "unlinked",
        _("%(p)s%% nội dung đăng ký năm %(y)s không gắn với nhiệm vụ được giao (%(n)s/%(t)s)"),
        "no_duty",
    )


def uniform(rule: WarningRule, today: dt.date, within: Organization | None) -> list[Hit]:
    """Units where many commitments are a rule handed down to everyone (the unit's plan or standards, or the
    same item in many members' registrations: `Commitment.uniform`, issue 16): checkable, but not the
    member's own deed, and not counted as copied."""
    rows = (
        _commitments(today.year, within)
        .filter(registration__member__isnull=False)
        .values("registration__organization")
        .annotate(total=Count("pk"), uniform=Count("pk", filter=~Q(uniform="")))
    )
    return _ratio_hits(
        rule,
        today.year,
        rows,
        "uniform",
        _(
            "%(p)s%% nội dung đăng ký năm %(y)s là quy định chung của đơn vị (%(n)s/%(t)s): làm được, kiểm tra "
            "được nhưng chưa phải việc làm của cá nhân gắn với nhiệm vụ; không tính là sao chép"
        ),
        "uniform",
    )


def copied(rule: WarningRule, today: dt.date, within: Organization | None) -> list[Hit]:
    """Commitments with a verified near-duplicate or an identical copy elsewhere (stored by the cycle's
    analysis as `max_similarity`), per unit: the threshold is how many such commitments a unit may have.
    A rule handed down to the whole unit (`uniform`) is not a copy between members: the `uniform` check
    reports it."""
    rows = cycle.Commitment.objects.filter(registration__year=today.year, max_similarity__isnull=False, uniform="")
    if within is not None:
        rows = rows.filter(registration__organization__path__startswith=within.path)
    counts = rows.values("registration__organization").annotate(n=Count("pk")).order_by("registration__organization")
    counts = [(r["registration__organization"], r["n"]) for r in counts if r["n"] >= max(1, int(rule.threshold))]
    # The closest copies of every unit, in one query (not one per unit: a province has 2,000 cells).
    ranked = rows.annotate(
        rank=Window(
            RowNumber(),
            partition_by=F("registration__organization"),
            order_by=[F("max_similarity").desc(), F("pk").asc()],
        )
    ).filter(rank__lte=MAX_EVIDENCE)
    examples: dict[int, list[Any]] = defaultdict(list)
    for c in ranked.select_related("registration__member", "registration__organization").order_by("rank"):
        examples[c.registration.organization_id].append(c)
    hits = []
    for org_id, n in counts:
        evidence = [
            link(
                f"{c.registration.owner_name}: «{c.content[:60]}…» ({round(c.max_similarity * 100)}%)",
                "cycle:registration_detail",
                c.registration_id,
            )
            for c in examples[org_id]
        ]
        hits.append(
            Hit(
                org_id,
                _("%(n)s nội dung đăng ký năm %(y)s giống nội dung trong bản đăng ký khác (đã kiểm chứng)")
                % {"n": n, "y": today.year},
                count=n,
                evidence=evidence,
            )
        )
    return hits


def key_leader_plan(rule: WarningRule, today: dt.date, within: Organization | None) -> list[Hit]:
    due = _registration_due(today.year)
    if today <= due + dt.timedelta(days=int(rule.threshold)):
        return []
    plan = cycle.Registration.objects.filter(
        member=OuterRef("pk"), year=today.year, track=cycle.Registration.Track.KEY_LEADER
    ).exclude(status__in=cycle.Registration.EDITABLE)
    leaders = _members(today, within).filter(is_key_leader=True).exclude(Exists(plan))
    hits = []
    for cell_id, people in _by_cell(leaders).items():
        hits.append(
            Hit(
                cell_id,
                _("%(n)s cán bộ chủ chốt chưa có kế hoạch nêu gương năm %(y)s") % {"n": len(people), "y": today.year},
                count=len(people),
                evidence=[link(m.full_name, "orgs:member_detail", m.pk) for m in people[:MAX_EVIDENCE]],
            )
        )
    return hits


def verdict_counts(year: int, org_ids: list[int]) -> dict[int, Counter[str]]:
    """Per unit: commitments, generic ones, unlinked ones, copied ones — the sample's risk inputs."""
    out: dict[int, Counter[str]] = defaultdict(Counter)
    if not org_ids:
        return out
    rows = (
        cycle.Commitment.objects.filter(registration__year=year, registration__organization_id__in=org_ids)
        .values("registration__organization")
        .annotate(
            total=Count("pk"),
            generic=Count("pk", filter=Q(verdict="generic")),
            unlinked=Count("pk", filter=Q(duty__isnull=True, registration__member__isnull=False)),
            copied=Count("pk", filter=Q(max_similarity__isnull=False, uniform="")),
        )
    )
    for r in rows:
        out[r["registration__organization"]].update({k: r[k] for k in ("total", "generic", "unlinked", "copied")})
    return out
