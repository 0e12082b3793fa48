"""The compliance calendar: a cell's months × requirements for a year, or, for a unit above cells, the
same grid summed over its cells with a line per sub-unit to drill down; and its .xlsx export."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from ct05.access.resolver import org_scope
from ct05.core.web.lists import years
from ct05.core.web.params import year_param
from ct05.core.xlsx import xlsx_response
from ct05.orgs.selectors import organizations as org_selectors
from ct05.records import compliance
from ct05.records.selectors import meetings as sel
from ct05.records.views._common import today

STATUS_WORDS = {
    compliance.OK: "Đạt",
    compliance.LATE: "Trễ",
    compliance.MISSING: "Thiếu",
    compliance.PENDING: "Chưa đến hạn",
    compliance.NA: "",
}


def _year(request: HttpRequest) -> int:
    return year_param(request, today().year) or today().year


@login_required
def calendar_page(request: HttpRequest, pk: int) -> HttpResponse:
    org = org_selectors.organization_get(user=request.user, pk=pk)
    year = _year(request)
    roll = sel.compliance_roll_up(user=request.user, org=org, year=year, today=today())
    visible = [a for a in org.ancestors() if org_scope(request.user).contains(a)]
    return render(
        request,
        "records/calendar.html",
        {
            "org": org,
            "ancestors": visible,
            "year": year,
            "years": years(),
            "roll": roll,
            "single": roll.cells[0] if org.kind.is_cell and roll.cells else None,
            "months": range(1, 13),
            "words": STATUS_WORDS,
            "can_manage": org_scope(request.user, "manage").contains(org),
        },
    )


@login_required
def calendar_export(request: HttpRequest, pk: int) -> HttpResponse:
    org = org_selectors.organization_get(user=request.user, pk=pk)
    year = _year(request)
    calendars = sel.compliance_calendars(user=request.user, org=org, year=year, today=today())
    headers = [_("Mã chi bộ"), _("Chi bộ"), _("Trực thuộc"), _("Yêu cầu")] + [f"{m:02d}/{year}" for m in range(1, 13)]

    def rows() -> Iterable[list[object]]:
        for c in calendars:
            for row in c.rows:
                months: list[object] = []
                for slot in row.slots:
                    months.extend([STATUS_WORDS[slot.status]] * slot.span)
                yield [c.cell.code, c.cell.name, c.cell.parent.name if c.cell.parent else "", row.label, *months]

    return xlsx_response(_("Lịch tuân thủ"), headers, rows(), f"lich-tuan-thu-{org.code.lower()}-{year}")
