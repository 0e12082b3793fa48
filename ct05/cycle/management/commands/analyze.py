"""`ct05 analyze --year Y [--org CODE]`: recompute verdicts, pairs and per-cell indicators."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from ct05.cycle.services.analysis import analyze
from ct05.orgs.cli import org_code


class Command(BaseCommand):
    help = "Phân tích chất lượng bản đăng ký làm theo của một năm (toàn tỉnh hoặc một đơn vị và cấp dưới)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, required=True, help="Năm đăng ký.")
        parser.add_argument("--org", type=org_code, default=None, help="Mã đơn vị (mặc định: toàn bộ).")
        parser.add_argument(
            "--workers", type=int, default=None, help="Số tiến trình chấm điểm song song (mặc định: số lõi, tối đa 4)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        org = options["org"]

        def progress(phase: str, done: int, total: int) -> None:
            self.stdout.write(f"  {phase}: {done}/{total}")
            self.stdout.flush()

        summary = analyze(year=options["year"], org=org, progress=progress, workers=options["workers"])
        self.stdout.write(self.style.SUCCESS(json.dumps(summary, ensure_ascii=False)))
