"""`ct05 doctor`: checks an installation and says what to fix; exit status 1 when a check fails."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ct05.ops.checks import FAIL, OK, doctor

LABEL = {OK: "[ OK ]", "warning": "[CHÚ Ý]", FAIL: "[ LỖI ]"}


class Command(BaseCommand):
    help = (
        "Kiểm tra một cài đặt: cơ sở dữ liệu, migration, tiến trình xử lý nền, thư mục tệp, cấu hình thư, "
        "SECRET_KEY; nói cần sửa gì."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--wait", type=float, default=20.0, help="Số giây chờ tiến trình xử lý nền chạy tác vụ thử (mặc định 20)."
        )
        parser.add_argument("--no-mail-connect", action="store_true", help="Không thử kết nối máy chủ thư.")

    def handle(self, *args: Any, **options: Any) -> None:
        checks = doctor(wait_seconds=options["wait"], connect_mail=not options["no_mail_connect"])
        for check in checks:
            line = f"{LABEL[check.status]} {check.name}: {check.message}"
            style = {OK: self.style.SUCCESS, FAIL: self.style.ERROR}.get(check.status, self.style.WARNING)
            self.stdout.write(style(line))
        failed = [check.name for check in checks if check.status == FAIL]
        if failed:
            raise CommandError(f"{len(failed)} kiểm tra không đạt: {', '.join(failed)}.")
        self.stdout.write(self.style.SUCCESS("Cài đặt sẵn sàng."))
