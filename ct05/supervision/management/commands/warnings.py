"""`ct05 warnings [--org CODE] [--date dd/mm/yyyy] [--schedule]`: evaluate the warning rules now and print
the open warnings (of the subtree of CODE); --schedule queues the nightly evaluation instead."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from ct05.core.cli import vn_date
from ct05.orgs.cli import org_code
from ct05.supervision.models import Warning
from ct05.supervision.services.warnings import warnings_evaluate
from ct05.supervision.tasks import schedule_daily


class Command(BaseCommand):
    help = "Đánh giá các quy tắc cảnh báo và in các cảnh báo đang mở."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--org",
            type=org_code,
            default=None,
            help="Mã đơn vị: chỉ đánh giá và in cảnh báo của đơn vị đó và cấp dưới.",
        )
        parser.add_argument("--date", type=vn_date, default=None, help="Ngày coi là hôm nay, dd/mm/yyyy (để thử).")
        parser.add_argument("--schedule", action="store_true", help="Đặt lịch đánh giá hằng đêm (chạy bởi db_worker).")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["schedule"]:
            queued = schedule_daily()
            self.stdout.write(
                "Đã đặt lịch đánh giá hằng đêm."
                if queued
                else "Lịch đánh giá hằng đêm đã có sẵn (hoặc hàng đợi không hỗ trợ hẹn giờ)."
            )
            return
        org = options["org"]
        run = warnings_evaluate(actor=None, today=options["date"], within=org)
        qs = Warning.objects.filter(resolved_on__isnull=True).select_related("organization")
        if org is not None:
            qs = qs.filter(organization__path__startswith=org.path)
        rows = list(qs.order_by("-severity", "organization__path", "code"))
        marks = {3: "!!!", 2: "!! ", 1: "!  "}
        for w in rows:
            self.stdout.write(
                f"{marks.get(w.severity, '   ')} [{w.organization.code}] {w.organization.name}: {w.message}"
            )
            for e in w.evidence[:5]:
                self.stdout.write(f"      - {e.get('label', '')} {e.get('url', '')}".rstrip())
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(rows)} cảnh báo đang mở (mới {run.opened}, còn {run.kept}, đã hết {run.resolved})."
            )
        )
