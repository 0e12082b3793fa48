"""Reminders against the two failures the survey found ("đăng ký rồi quên", "nhận rồi quên"): in-app
notifications and e-mail (through the outbox, ct05/core/mail.py: sent by a worker and retried while the mail
server is down), to the member and the secretary.

Each notification has a key; the same key is never sent twice to a user, so `ct05 remind` can run every
day (weekly keys repeat an overdue reminder once a week).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ct05.access.models import Role, RoleAssignment
from ct05.core import clock
from ct05.core.mail import mail_queue
from ct05.cycle.models import CheckIn, CycleYear, Notification, Registration
from ct05.orgs.models import Member, Organization

DUE_SOON_DAYS = 14


def notify(*, user: User, kind: str, key: str, message: str, url: str = "", email: bool = True) -> bool:
    """Create the notification unless this user already had it; queue an e-mail when the user has an address
    (`emailed` records that it was queued; the outbox sends and retries it)."""
    try:
        with transaction.atomic():
            Notification.objects.create(
                user=user,
                kind=kind,
                key=key[:120],
                message=message[:500],
                url=url[:300],
                emailed=bool(email and user.email),
            )
            if email and user.email:
                mail_queue(to=user.email, subject=f"[CT05] {message[:120]}", body=f"{message}\n\n{url}")
    except IntegrityError:
        return False
    return True


def notification_mark_read(*, user: Any, pk: int | None = None) -> int:
    qs = Notification.objects.filter(user=user, read_at__isnull=True)
    if pk is not None:
        qs = qs.filter(pk=pk)
    return qs.update(read_at=timezone.now())


def secretaries_of(cell_ids: set[int], day: dt.date) -> dict[int, list[User]]:
    """Cell id -> the users holding the secretary role on that cell on `day`."""
    out: dict[int, list[User]] = defaultdict(list)
    rows = (
        RoleAssignment.objects.filter(role=Role.CELL_SECRETARY, organization_id__in=cell_ids, valid_from__lte=day)
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=day))
        .select_related("user")
    )
    for a in rows:
        if a.user.is_active:
            out[a.organization_id].append(a.user)
    return out


def notify_returned(*, registration: Registration) -> None:
    member = registration.member
    if member is None or member.user is None:
        return
    notify(
        user=member.user,
        kind="returned",
        key=f"returned-{registration.pk}-{registration.version}",
        message=_("Bản đăng ký làm theo năm %(y)s của bạn bị trả lại: %(c)s")
        % {"y": registration.year, "c": registration.return_comment[:200]},
        url=reverse("cycle:registration_detail", args=[registration.pk]),
    )


def calendar_for(year: int) -> CycleYear:
    return CycleYear.objects.filter(year=year).first() or CycleYear.default_for(year)


def _quarter_of(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1


@dataclass
class _Run:
    """One day's reminder run: its date and calendar, the year's registrations, what was sent, and what each
    cell's secretary is told at the end (kind, cell) -> how many."""

    today: dt.date
    year: int
    cal: CycleYear
    week: int
    regs: QuerySet[Registration]
    counts: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    per_cell: dict[tuple[str, int], int] = field(default_factory=lambda: defaultdict(int))


def reminders_run(*, today: dt.date | None = None, year: int | None = None) -> dict[str, int]:
    """Send every reminder due today; returns how many notifications of each kind were created."""
    today = today or clock.today()
    year = year or today.year
    run = _Run(
        today=today,
        year=year,
        cal=calendar_for(year),
        week=today.isocalendar().week,
        regs=Registration.objects.filter(year=year, member__isnull=False),
    )
    _registration_due(run)
    _returned_not_resubmitted(run)
    _checkin_due(run)
    _year_end_due(run)
    _assessment_due(run)
    _tell_secretaries(run)
    return dict(run.counts)


def _registration_due(run: _Run) -> None:
    """Registration due / overdue: active members without a submitted registration."""
    if not run.cal.registration_due - dt.timedelta(days=DUE_SOON_DAYS) <= run.today <= dt.date(run.year, 12, 31):
        return
    overdue = run.today > run.cal.registration_due
    done = run.regs.filter(member=OuterRef("pk")).exclude(status__in=Registration.EDITABLE)
    late = Member.objects.filter(status=Member.Status.ACTIVE, is_exempt=False).exclude(Exists(done))
    kind = "registration_overdue" if overdue else "registration_due"
    for m in late.select_related("user").iterator(chunk_size=2000):
        run.per_cell[(kind, m.cell_id)] += 1
        if m.user is not None and m.user.is_active:
            msg = (
                _("Bạn chưa nộp bản đăng ký làm theo năm %(y)s (hạn %(d)s đã qua).")
                if overdue
                else _("Hạn nộp bản đăng ký làm theo năm %(y)s là %(d)s.")
            ) % {"y": run.year, "d": run.cal.registration_due.strftime("%d/%m/%Y")}
            key = f"{kind}-{run.year}-{run.week}" if overdue else f"{kind}-{run.year}"
            run.counts[kind] += notify(
                user=m.user, kind=kind, key=key, message=msg, url=reverse("cycle:my_registration")
            )


