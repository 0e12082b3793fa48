"""Pre-filled findings for each unit of a mission, from the unit's own evidence: shortcomings from its open
warnings (through the vocabulary's rule codes), results from what its records show working. The mission
accepts, edits or rejects each one (services.findings)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from ct05.cycle.models import Registration
from ct05.orgs.models import Member, Organization
from ct05.records.models import Activity, Document, ExemplaryModel, UnitStandard
from ct05.records.quality import GOOD_VERDICTS
from ct05.supervision.checks.base import months_ago
from ct05.supervision.models import Finding, Mission, SelfInspection, Shortcoming, Warning
from ct05.supervision.selectors.warnings import open_warnings_under

MAX_LINKS = 12


def _shortcomings(org: Organization, warnings: list[Warning], vocab: list[Shortcoming]) -> list[dict[str, Any]]:
    out = []
    by_code: dict[str, list[Warning]] = {}
    for w in sorted(warnings, key=lambda w: (-w.severity, w.organization.path)):
        by_code.setdefault(w.code, []).append(w)
    for order, term in enumerate(vocab, start=1):
        found = [w for code in term.rules for w in by_code.get(code, [])]
        if not found:
            continue
        details = "; ".join(
            f"{w.organization.name if w.organization_id != org.pk else _('tại đơn vị')}: {w.message}" for w in found[:3]
        )
        more = _(" (và %(n)s cảnh báo khác)") % {"n": len(found) - 3} if len(found) > 3 else ""
        evidence = [
            {"label": _("Các cảnh báo của đơn vị"), "url": reverse("supervision:warning_list") + f"?org={org.pk}"}
        ]
        for w in found:
            evidence.extend(w.evidence[:3])
        out.append(
            {
                "organization": org,
                "kind": Finding.Kind.SHORTCOMING,
                "shortcoming": term,
                "text": f"{term.text}. {_('Căn cứ')}: {details}{more}.",
                "evidence": evidence[:MAX_LINKS],
                "order": order,
            }
        )
    return out


def _results(org: Organization, warnings: list[Warning], today: dt.date) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    codes = {w.code for w in warnings}

    def add(text: str, label: str, url: str) -> None:
        out.append(
            {
                "organization": org,
                "kind": Finding.Kind.RESULT,
                "text": text,
                "evidence": [{"label": label, "url": url}],
                "order": len(out) + 1,
            }
        )

    standard = UnitStandard.objects.filter(organization=org).first()
    if standard is not None and standard.verdict in GOOD_VERDICTS:
        add(
            _("Đã ban hành chuẩn mực đạo đức “%(t)s” (%(d)s), ngắn gọn, dễ nhớ, dễ thực hiện.")
            % {"t": standard.title, "d": f"{standard.issued_on:%d/%m/%Y}"},
            standard.title,
            reverse("records:standard_detail", args=[org.pk]),
        )
    under = Q(organization__path__startswith=org.path)
    since = months_ago(today, 12)
    cells = Organization.objects.filter(path__startswith=org.path, kind__is_cell=True).count()
    if cells and not codes & {"study_item", "thematic"}:
        add(
            _("Các chi bộ duy trì nội dung học tập và làm theo trong sinh hoạt định kỳ và sinh hoạt chuyên đề."),
            _("Danh sách sinh hoạt chi bộ"),
            reverse("records:meeting_list") + f"?org={org.pk}",
        )
    last = SelfInspection.objects.filter(under, date__gte=since).order_by("-date").first()
    if last is not None:
        add(
            _("Có tự kiểm tra việc thực hiện (%(d)s: %(s)s).") % {"d": f"{last.date:%d/%m/%Y}", "s": last.subject},
            last.subject,
            reverse("supervision:self_inspection_list") + f"?org={org.pk}",
        )
    docs = Document.objects.filter(under).count()
    if docs:
        add(
            _("Lưu trữ %(n)s văn bản về thực hiện Chỉ thị 05-CT/TW.") % {"n": docs},
            _("Văn bản của đơn vị"),
            reverse("records:document_list") + f"?org={org.pk}",
        )
    forms = Activity.objects.filter(under, date__gte=since).aggregate(n=Count("pk"), f=Count("form", distinct=True))
    if forms["n"]:
        add(
            _("Tuyên truyền bằng %(f)s hình thức (%(n)s hoạt động trong 12 tháng).") % forms,
            _("Hoạt động tuyên truyền"),
            reverse("records:activity_list") + f"?org={org.pk}",
        )
    models = ExemplaryModel.objects.filter(under).count()
    if models:
        add(
            _("Xây dựng %(n)s mô hình, điển hình học tập và làm theo.") % {"n": models},
            _("Mô hình, điển hình"),
            reverse("records:exemplary_model_list") + f"?org={org.pk}",
        )
    rate = _registration_rate(org, today)
    if rate is not None and rate >= 90:
        add(
            _("%(p)s%% đảng viên đã đăng ký làm theo năm %(y)s.") % {"p": rate, "y": today.year},
            _("Danh sách bản đăng ký"),
            reverse("cycle:registration_list") + f"?org={org.pk}&year={today.year}",
        )
    return out


def _registration_rate(org: Organization, today: dt.date) -> int | None:
    members = Member.objects.filter(cell__path__startswith=org.path, status=Member.Status.ACTIVE, is_exempt=False)
    total = members.count()
    if not total:
        return None
    done = (
        Registration.objects.filter(member__in=members, year=today.year)
        .exclude(status__in=Registration.EDITABLE)
        .count()
    )
    return round(100 * done / total)


def suggestions(*, user: Any, mission: Mission, today: dt.date) -> list[dict[str, Any]]:
    """What CT05 would write for each unit of the mission (the caller checked the user may work on it)."""
    orgs = [u.organization for u in mission.units.select_related("organization")]
    warnings = open_warnings_under(orgs=orgs)
    vocab = list(Shortcoming.objects.filter(active=True).exclude(rule_codes=""))
    out: list[dict[str, Any]] = []
    for org in orgs:
        out.extend(_results(org, warnings[org.pk], today))
        out.extend(_shortcomings(org, warnings[org.pk], vocab))
    return out
