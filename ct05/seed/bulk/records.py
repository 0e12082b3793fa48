"""`seed_province_records`: about 24,000 meeting records a year for every cell under the province root,
written with bulk_create in batches (for load tests and benchmarks; called by `ct05 seed province`)."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from typing import IO

from django.db import transaction
from django.db.models import Q

from ct05.core.text import fold
from ct05.orgs.models import Member, Organization
from ct05.records.models import AgendaItem, Meeting, MeetingKind, MeetingRequirement, ResolutionItem

ROOT_CODE = "DIENBIEN"
TASKS = (
    "Vận động các hộ gia đình ký cam kết giữ gìn vệ sinh môi trường khu dân cư",
    "Thăm hỏi, tặng quà gia đình chính sách nhân dịp lễ, Tết",
    "Rà soát, lập danh sách hộ nghèo, cận nghèo báo cáo Đảng ủy",
    "Tổ chức cho đảng viên đăng ký nội dung làm theo gắn với nhiệm vụ được giao",
    "Vận động nhân dân đóng góp Quỹ khuyến học của tổ",
    "Kiểm tra việc thực hiện nghị quyết tháng trước ở các tổ công tác",
)
TOPICS = (
    "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về xây dựng khối đại đoàn kết toàn dân tộc",
    "Nêu gương của cán bộ, đảng viên theo Quy định 08-QĐi/TW",
    "Trách nhiệm của đảng viên với Nhân dân nơi cư trú",
    "Thực hành tiết kiệm, chống lãng phí trong cơ quan, đơn vị",
)


def _cells(root: Organization, start: dt.date, end: dt.date) -> list[Organization]:
    return list(
        Organization.objects.filter(path__startswith=root.path, kind__is_cell=True, active_from__lte=end)
        .filter(Q(active_to__isnull=True) | Q(active_to__gte=start))
        .order_by("path")
    )


def seed_province_records(*, year: int, stdout: IO[str], code: str = ROOT_CODE, batch: int = 5000) -> None:
    """Regular meetings every month (about 5% missed, 10% without the study item), a thematic meeting most
    quarters, and one resolution item per meeting, for every cell under `code`: ~24,000 meetings for 2,000
    cells. Cells that already have meetings in `year` are left as they are."""
    root = Organization.objects.filter(code=code).first()
    if root is None:
        stdout.write(f"Không có tổ chức mã {code}.\n")
        return
    rng = random.Random(year)
    today = dt.date.today()
    start, end = dt.date(year, 1, 1), min(dt.date(year, 12, 31), today - dt.timedelta(days=1))
    cells = _cells(root, start, end)
    busy = set(Meeting.objects.filter(for_month__year=year).values_list("cell_id", flat=True).distinct())
    owners: dict[int, list[int]] = defaultdict(list)
    for cell_id, pk in (
        Member.objects.filter(status=Member.Status.ACTIVE, cell__path__startswith=root.path)
        .values_list("cell_id", "pk")
        .iterator(chunk_size=20000)
    ):
        owners[cell_id].append(pk)
    reqs = {r.code: r for r in MeetingRequirement.objects.in_effect(end).filter(shape="agenda")}
    study = reqs.get("study-item")
    others = [r for r in reqs.values() if r.meeting_kind == MeetingKind.REGULAR and r.code != "study-item"]
    pending: list[tuple[Meeting, bool]] = []
    total = 0

    def flush() -> int:
        if not pending:
            return 0
        with transaction.atomic():
            created = Meeting.objects.bulk_create([m for m, _s in pending])
            agenda: list[AgendaItem] = []
            items: list[ResolutionItem] = []
            for m, has_study in pending:
                if m.kind != MeetingKind.REGULAR:
                    continue
                if study is not None:
                    agenda.append(
                        AgendaItem(meeting=m, requirement=study, text=study.text, done=has_study, order=study.order)
                    )
                agenda.extend(
                    AgendaItem(meeting=m, requirement=r, text=r.text, done=True, order=r.order) for r in others
                )
                pool = owners.get(m.cell_id)
                if pool:
                    deadline = (m.date.replace(day=1) + dt.timedelta(days=62)).replace(day=1) - dt.timedelta(days=1)
                    done = deadline < end and rng.random() < 0.8
                    items.append(
                        ResolutionItem(
                            meeting=m,
                            order=1,
                            owner_id=rng.choice(pool),
                            task=rng.choice(TASKS),
                            deadline=deadline,
                            status=ResolutionItem.Status.DONE if done else ResolutionItem.Status.OPEN,
                            evidence="Đã thực hiện" if done else "",
                            completed_on=deadline if done else None,
                        )
                    )
            AgendaItem.objects.bulk_create(agenda, batch_size=5000)
            ResolutionItem.objects.bulk_create(items, batch_size=5000)
        n = len(created)
        pending.clear()
        return n

    for cell in cells:
        if cell.pk in busy:
            continue
        for month in range(1, 13):
            first = dt.date(year, month, 1)
            if first > end or first < cell.active_from.replace(day=1) or rng.random() < 0.05:
                continue
            day = dt.date(year, month, rng.randint(3, 12))
            if day > end or day < cell.active_from:
                continue
            m = Meeting(
                cell=cell,
                kind=MeetingKind.REGULAR,
                date=day,
                for_month=first,
                place="Hội trường chi bộ",
                search_text=fold(f"Sinh hoạt định kỳ tháng {month:02d}/{year}"),
            )
            pending.append((m, rng.random() >= 0.1))
            if month % 3 == 2 and rng.random() < 0.8:
                tday = dt.date(year, month, rng.randint(15, 25))
                if tday <= end:
                    topic = rng.choice(TOPICS)
                    pending.append(
                        (
                            Meeting(
                                cell=cell,
                                kind=MeetingKind.THEMATIC,
                                date=tday,
                                for_month=tday.replace(day=1),
                                topic=topic,
                                search_text=fold(f"Sinh hoạt chuyên đề {topic}")[:500],
                            ),
                            False,
                        )
                    )
        if len(pending) >= batch:
            total += flush()
            stdout.write(f"  {total} buổi sinh hoạt…\n")
    total += flush()
    stdout.write(f"  {total} buổi sinh hoạt chi bộ năm {year} cho {len(cells)} chi bộ\n")
