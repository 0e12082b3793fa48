"""`ct05 tasks_reap`: put back in the queue (or fail) the tasks of workers that died (ct05/core/leases.py).

Workers and job pages reap too; this is for the minutes when neither runs (deploy/ct05-reaper.timer).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from ct05.core.leases import tasks_reap


class Command(BaseCommand):
    help = "Chạy lại (tối đa 3 lần) hoặc đánh dấu lỗi các tác vụ nền mà tiến trình xử lý đã dừng giữa chừng."

    def handle(self, *args: Any, **options: Any) -> None:
        reaped = tasks_reap()
        self.stdout.write(f"chạy lại: {len(reaped.retried)}; đánh dấu lỗi: {len(reaped.failed)}")
        for task_id in reaped.retried:
            self.stdout.write(f"  chạy lại {task_id}")
        for task_id in reaped.failed:
            self.stdout.write(f"  lỗi {task_id}")
