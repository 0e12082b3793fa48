"""`ct05 cleanup_uploads`: remove stored files no row refers to, after a grace period (ct05/ops/cleanup.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from ct05.ops.cleanup import GRACE, cleanup_uploads


class Command(BaseCommand):
    help = (
        "Xoá các tệp đã lưu mà không bản ghi nào còn trỏ tới (tệp nhập dở, tệp xuất quá hạn, tệp báo cáo, tài "
        "liệu mồ côi), sau thời gian chờ. Chạy hằng đêm bằng deploy/ct05-cleanup.timer."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--grace-hours",
            type=float,
            default=GRACE.total_seconds() / 3600,
            help="Chỉ xoá tệp cũ hơn số giờ này (mặc định 24): tệp vừa lưu có thể chưa có bản ghi.",
        )
        parser.add_argument("--dry-run", action="store_true", help="Chỉ liệt kê, không xoá.")

    def handle(self, *args: Any, **options: Any) -> None:
        grace = dt.timedelta(hours=max(options["grace_hours"], 0))
        found = cleanup_uploads(grace=grace, dry_run=options["dry_run"])
        verb = "Sẽ xoá" if options["dry_run"] else "Đã xoá"
        for o in found:
            self.stdout.write(f"{verb} {o.alias}:{o.name} ({o.reason})")
        self.stdout.write(self.style.SUCCESS(f"{verb} {len(found)} tệp."))
