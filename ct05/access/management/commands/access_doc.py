"""`ct05 access_doc`: write docs/access.md from the policy; `--check`: fail when it differs."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ct05.access.doc import DOC_PATH, render, write


class Command(BaseCommand):
    help = "Ghi docs/access.md từ bảng chính sách truy cập (ct05/access/policy.py)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--check", action="store_true", help="Chỉ kiểm tra: báo lỗi nếu tệp khác với mã.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["check"]:
            current = DOC_PATH.read_text(encoding="utf-8") if DOC_PATH.exists() else ""
            if current != render():
                raise CommandError(f"{DOC_PATH} khác với chính sách trong mã: chạy `ct05 access_doc`.")
            self.stdout.write("docs/access.md khớp với chính sách.")
            return
        write()
        self.stdout.write(f"Đã ghi {DOC_PATH}.")
