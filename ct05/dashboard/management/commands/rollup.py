"""`ct05 rollup [--year Y] [--org CODE] [--stale]`: recompute the dashboard's precomputed figures.

Run it after a bulk load (the seeds, an import that bypassed the services) and nightly from cron; writes
made through the services keep the figures fresh on their own (ct05/dashboard/stale.py).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ct05.core import clock
from ct05.dashboard.services import rollup_compute, stale_refresh
from ct05.orgs.models import Organization


class Command(BaseCommand):
    help = "Tính lại số liệu tổng hợp của bảng điều khiển (theo năm, cho một đơn vị và cấp dưới, hoặc toàn bộ)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--year", type=int, action="append", help="Năm (có thể nhắc lại; mặc định năm nay và năm trước)."
        )
        parser.add_argument("--org", default="", help="Mã tổ chức đảng: chỉ tính đơn vị này và cấp dưới.")
        parser.add_argument(
            "--stale", action="store_true", help="Chỉ tính lại các đơn vị có thay đổi chưa được cập nhật."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["stale"]:
            n = stale_refresh()
            self.stdout.write(self.style.SUCCESS(f"Đã cập nhật {n} đơn vị có thay đổi."))
            return
        this_year = clock.today().year
        years = options["year"] or [this_year - 1, this_year]
        for y in years:
            if not 2000 <= y <= this_year:
                raise CommandError(f"--year {y}: năm phải từ 2000 đến {this_year} (không tính cho năm tương lai).")
        org = None
        if options["org"]:
            org = (
                Organization.objects.filter(code=options["org"].strip().upper()).first()
                or Organization.objects.filter(code=options["org"].strip()).first()
            )
            if org is None:
                raise CommandError(f"--org: không có tổ chức đảng mã {options['org']!r}.")
        for y in years:
            self.stdout.write(f"Năm {y}{' · ' + org.name if org else ''}:")
            summary = rollup_compute(year=y, org=org, log=self.stdout.write)
            self.stdout.write(
                self.style.SUCCESS(f"  {summary['units']:,} đơn vị trong {summary['seconds']['total']:.1f} giây.")
            )
