"""Demo records for `ct05 seed demo` (called from the seed command).

`seed_demo_records` fills one year for the demo units through the services (so the audit log is the one
the application would write), with the gaps the survey mission found: a cell that skipped the study item
three months, a cell that missed a month and one that made a month up late, thematic meetings missing in a
ward, a unit with vague standards never reviewed, and overdue resolution items.
(The province's records, in bulk: `ct05.seed.bulk.records`.)
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from typing import IO

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import Q

from ct05.core.text import fold
from ct05.orgs.models import Member, Organization
from ct05.records.filestore import store_upload
from ct05.records.models import (
    ActivityForm,
    Attendance,
    CommendationLevel,
    DocumentType,
    Meeting,
    MeetingRequirement,
    ResolutionItem,
    StandardCategory,
)
from ct05.records.services import simple, standards
from ct05.records.services.meetings import (
    ItemInput,
    MeetingInput,
    meeting_create,
    meeting_set_attendance,
    meeting_set_contributions,
    resolution_item_progress,
    resolution_save,
)

ROOT_CODE = "DIENBIEN"
TASKS = (
    "Vận động các hộ gia đình ký cam kết giữ gìn vệ sinh môi trường khu dân cư",
    "Thăm hỏi, tặng quà gia đình chính sách nhân dịp lễ, Tết",
    "Rà soát, lập danh sách hộ nghèo, cận nghèo báo cáo Đảng ủy",
    "Tổ chức cho đảng viên đăng ký nội dung làm theo gắn với nhiệm vụ được giao",
    "Hoàn thiện hồ sơ đề nghị kết nạp quần chúng ưu tú vào Đảng",
    "Vận động nhân dân đóng góp Quỹ khuyến học của tổ",
    "Kiểm tra việc thực hiện nghị quyết tháng trước ở các tổ công tác",
    "Chuẩn bị nội dung sinh hoạt chuyên đề quý",
)
SAYINGS = (
    "Đề nghị chi bộ phân công cụ thể đảng viên phụ trách từng nhóm hộ.",
    "Đã hoàn thành việc được giao tháng trước; xin nhận thêm việc vận động hội viên phụ nữ.",
    "Việc học tập và làm theo cần gắn với công việc hằng ngày, có kết quả đo được.",
    "Báo cáo kết quả giúp đỡ 2 hộ khó khăn sửa nhà trước mùa mưa.",
)
TOPICS = (
    "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về xây dựng khối đại đoàn kết toàn dân tộc",
    "Nêu gương của cán bộ, đảng viên theo Quy định 08-QĐi/TW",
    "Trách nhiệm của đảng viên với Nhân dân nơi cư trú",
    "Thực hành tiết kiệm, chống lãng phí trong cơ quan, đơn vị",
)
ABSENT = ("Đi công tác", "Ốm, nằm viện", "Việc gia đình có báo cáo", "Đi học tập trung")


def _cells(root: Organization, start: dt.date, end: dt.date) -> list[Organization]:
    return list(
        Organization.objects.filter(path__startswith=root.path, kind__is_cell=True, active_from__lte=end)
        .filter(Q(active_to__isnull=True) | Q(active_to__gte=start))
        .select_related("parent", "kind")
        .order_by("path")
    )


def _unit(code: str) -> Organization | None:
    return Organization.objects.filter(code=code).first()


def _quarter_month(q: int) -> int:
    return q * 3 - 1


@transaction.atomic
def seed_demo_records(*, year: int, stdout: IO[str]) -> None:
    """One year of meetings, resolutions, standards, deeds, models, commendations, criticism, activities and
    documents for the demo units. Does nothing for cells that already have meetings that year."""
    root = _unit(ROOT_CODE)
    if root is None:
        stdout.write("Chưa có dữ liệu demo (Tỉnh ủy DIENBIEN): chạy `ct05 seed demo` trước.\n")
        return
    rng = random.Random(year * 7 + 5)
    today = dt.date.today()
    start, end = dt.date(year, 1, 1), min(dt.date(year, 12, 31), today - dt.timedelta(days=1))
    study = MeetingRequirement.objects.filter(code="study-item").order_by("-effective_from").first()
    study_ids = frozenset({study.pk}) if study else frozenset()
    cells = _cells(root, start, end)
    done_before = set(Meeting.objects.filter(date__year=year).values_list("cell_id", flat=True))
    ptt = [c for c in cells if c.parent and c.parent.code == "PTT" and "tổ dân phố" in c.name.lower()]
    skip_study = ptt[0].pk if ptt else None  # skipped the study item three months
    missed_month = ptt[1].pk if len(ptt) > 1 else None  # no meeting one month
    late_cell = next((c.pk for c in cells if c.code == "PMT-CA"), None)  # March made up in April
    n_meetings = 0
    for cell in cells:
        if cell.pk in done_before:
            continue
        members = list(Member.objects.filter(cell=cell, status=Member.Status.ACTIVE).order_by("sort_key"))
        if not members:
            continue
        secretary = next((m for m in members if "bí thư" in m.party_position.lower()), members[0])
        for month in range(1, 13):
            first = dt.date(year, month, 1)
            if first > end or first < cell.active_from.replace(day=1):
                continue
            if (cell.pk == missed_month and month == 9) or (cell.pk == late_cell and month == 3):
                continue  # September missed; March made up on 2 April (below)
            makeup = cell.pk == late_cell and month == 4
            day = dt.date(year, month, rng.randint(3, 10)) if not makeup else dt.date(year, 4, 2)
            if day > end or day < cell.active_from:
                continue
            skipped = cell.pk == skip_study and month in (3, 4, 5)
            m = _meeting(
                cell,
                members,
                secretary,
                "regular",
                day,
                rng,
                study_ids if not skipped else frozenset(),
                makeup=makeup,
                today=today,
            )
            n_meetings += 1
            if makeup:  # and April's own meeting, later in the month
                _meeting(cell, members, secretary, "regular", dt.date(year, 4, 16), rng, study_ids, today=today)
                n_meetings += 1
            _resolution(m, members, rng, end, today, overdue=(cell.code == "PMT-TDP1" and month == end.month - 2))
        for q in range(1, 5):
            if cell.parent and cell.parent.code == "PTT" and q in (2, 3):
                continue  # the survey's "shallow thematic meetings": some quarters without one
            day = dt.date(year, _quarter_month(q), rng.randint(18, 25))
            if day > end or day < cell.active_from:
                continue
            _meeting(
                cell,
                members,
                secretary,
                "thematic",
                day,
                rng,
                frozenset(),
                today=today,
                topic=TOPICS[(q - 1) % len(TOPICS)],
            )
            n_meetings += 1
    stdout.write(f"  {n_meetings} buổi sinh hoạt chi bộ năm {year}\n")
    _standards(year, today)
    n = _registers(year, end, cells, rng, today)
    stdout.write(
        f"  chuẩn mực đạo đức của các đơn vị; {n} bản ghi người tốt việc tốt, mô hình, khen thưởng, "
        "phê bình, tuyên truyền, văn bản\n"
    )


def _meeting(
    cell: Organization,
    members: list[Member],
    secretary: Member,
    kind: str,
    day: dt.date,
    rng: random.Random,
    agenda: frozenset[int],
    *,
    today: dt.date,
    makeup: bool = False,
    topic: str = "",
) -> Meeting:
    offered = MeetingRequirement.objects.in_effect(day).filter(shape="agenda", meeting_kind=kind)
    done = frozenset(agenda | {r.pk for r in offered if r.code != "study-item"})
    data = MeetingInput(
        kind=kind,
        date=day,
        place=f"Hội trường {cell.name}",
        chair=secretary,
        recorder=members[-1],
        topic=topic,
        makeup=makeup,
        agenda_done=done,
        content=("Báo cáo viên trình bày chuyên đề; chi bộ liên hệ với nhiệm vụ của đơn vị." if topic else ""),
    )
    m = meeting_create(actor=None, cell=cell, data=data, today=today)
    rows = []
    absent = set(rng.sample(range(len(members)), k=min(2, max(0, len(members) - 3))))
    for i, member in enumerate(members):
        if member.is_exempt:
            rows.append((member.pk, Attendance.Status.EXEMPT, ""))
        elif i in absent:
            rows.append((member.pk, Attendance.Status.ABSENT, rng.choice(ABSENT)))
        else:
            rows.append((member.pk, Attendance.Status.PRESENT, ""))
    meeting_set_attendance(actor=None, meeting=m, rows=rows)
    speakers = rng.sample(members, k=min(2, len(members)))
    meeting_set_contributions(actor=None, meeting=m, rows=[(s.pk, rng.choice(SAYINGS)) for s in speakers])
    return m


def _resolution(
    m: Meeting, members: list[Member], rng: random.Random, end: dt.date, today: dt.date, overdue: bool
) -> None:
    deadline = (m.date.replace(day=1) + dt.timedelta(days=62)).replace(day=1) - dt.timedelta(days=1)
    rows = [ItemInput(None, rng.choice(members), task, deadline) for task in rng.sample(TASKS, k=rng.randint(1, 2))]
    items = resolution_save(
        actor=None, meeting=m, summary="Chi bộ thống nhất các nhiệm vụ trọng tâm tháng tới.", rows=rows
    )
    for item in items:
        if overdue or item.deadline >= end:
            continue  # left open: the overdue ones show on the home page
        if rng.random() < 0.85:
            done_on = min(item.deadline, end)
            resolution_item_progress(
                actor=None,
                item=item,
                status=ResolutionItem.Status.DONE,
                evidence="Đã thực hiện; báo cáo tại buổi sinh hoạt tháng sau.",
                completed_on=done_on,
                today=today,
            )


GOOD_STANDARDS = {
    "PMT": (
        "Chuẩn mực đạo đức công vụ của cán bộ, đảng viên Đảng bộ phường Mường Thanh",
        [
            (4, "Đúng giờ, đúng hẹn với dân: trả kết quả thủ tục không trễ hẹn"),
            (3, "Không nhận quà, tiền của người đến làm thủ tục"),
            (1, "Lắng nghe, trả lời ý kiến của dân trong 5 ngày làm việc"),
            (5, "Mỗi quý nêu một việc làm theo gương Bác trong sinh hoạt chi bộ"),
        ],
    ),
    "NHNN": (
        "Chuẩn mực “4 luôn, 5 không” của cán bộ Ngân hàng Nhà nước chi nhánh Điện Biên",
        [
            (3, "Luôn bảo mật thông tin khách hàng, ngân hàng"),
            (4, "Luôn trả lời văn bản của tổ chức tín dụng đúng hạn"),
            (3, "Không gợi ý, không nhận lợi ích từ tổ chức tín dụng"),
            (2, "Luôn đề xuất ít nhất một cải tiến nghiệp vụ mỗi năm"),
        ],
    ),
    "CDKTKT": (
        "Chuẩn mực nhà giáo của Trường Cao đẳng Kinh tế - Kỹ thuật Điện Biên",
        [
            (5, "Lên lớp đúng giờ, soạn giáo án trước mỗi buổi dạy"),
            (3, "Không thu tiền, nhận quà của học sinh, phụ huynh"),
            (4, "Mỗi giáo viên kèm ít nhất 2 học sinh yếu mỗi học kỳ"),
        ],
    ),
}
VAGUE = (
    "Chuẩn mực đạo đức cán bộ, đảng viên Đảng bộ phường Tân Thanh",
    [
        (1, "Chấp hành tốt chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà nước"),
        (5, "Không ngừng nâng cao trình độ chuyên môn, nghiệp vụ, tích cực học tập"),
        (4, "Thường xuyên tu dưỡng, rèn luyện đạo đức, lối sống, nâng cao tinh thần trách nhiệm"),
        (2, "Tích cực đổi mới, sáng tạo trong công tác"),
        (4, "Đoàn kết, thống nhất, giữ gìn kỷ cương"),
        (3, "Cần, kiệm, liêm, chính, chí công vô tư"),
        (5, "Gương mẫu trong mọi công việc"),
        (1, "Yêu nước, tôn trọng Nhân dân"),
        (2, "Có bản lĩnh chính trị vững vàng"),
        (4, "Nêu cao tinh thần trách nhiệm trong công tác"),
        (5, "Khiêm tốn, học tập suốt đời"),
    ],
)


def _standards(year: int, today: dt.date) -> None:
    cats = {c.number: c for c in StandardCategory.objects.all()}
    if not cats:
        return
    for code, (title, items) in GOOD_STANDARDS.items():
        org = _unit(code)
        if org is None or hasattr(org, "ethics_standard"):
            continue
        s = standards.standard_save(
            actor=None,
            org=org,
            title=title,
            issued_on=dt.date(year - 1, 3, 15),
            items=[standards.StandardItemInput(cats[n], t) for n, t in items],
            today=today,
        )
        review = min(dt.date(year, 3, 20), today)
        standards.standard_review(actor=None, standard=s, date=review, note="Rà soát đầu năm", today=today)
    org = _unit("PTT")
    if org is not None and not hasattr(org, "ethics_standard"):  # vague, and never reviewed since 2022
        standards.standard_save(
            actor=None,
            org=org,
            title=VAGUE[0],
            issued_on=dt.date(2022, 5, 10),
            items=[standards.StandardItemInput(cats[n], t) for n, t in VAGUE[1]],
            today=today,
        )


def _pdf(title: str) -> bytes:
    text = fold(title)[:60].encode("ascii", "ignore")
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R/Resources<<>> >>endobj\n"
        b"4 0 obj<</Length 44>>stream\nBT /F1 12 Tf 72 770 Td (" + text + b") Tj ET\nendstream endobj\n"
        b"trailer<</Root 1 0 R>>\n%%EOF\n"
    )


def _registers(year: int, end: dt.date, cells: list[Organization], rng: random.Random, today: dt.date) -> int:
    n = 0
    pmt, ptt, nhnn, college = _unit("PMT"), _unit("PTT"), _unit("NHNN"), _unit("CDKTKT")
    if pmt is None or pmt.good_deeds.filter(date__year=year).exists():
        return 0

    def day(month: int) -> dt.date:
        return min(dt.date(year, month, rng.randint(1, 27)), end)

    members: dict[int, list[Member]] = defaultdict(list)
    for m in Member.objects.filter(cell__in=cells, status=Member.Status.ACTIVE):
        members[m.cell_id].append(m)
    deeds = (
        "Nhặt được ví có 5 triệu đồng, trả lại người đánh rơi",
        "Hiến 60 m² đất mở rộng đường ngõ",
        "Kèm cặp 3 học sinh nghèo học thêm buổi tối không lấy tiền",
        "Vận động 12 hộ tham gia bảo hiểm y tế hộ gia đình",
        "Cứu người đuối nước tại suối Nậm Rốm",
        "Giúp gia đình bà Lò Thị Ún sửa nhà sau lũ",
    )
    for i, cell in enumerate(cells[:12]):
        if not members[cell.pk]:
            continue
        who = rng.choice(members[cell.pk])
        simple.good_deed_save(
            actor=None,
            org=cell,
            date=day(1 + i % 11),
            deed=deeds[i % len(deeds)],
            member=who,
            beneficiary="Nhân dân tổ dân phố" if i % 2 else "Hộ gia đình khó khăn",
            verified_by="Trưởng ban công tác Mặt trận" if i % 3 else "",
            today=today,
        )
        n += 1
    models_ = []
    for org, name, results in (
        (pmt, "Mô hình “Tuyến phố văn minh, sạch đẹp”", "6 tuyến phố có camera an ninh, 100% hộ phân loại rác"),
        (nhnn, "Mô hình “Một cửa tín dụng chính sách tại bản”", "Giải ngân 18 tỷ đồng cho 420 hộ, không nợ quá hạn"),
        (college, "Mô hình “Giờ học sinh viên tự quản”", "92% sinh viên tốt nghiệp có việc làm trong 6 tháng"),
    ):
        if org is None:
            continue
        existing = org.exemplary_models.filter(name=name).first()
        if existing is not None:
            models_.append(existing)
            continue
        model = simple.exemplary_model_save(
            actor=None,
            org=org,
            kind="practice",
            name=name,
            started_on=dt.date(year - 1, 9, 1),
            results=results,
            description="Cách làm: phân công đảng viên phụ trách, kiểm tra hằng tháng.",
            today=today,
        )
        models_.append(model)
        n += 1
    if models_ and ptt is not None and not models_[0].replications.filter(organization=ptt).exists():
        simple.replication_add(
            actor=None,
            model=models_[0],
            organization=ptt,
            started_on=dt.date(year, 3, 1),
            results="Nhân rộng ra 3 tuyến phố của phường Tân Thanh",
            today=today,
        )
    level = CommendationLevel.objects.filter(code="giay-khen-dang-uy-co-so").first()
    top = CommendationLevel.objects.filter(code="bang-khen-tinh-uy").first()
    if level and models_:
        simple.commendation_save(
            actor=None,
            org=pmt,
            level=level,
            decision_number="125-QĐ/ĐU",
            decision_date=day(5),
            recipient_unit="Chi bộ tổ dân phố 1",
            model=models_[0],
            reason="Xây dựng mô hình tuyến phố văn minh",
            today=today,
        )
        n += 1
    if top and len(models_) > 1 and nhnn is not None:
        simple.commendation_save(
            actor=None,
            org=nhnn,
            level=top,
            decision_number="2150-QĐ/TU",
            decision_date=day(5),
            recipient_unit="Chi bộ Ngân hàng Nhà nước chi nhánh Điện Biên",
            model=models_[1],
            reason="Điển hình học tập và làm theo Bác giai đoạn 2021-2025",
            today=today,
        )
        n += 1
    if ptt is not None:
        target = next((c for c in cells if c.parent_id == ptt.pk and members[c.pk]), None)
        if target is not None:
            simple.criticism_save(
                actor=None,
                org=target,
                date=day(6),
                member=members[target.pk][0],
                issue="Bản đăng ký làm theo chung chung, sao chép của đảng viên khác",
                correction="Chi bộ phê bình, yêu cầu đăng ký lại gắn với nhiệm vụ được giao",
                decided_by="Chi bộ",
                today=today,
            )
            n += 1
    forms = {f.code: f for f in ActivityForm.objects.all()}
    for i, (code, title, org) in enumerate(
        (
            ("hoi-nghi", "Hội nghị học tập chuyên đề năm", pmt),
            ("phat-thanh", "Bản tin loa truyền thanh phường về gương người tốt việc tốt", pmt),
            ("mang-xa-hoi", "Đăng 12 bài trên trang Facebook của phường", ptt),
            ("noi-chuyen", "Nói chuyện chuyên đề Bác Hồ với đồng bào các dân tộc Tây Bắc", college),
            ("hoi-thi", "Hội thi “Tìm hiểu 70 năm Chiến thắng Điện Biên Phủ”", college),
            ("toa-dam", "Tọa đàm nêu gương trong ngành ngân hàng", nhnn),
        )
    ):
        if org is None or code not in forms:
            continue
        simple.activity_save(
            actor=None,
            org=org,
            form=forms[code],
            date=day(2 + i * 2),
            title=title,
            audience="Cán bộ, đảng viên và nhân dân",
            participants=rng.randint(40, 400),
            evidence="Ảnh, danh sách tham dự lưu tại văn phòng",
            today=today,
        )
        n += 1
    types = {t.code: t for t in DocumentType.objects.all()}
    root = _unit(ROOT_CODE)
    for code, number, issued, issuer, summary, org in (
        (
            "chi-thi",
            "05-CT/TW",
            dt.date(2016, 5, 15),
            "Bộ Chính trị",
            "Về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
            root,
        ),
        ("ket-luan", "01-KL/TW", dt.date(2021, 5, 18), "Bộ Chính trị", "Về tiếp tục thực hiện Chỉ thị 05-CT/TW", root),
        (
            "ke-hoach",
            "251-KH/TU",
            dt.date(year, 1, 20),
            "Tỉnh ủy Điện Biên",
            f"Kế hoạch thực hiện chuyên đề năm {year}",
            root,
        ),
        (
            "ke-hoach",
            "18-KH/ĐU",
            dt.date(year, 2, 10),
            "Đảng ủy phường Mường Thanh",
            f"Kế hoạch học tập và làm theo năm {year}",
            pmt,
        ),
    ):
        if org is None or code not in types or issued > today or org.documents.filter(number=number).exists():
            continue
        stored = store_upload(SimpleUploadedFile(f"{number}.pdf", _pdf(summary)))
        simple.document_save(
            actor=None,
            org=org,
            doc_type=types[code],
            number=number,
            issued_on=issued,
            issuer=issuer,
            summary=summary,
            file=stored,
            file_name=f"{number.replace('/', '-')}.pdf",
            today=today,
        )
        n += 1
    return n
