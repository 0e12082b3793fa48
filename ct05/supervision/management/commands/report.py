"""`ct05 report <kind> … -o FILE.docx`: official documents from the command line, e.g.
`ct05 report mission --id 3 -o bao-cao.docx`. The kinds are registered in ct05/core/reporting.py."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.module_loading import import_module

from ct05.core.reporting import REPORTS


class Command(BaseCommand):
    help = "Xuất văn bản chính thức (.docx) theo thể thức văn bản của Đảng."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="kind", required=True)
        for kind, path in REPORTS.items():
            module = import_module(path)
            p = sub.add_parser(kind, help=(module.__doc__ or kind).strip().splitlines()[0])
            p.add_argument("-o", "--output", required=True, help="Tệp .docx cần ghi.")
            module.add_arguments(p)

    def handle(self, *args: Any, **options: Any) -> None:
        module = import_module(REPORTS[options["kind"]])
        out = Path(options["output"])
        if out.suffix.lower() != ".docx":
            raise CommandError("Tệp kết quả phải có đuôi .docx.")
        if not out.parent.exists():
            raise CommandError(f"Thư mục {out.parent} không tồn tại.")
        data = module.build(options)
        out.write_bytes(data)
        self.stdout.write(self.style.SUCCESS(f"Đã ghi {out} ({len(data):,} byte)."))
