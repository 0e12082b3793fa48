"""`ct05 backup -o FILE`: the database, every stored file and a manifest in one archive (docs/operations.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from ct05.ops.backup import BackupError, backup_write


class Command(BaseCommand):
    help = "Sao lưu cơ sở dữ liệu, mọi tệp đã lưu và bản kê (manifest) vào một tệp .tar."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("-o", "--output", required=True, help="Tệp sao lưu sẽ ghi (ví dụ ct05-2026-12-03.tar).")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            summary = backup_write(out=Path(options["output"]), var_dir=Path(settings.VAR_DIR))
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã sao lưu cơ sở dữ liệu ({summary.vendor}) và {summary.files} tệp vào {summary.path} "
                f"({summary.size:,} byte)."
            )
        )
