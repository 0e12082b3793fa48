"""`ct05 seed demo [--if-empty]`, `ct05 seed province`, `ct05 seed national --members N`.

demo: the article's units with ~300 members and five logins (ct05/seed/demo/), `make run` calls it with
--if-empty and relies on the logins table it prints. province and national: bulk data for load and
benchmarks (ct05/seed/bulk/), written in batches with bounded memory.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from ct05.orgs.models import Organization
from ct05.seed.bulk import cycle as bulk_cycle
from ct05.seed.bulk import records as bulk_records
from ct05.seed.bulk import statistics_refresh
from ct05.seed.bulk import tree as bulk
from ct05.seed.demo import cycle as demo_cycle
from ct05.seed.demo import records as demo_records
from ct05.seed.demo import tree as demo
from ct05.seed.demo.supervision import seed_demo_supervision
from ct05.seed.rollups import seed_demo_dashboard

Step = Callable[..., None]

# What is added to the demo and to the province after the tree, in order, with the years it fills: the
# routine records for last year too (so the dashboards have a year to compare with); the demo's members also
# get last year's registrations, closed (the "tự soi, tự sửa" panel and the year-on-year figures read them);
# the province's registrations are for this year only.
DEMO_STEPS: list[tuple[Step, tuple[int, ...]]] = [
    (demo_records.seed_demo_records, (-1, 0)),
    (demo_cycle.seed_demo_cycle_history, (-1,)),
    (demo_cycle.seed_demo_cycle, (0,)),
]
PROVINCE_STEPS: list[tuple[Step, tuple[int, ...]]] = [
    (bulk_records.seed_province_records, (-1, 0)),
    (bulk_cycle.seed_province_cycle, (0,)),
]


class Command(BaseCommand):
    _host = "127.0.0.1:8000"  # where the demo is served, printed beside its logins
    help = "Tạo dữ liệu mẫu: demo (các đơn vị trong bài viết), province (~50.000 đảng viên), national (N đảng viên)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="which", required=True)
        p_demo = sub.add_parser("demo", help="Các đơn vị của đoàn khảo sát, ~300 đảng viên, 5 tài khoản demo.")
        p_demo.add_argument(
            "--if-empty",
            action="store_true",
            help="Không làm gì nếu cơ sở dữ liệu đã có tổ chức đảng (dùng trong `make run`).",
        )
        p_demo.add_argument(
            "--tree-only",
            action="store_true",
            help="Chỉ tạo cây tổ chức, đảng viên và tài khoản (không tạo sổ sách, đăng ký).",
        )
        p_demo.add_argument(
            "--host",
            default="127.0.0.1:8000",
            help="Địa chỉ máy chủ in cạnh các tài khoản demo (`make run` truyền HOST của nó).",
        )
        p_demo.add_argument(
            "--allow-demo-password",
            action="store_true",
            help="Cho phép chạy khi DEBUG tắt (các tài khoản demo dùng chung một mật khẩu đã công bố).",
        )
        p_prov = sub.add_parser("province", help="Một tỉnh: ~50.000 đảng viên, ~600 tổ chức cơ sở đảng, ~2.000 chi bộ.")
        p_prov.add_argument(
            "--members", type=int, default=bulk.PROVINCE_MEMBERS, help="Số đảng viên (mặc định 50.000)."
        )
        p_prov.add_argument("--code", default=bulk.PROVINCE_CODE, help="Mã Tỉnh ủy gốc (mặc định DIENBIEN).")
        p_prov.add_argument("--batch", type=int, default=20_000, help="Số đảng viên mỗi lô ghi.")
        p_prov.add_argument("--seed", type=int, default=bulk.SEED, help="Hạt giống ngẫu nhiên.")
        p_prov.add_argument(
            "--tree-only",
            action="store_true",
            help="Chỉ tạo cây tổ chức và đảng viên (không tạo sinh hoạt chi bộ, đăng ký).",
        )
        p_nat = sub.add_parser("national", help="Toàn quốc: 34 tỉnh, thành; N đảng viên, ghi theo lô, bộ nhớ giới hạn.")
        p_nat.add_argument("--members", type=int, required=True, help="Số đảng viên (đến 5.600.000).")
        p_nat.add_argument("--batch", type=int, default=20_000, help="Số đảng viên mỗi lô ghi.")
        p_nat.add_argument("--seed", type=int, default=bulk.SEED, help="Hạt giống ngẫu nhiên.")

    def handle(self, *args: Any, **options: Any) -> None:
        which = options["which"]
        if which == "demo":
            if not settings.DEBUG and not options["allow_demo_password"]:
                # The demo logins share a published password: on a production site they would be a way in.
                raise CommandError(
                    "DEBUG đang tắt (máy chủ thật?): dữ liệu demo tạo các tài khoản dùng chung "
                    "một mật khẩu đã công bố. Chỉ chạy trên máy phát triển (DEBUG=true), "
                    "hoặc thêm --allow-demo-password nếu thật sự muốn."
                )
            self._host = options["host"]
            self._demo(if_empty=options["if_empty"], tree_only=options["tree_only"])
            return
        if options["members"] < 1 or options["batch"] < 100:
            raise CommandError("--members phải ≥ 1 và --batch phải ≥ 100.")
        try:
            if which == "province":
                stats = bulk.seed_province(
                    members=options["members"],
                    code=options["code"].upper(),
                    batch=options["batch"],
                    seed=options["seed"],
                    log=self._log,
                )
            else:
                stats = bulk.seed_national(
                    members=options["members"],
                    batch=options["batch"],
                    seed=options["seed"],
                    log=self._log,
                )
        except bulk.SeedConflict as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(stats.summary()))
        if which == "province" and not options["tree_only"]:
            self._steps(PROVINCE_STEPS)
            statistics_refresh()
            seed_demo_dashboard(stdout=self.stdout)

    def _steps(self, steps: list[tuple[Step, tuple[int, ...]]]) -> None:
        this_year = dt.date.today().year
        for step, years in steps:
            for offset in years:
                step(year=this_year + offset, stdout=self.stdout)

    def _log(self, line: str) -> None:
        self.stdout.write(line)
        self.stdout.flush()

    def _demo(self, *, if_empty: bool, tree_only: bool) -> None:
        if if_empty and Organization.objects.exists():
            self.stdout.write("Cơ sở dữ liệu đã có tổ chức đảng: không tạo dữ liệu demo (--if-empty).")
            self._print_logins()
            return
        self.stdout.write("Đang tạo dữ liệu demo…")
        try:
            stats = demo.seed_demo(log=self._log)
        except demo.DemoExists as exc:
            raise CommandError(
                f"Đã có Tỉnh ủy mã {exc}: dữ liệu demo đã được tạo. Dùng cơ sở dữ liệu trống, "
                "hoặc `ct05 seed demo --if-empty` để bỏ qua khi đã có dữ liệu."
            ) from exc
        self.stdout.write(
            self.style.SUCCESS(f"Đã tạo {stats['organizations']} tổ chức đảng và {stats['members']} đảng viên.")
        )
        if not tree_only:
            self._steps(DEMO_STEPS)
            # Once, after the records and registrations: the missions read the gaps those steps created.
            seed_demo_supervision(stdout=self.stdout)
            seed_demo_dashboard(stdout=self.stdout)
        self._print_logins()

    def _print_logins(self) -> None:
        rows = demo.logins_table()
        if not rows:
            return
        header = ("Tài khoản", "Vai trò", "Đơn vị", "Mật khẩu")
        widths = [max(len(r[i]) for r in [header, *rows]) for i in range(4)]
        self.stdout.write("")
        self.stdout.write(f"Tài khoản demo (http://{self._host}/):")
        for row in [header, *rows]:
            self.stdout.write("  " + "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
