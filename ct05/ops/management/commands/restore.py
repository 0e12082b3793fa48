"""`ct05 restore FILE`: an archive from `ct05 backup` into an empty installation (docs/operations.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections

from ct05.ops.backup import BackupError
from ct05.ops.restore import backup_restore


class Command(BaseCommand):
    help = "Khôi phục một bản sao lưu của `ct05 backup` vào một cài đặt trống (cơ sở dữ liệu và thư mục tệp)."
    requires_system_checks: list[str] = []  # the database is empty: nothing to check against yet

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", help="Tệp sao lưu (.tar) do `ct05 backup` tạo.")

    def handle(self, *args: Any, **options: Any) -> None:
        connections["default"].close()  # the restore writes the database from outside this connection
        try:
            done = backup_restore(
                archive=Path(options["archive"]),
                db=settings.DATABASES["default"],
                var_dir=Path(settings.VAR_DIR),
            )
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        manifest = done["manifest"]
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã khôi phục bản sao lưu ngày {manifest['created_at']} (CT05 {manifest['ct05_version']}): "
                f"cơ sở dữ liệu và {done['files']} tệp."
            )
        )
        if done["older_apps"]:
            self.stdout.write(
                "Lược đồ của bản sao lưu cũ hơn mã nguồn này ("
                + ", ".join(done["older_apps"])
                + "): chạy `ct05 migrate` trước khi mở trang."
            )
