"""`ct05 remind [--date dd/mm/yyyy]`: send the reminders due (in-app and e-mail); safe to run daily.

The e-mails go through the outbox (ct05/core/mail.py): the command also sends what is due there, so mail
waiting for a mail server that came back leaves at the latest with the next daily run."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from ct05.core.cli import vn_date
from ct05.core.mail import outbox_deliver
from ct05.cycle.services.reminders import reminders_run


class Command(BaseCommand):
    help = "Gửi nhắc việc đăng ký làm theo (hạn đăng ký, bị trả lại, cập nhật tiến độ, tự đánh giá cuối năm)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", type=vn_date, default=None, help="Ngày coi là hôm nay, dd/mm/yyyy (để thử).")

    def handle(self, *args: Any, **options: Any) -> None:
        counts = reminders_run(today=options["date"])
        total = sum(counts.values())
        self.stdout.write(self.style.SUCCESS(f"Đã tạo {total} thông báo: {counts}"))
        mail = outbox_deliver()
        self.stdout.write(
            f"Thư: đã gửi {mail['sent']}, gửi lỗi (sẽ thử lại) {mail['failed']}, đã bỏ {mail['gave_up']}."
        )
