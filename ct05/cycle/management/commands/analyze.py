"""`ct05 analyze --year Y [--org CODE]`: recompute verdicts, pairs and per-cell indicators.

`--on-workers`: the whole nation as one task per province (issue 15, item 4), taken by the `ct05 db_worker`
processes of every node; the command waits for them (at most `--wait` seconds) and prints each province as it
ends. Each province is analysed as its own subtree: verdicts, fingerprints, indicators and identical copies
across provinces are those of a single national run; near-copies (edited texts) are paired within a province
only (docs/benchmarks-cluster.md).
"""

from __future__ import annotations

import json
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_tasks.base import TaskResultStatus

from ct05.cycle.services.analysis import analyze
from ct05.cycle.tasks import provinces_enqueue
from ct05.orgs.cli import org_code

POLL_SECONDS = 1.0


class Command(BaseCommand):
    help = "Phân tích chất lượng bản đăng ký làm theo của một năm (toàn tỉnh hoặc một đơn vị và cấp dưới)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, required=True, help="Năm đăng ký.")
        parser.add_argument("--org", type=org_code, default=None, help="Mã đơn vị (mặc định: toàn bộ).")
        parser.add_argument(
            "--workers", type=int, default=None, help="Số tiến trình chấm điểm song song (mặc định: số lõi, tối đa 4)."
        )
        parser.add_argument(
            "--on-workers",
            action="store_true",
            help="Toàn quốc: mỗi tỉnh một tác vụ nền, do các tiến trình `ct05 db_worker` của mọi máy chạy.",
        )
        parser.add_argument(
            "--wait",
            type=int,
            default=7200,
            help="Với --on-workers: số giây tối đa chờ các tác vụ xong (0: chỉ xếp hàng, không chờ).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["on_workers"]:
            if options["org"] is not None:
                raise CommandError("--on-workers phân tích toàn quốc (mỗi tỉnh một tác vụ): bỏ --org.")
            if options["wait"] < 0:
                raise CommandError("--wait phải ≥ 0.")
            self._on_workers(year=options["year"], workers=options["workers"], wait=options["wait"])
            return
        org = options["org"]

        def progress(phase: str, done: int, total: int) -> None:
            self.stdout.write(f"  {phase}: {done}/{total}")
            self.stdout.flush()

        summary = analyze(year=options["year"], org=org, progress=progress, workers=options["workers"])
        self.stdout.write(self.style.SUCCESS(json.dumps(summary, ensure_ascii=False)))

    def _on_workers(self, *, year: int, workers: int | None, wait: int) -> None:
        t0 = time.monotonic()
        run = provinces_enqueue(year=year, workers=workers)
        queued = run.provinces
        self.stdout.write(f"Đã xếp hàng {len(queued)} tác vụ phân tích (mỗi tỉnh một tác vụ), năm {year}.")
        if not wait:
            return
        pending = dict(enumerate(queued))
        report: list[dict[str, Any]] = []
        for _poll in range(int(wait / POLL_SECONDS) + 1):  # bounded by --wait
            for key, (org, result) in list(pending.items()):
                if not result.is_finished:
                    result.refresh()
                if not result.is_finished:
                    continue
                del pending[key]
                line = self._finished(org.code, result)
                report.append(line)
            if not pending:
                break
            time.sleep(POLL_SECONDS)
        failed = [r["organization"] for r in report if r["status"] != TaskResultStatus.SUCCESSFUL]
        summary = {
            "year": year,
            "provinces": len(queued),
            "finished": len(report),
            "failed": failed,
            "commitments": sum(r.get("commitments", 0) for r in report),
            # the year's stock-phrase baseline: made once before queueing, then only read by each province
            "baseline_seconds": {
                "once": run.baseline_seconds,
                "in_tasks": round(sum(r.get("baseline_seconds") or 0 for r in report), 2),
            },
            "wall_seconds": round(time.monotonic() - t0, 1),
            "by_worker": _by_worker(report),
        }
        self.stdout.write(json.dumps(summary, ensure_ascii=False))
        if pending:
            codes = ", ".join(org.code for org, _r in pending.values())
            raise CommandError(f"Hết {wait} giây chờ; các tỉnh chưa xong (vẫn trong hàng đợi): {codes}.")
        if failed:
            raise CommandError(f"Phân tích lỗi ở: {', '.join(failed)} (xem nhật ký của tiến trình xử lý nền).")

    def _finished(self, code: str, result: Any) -> dict[str, Any]:
        worker = (result.worker_ids or ["?"])[-1]
        line: dict[str, Any] = {"organization": code, "status": result.status, "worker": worker}
        if result.status == TaskResultStatus.SUCCESSFUL:
            value = result.return_value or {}
            line["commitments"] = value.get("commitments", 0)
            line["seconds"] = value.get("seconds", {}).get("total")
            line["baseline_seconds"] = value.get("seconds", {}).get("baseline")
            self.stdout.write(f"  {code}: {line['commitments']} nội dung, {line['seconds']} giây, {worker}")
        else:
            self.stdout.write(self.style.ERROR(f"  {code}: lỗi ({result.status}), {worker}"))
        self.stdout.flush()
        return line


def _by_worker(report: list[dict[str, Any]]) -> dict[str, int]:
    out: dict[str, int] = {}
    for line in report:
        out[line["worker"]] = out.get(line["worker"], 0) + 1
    return out