def _returned_not_resubmitted(run: _Run) -> None:
    """Returned and not submitted again within a week."""
    for reg in run.regs.filter(
        status=Registration.Status.RETURNED, reviewed_at__lt=timezone.now() - dt.timedelta(days=7)
    ):
        run.per_cell[("returned", reg.organization_id)] += 1
        if reg.member and reg.member.user:
            run.counts["returned"] += notify(
                user=reg.member.user,
                kind="returned",
                key=f"returned-again-{reg.pk}-{run.week}",
                message=_("Bản đăng ký năm %(y)s bị trả lại vẫn chưa được nộp lại.") % {"y": run.year},
                url=reverse("cycle:registration_detail", args=[reg.pk]),
            )


def _checkin_due(run: _Run) -> None:
    """Check-in due for the quarter that just ended (or ends soon)."""
    quarter = _quarter_of(run.today)
    for q in (quarter - 1, quarter):
        if q < 1 or run.today.year != run.year:
            continue
        due = run.cal.checkin_due(q)
        if not (
            due - dt.timedelta(days=DUE_SOON_DAYS + run.cal.checkin_grace_days) <= run.today <= due + dt.timedelta(30)
        ):
            continue
        has = CheckIn.objects.filter(commitment__registration=OuterRef("pk"), quarter=q)
        for reg in (
            run.regs.filter(status=Registration.Status.ACCEPTED).exclude(Exists(has)).select_related("member__user")
        ):
            run.per_cell[("checkin_due", reg.organization_id)] += 1
            if reg.member and reg.member.user:
                run.counts["checkin_due"] += notify(
                    user=reg.member.user,
                    kind="checkin_due",
                    key=f"checkin-{reg.pk}-q{q}",
                    message=_("Cập nhật tiến độ quý %(q)s các nội dung đã đăng ký (hạn %(d)s).")
                    % {"q": q, "d": due.strftime("%d/%m/%Y")},
                    url=reverse("cycle:registration_detail", args=[reg.pk]),
                )


def _year_end_due(run: _Run) -> None:
    """Year-end self-assessment due."""
    if run.today >= run.cal.self_assessment_due - dt.timedelta(days=DUE_SOON_DAYS):
        for reg in run.regs.filter(status=Registration.Status.ACCEPTED).select_related("member__user"):
            run.per_cell[("year_end_due", reg.organization_id)] += 1
            if reg.member and reg.member.user:
                run.counts["year_end_due"] += notify(
                    user=reg.member.user,
                    kind="year_end_due",
                    key=f"year-end-{reg.pk}",
                    message=_("Tự đánh giá cuối năm %(y)s từng nội dung đã đăng ký (hạn %(d)s).")
                    % {"y": run.year, "d": run.cal.self_assessment_due.strftime("%d/%m/%Y")},
                    url=reverse("cycle:registration_detail", args=[reg.pk]),
                )


def _assessment_due(run: _Run) -> None:
    """The cell's assessment due: counted for the secretaries only."""
    if run.today >= run.cal.cell_assessment_due - dt.timedelta(days=DUE_SOON_DAYS):
        for org_id in run.regs.filter(status=Registration.Status.SELF_ASSESSED).values_list(
            "organization_id", flat=True
        ):
            run.per_cell[("assessment_due", org_id)] += 1


def _tell_secretaries(run: _Run) -> None:
    """Secretaries: one line per cell and kind, repeated weekly while it lasts."""
    labels = {
        "registration_due": _("%(n)s đảng viên của %(cell)s chưa nộp bản đăng ký làm theo năm %(y)s."),
        "registration_overdue": _("%(n)s đảng viên của %(cell)s quá hạn chưa nộp bản đăng ký năm %(y)s."),
        "returned": _("%(n)s bản đăng ký của %(cell)s bị trả lại chưa được nộp lại."),
        "checkin_due": _("%(n)s bản đăng ký của %(cell)s chưa cập nhật tiến độ quý."),
        "year_end_due": _("%(n)s bản đăng ký của %(cell)s chưa tự đánh giá cuối năm %(y)s."),
        "assessment_due": _("%(n)s bản đăng ký của %(cell)s chờ chi bộ nhận xét, xếp loại."),
    }
    cells = {cell for _kind, cell in run.per_cell}
    names = dict(Organization.objects.filter(pk__in=cells).values_list("pk", "name"))
    secretaries = secretaries_of(cells, run.today)
    for (kind, cell), n in sorted(run.per_cell.items()):
        for user in secretaries.get(cell, []):
            run.counts["secretary"] += notify(
                user=user,
                kind=f"cell_{kind}",
                key=f"cell-{kind}-{cell}-{run.year}-{run.week}",
                message=labels[kind] % {"n": n, "cell": names.get(cell, ""), "y": run.year},
                url=reverse("cycle:registration_list") + f"?org={cell}&year={run.year}",
            )
