"""Demo data of supervision (issue 6), written through the services where the dates allow it.

1. The article's mission (DESIGN.md section 1), completed: the provincial survey of Đảng ủy Dân - Chính -
   Đảng tỉnh (DCD), Đảng bộ thành phố Điện Biên Phủ (TPDBP) and four grassroots units (PMT, PTT, NHNN,
   CDKTKT), with in-depth reports answered, findings, the issued conclusion with its five tasks and the five
   remediation tasks (one done, one under way, one overdue — which warns the unit and the Tỉnh ủy —, …).
2. An annual inspection plan and a few self-inspections (some units have none: a real gap).
3. A mission in preparation whose proposed sample and pre-filled findings come from the warnings that the
   demo data really produces (evaluated here first).

Idempotent: does nothing when the article's mission is already there. Needs `ct05 seed demo` first.
"""

from __future__ import annotations

import datetime as dt
from typing import IO

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from ct05.access.models import Role, RoleAssignment
from ct05.access.services import role_assign, user_create
from ct05.orgs.models import Member, Organization
from ct05.supervision.models import (
    Finding,
    Mission,
    MissionMember,
    ReportAnswer,
    ReportRequest,
    Shortcoming,
)
from ct05.supervision.selectors.sample import propose_sample
from ct05.supervision.selectors.suggest import suggestions
from ct05.supervision.services import findings as fsvc
from ct05.supervision.services import missions as msvc
from ct05.supervision.services import plans as psvc
from ct05.supervision.services import requests as rsvc
from ct05.supervision.services.warnings import warnings_evaluate

ARTICLE_DECISION = "1268-QĐ/BTGTU"
UNITS = ["DCD", "TPDBP", "PMT", "PTT", "NHNN", "CDKTKT"]
TOPICS = [
    "Việc xây dựng chuẩn mực đạo đức công vụ, đạo đức nghề nghiệp của cơ quan, đơn vị",
    "Việc đăng ký làm theo, xây dựng kế hoạch cá nhân sau học tập chuyên đề năm",
]
RESULTS = {
    "DCD": [
        "Ban hành kế hoạch thực hiện Kết luận 01-KL/TW cụ thể, phù hợp với đặc điểm các cơ quan khối "
        "Dân - Chính - Đảng.",
        "Có bộ phận giúp việc cấp ủy theo dõi việc học tập và làm theo.",
    ],
    "TPDBP": [
        "Mặt trận Tổ quốc và các đoàn thể tuyên truyền bằng nhiều hình thức, gắn với cuộc vận động xây dựng "
        "đô thị văn minh.",
        "Văn bản, tài liệu về thực hiện Chỉ thị 05-CT/TW được lưu trữ đầy đủ.",
    ],
    "PMT": ["Đảng viên đăng ký làm theo vào sổ đăng ký của chi bộ; 100% đảng viên có bản đăng ký."],
    "PTT": ["Chuẩn mực đạo đức của cơ quan phường được rà soát, bổ sung hằng năm."],
    "NHNN": ["Kế hoạch thực hiện gắn với nhiệm vụ chuyên môn của ngành ngân hàng."],
    "CDKTKT": ["Lồng ghép học tập và làm theo vào hoạt động giảng dạy, rèn luyện học sinh, sinh viên."],
}
SHORTCOMINGS = {
    "DCD": [("cap-uy-chua-chu-dong", ""), ("chua-ro-nguoi-ro-viec", "")],
    "TPDBP": [("nghi-quyet-cap-uy-yeu", "")],
    "PMT": [("sinh-hoat-hoc-tap-mo-nhat", ""), ("dang-ky-chung-chung", "")],
    "PTT": [("chuyen-de-chua-sau", ""), ("so-nghi-quyet-chua-ro", "")],
    "NHNN": [
        ("chuan-muc-chua-ngan-gon", " Chuẩn mực còn dài (14 điều), chưa gắn với đạo đức nghề nghiệp ngân hàng."),
        ("dang-ky-sao-chep", ""),
    ],
    "CDKTKT": [("tu-kiem-tra-chua-thuong-xuyen", ""), ("dang-ky-khong-gan-nhiem-vu", "")],
}
RECOMMENDATIONS = {
    "PMT": "Đề nghị Ban Tuyên giáo và Dân vận Tỉnh ủy ban hành hướng dẫn mẫu bản đăng ký làm theo cho đảng viên "
    "ở tổ dân phố, nhất là đảng viên cao tuổi.",
    "NHNN": "Đề nghị có tài liệu gợi ý xây dựng chuẩn mực đạo đức theo từng loại hình cơ quan, đơn vị.",
}
COMMENDATION = (
    "Các cấp ủy đã ban hành kế hoạch thực hiện phù hợp với đặc điểm của từng đơn vị; công tác tuyên truyền được "
    "Mặt trận Tổ quốc và các đoàn thể quan tâm; chuẩn mực đạo đức được rà soát; việc đăng ký làm theo được ghi "
    "vào sổ đăng ký; văn bản về thực hiện Chỉ thị được lưu trữ; một số đơn vị có bộ phận giúp việc cấp ủy."
)
GENERAL_SHORTCOMINGS = (
    "Một số cấp ủy chưa chủ động, phân công nhiệm vụ chưa rõ người, rõ việc; chuẩn mực đạo đức chưa ngắn gọn, "
    "dễ nhớ, dễ thực hiện; bản đăng ký làm theo còn chung chung, có nội dung sao chép, chưa gắn với nhiệm vụ được "
    "giao; kiểm tra, giám sát, nhất là tự kiểm tra, chưa thường xuyên; nội dung học tập và làm theo trong sinh hoạt "
    "chi bộ hằng tháng còn lúng túng, sinh hoạt chuyên đề chưa sâu."
)
POINTS = [
    "Tiếp tục đẩy mạnh tuyên truyền bằng nhiều hình thức; người đứng đầu và đảng viên phải thực sự nêu gương.",
    "Đưa việc học tập và làm theo thành nội dung thường xuyên trong sinh hoạt chi bộ hằng tháng, gắn với "
    "nhiệm vụ của từng người.",
    "Xây dựng kế hoạch có giải pháp cụ thể, bảo đảm rõ người, rõ việc, rõ thời gian.",
    "Tăng cường kiểm tra, giám sát; thực hiện nghiêm Quy định 101-QĐ/TW và Quy định 08-QĐi/TW về trách nhiệm "
    "nêu gương, trước hết là của cán bộ chủ chốt.",
    "Kịp thời biểu dương, khen thưởng điển hình tiên tiến, nhân rộng mô hình hay; phê bình, uốn nắn lệch lạc.",
]
# point, unit, task, deadline (days after the mission's end, or an absolute date), status
TASKS = [
    (1, "DCD", "Tổ chức hội nghị tuyên truyền chuyên đề năm cho cán bộ chủ chốt các cơ quan khối", 90, "done"),
    (2, "PMT", "Đưa nội dung học tập và làm theo vào chương trình sinh hoạt hằng tháng của tất cả chi bộ tổ dân phố",
     620, "in_progress"),
    (3, "NHNN", "Rà soát, sửa bản đăng ký làm theo của đảng viên cho cụ thể, gắn với nhiệm vụ được giao", 400, "open"),
    (4, "CDKTKT", "Xây dựng và thực hiện kế hoạch tự kiểm tra việc thực hiện Chỉ thị 05-CT/TW hằng quý", 700, "open"),
    (5, "PTT", "Biểu dương các điển hình tiên tiến trong học tập và làm theo năm", 60, "done"),
]  # fmt: skip


def _owner(org: Organization) -> Member:
    people = Member.objects.filter(cell__path__startswith=org.path, status=Member.Status.ACTIVE)
    return (
        people.filter(party_position__icontains="Bí thư").order_by("cell__depth", "sort_key").first()
        or people.filter(is_key_leader=True).order_by("sort_key").first()
        or people.order_by("sort_key").first()
    )  # type: ignore[return-value]


def _user(username: str, full_name: str) -> User:
    user = User.objects.filter(username=username).first()
    return user or user_create(actor=None, username=username, password="ct05-demo", full_name=full_name)


def seed_demo_supervision(*, stdout: IO[str]) -> None:
    if Mission.objects.filter(decision_number=ARTICLE_DECISION).exists():
        stdout.write("Giám sát: đã có dữ liệu demo, bỏ qua.\n")
        return
    units = {o.code: o for o in Organization.objects.filter(code__in=[*UNITS, "DIENBIEN"])}
    missing = [c for c in [*UNITS, "DIENBIEN"] if c not in units]
    if missing:
        stdout.write(f"Giám sát: thiếu đơn vị {', '.join(missing)} (chạy `ct05 seed demo` trước); bỏ qua.\n")
        return
    supervisor = User.objects.filter(username="giamsat").first() or _user("giamsat", "Lường Văn Khăm")
    member = _user("doankhaosat", "Quàng Văn Khánh")
    today = timezone.localdate()
    if not RoleAssignment.objects.filter(user=member, role=Role.SUPERVISOR).exists():
        # A mission member must hold a supervising role (issue 12): an inspection officer of one committee,
        # whose mission gives temporary access to the units it visits.
        role_assign(actor=None, user=member, role=Role.SUPERVISOR, organization=units["DCD"], recursive=False)
    with transaction.atomic():
        article = _article_mission(units, supervisor, today)
        _plans(units, supervisor, today)
    stdout.write(f"Giám sát: đoàn khảo sát của bài viết (#{article.pk}, đã kết thúc, 5 nhiệm vụ).\n")
    with transaction.atomic():
        run = warnings_evaluate(actor=None, today=today)
    stdout.write(f"Giám sát: {run.opened} cảnh báo từ dữ liệu demo.\n")
    with transaction.atomic():
        next_one = _mission_in_preparation(units["DIENBIEN"], supervisor, member, today)
    stdout.write(
        f"Giám sát: đoàn đang chuẩn bị (#{next_one.pk}) với {next_one.units.count()} đơn vị do CT05 đề xuất và "
        f"{next_one.findings.count()} kết quả gợi ý. Thành viên đoàn: doankhaosat / ct05-demo.\n"
    )


def _article_mission(units: dict[str, Organization], supervisor: User, today: dt.date) -> Mission:
    # Before the 2025 reorganization (1 July 2025: the city committee closed, the wards moved under the
    # province), when Đảng bộ thành phố Điện Biên Phủ still existed — as in the article.
    start = dt.date(2025, 5, 12)
    end = start + dt.timedelta(days=11)
    m = msvc.mission_create(
        actor=None,
        issuing_body=units["DIENBIEN"],
        kind=Mission.Kind.SURVEY,
        title=f"Đoàn khảo sát việc thực hiện Chỉ thị 05-CT/TW và Kết luận 01-KL/TW năm {start.year}",
        issuer_name="Ban Tuyên giáo và Dân vận Tỉnh ủy",
        decision_number=ARTICLE_DECISION,
        decision_date=start - dt.timedelta(days=10),
        purpose="Đánh giá một năm thực hiện Chỉ thị 05-CT/TW và Kết luận 01-KL/TW ở 2 đảng bộ trực thuộc Tỉnh ủy và 4 "
        "tổ chức cơ sở đảng thuộc các loại hình khác nhau; nắm tình hình xây dựng chuẩn mực đạo đức công vụ và việc "
        "đăng ký làm theo của đảng viên.",
        start_date=start,
        end_date=end,
        leader=supervisor,
    )
    officer = User.objects.filter(username="tinhuy").first()
    if officer is not None:
        msvc.mission_member_add(actor=None, mission=m, user=officer, role=MissionMember.Role.SECRETARY)
    for code in UNITS:
        msvc.mission_unit_add(actor=None, mission=m, organization=units[code], reason="Theo kế hoạch khảo sát")
    msvc.mission_start(actor=None, mission=m)
    # Requests and answers dated in the past: written directly (the service refuses a deadline already past).
    for code in ["PMT", "PTT", "NHNN", "CDKTKT"]:
        for topic in TOPICS:
            req = ReportRequest.objects.create(
                mission=m, organization=units[code], topic=topic, deadline=start + dt.timedelta(days=5)
            )
            ReportAnswer.objects.create(
                request=req,
                text=f"{units[code].name} báo cáo: {topic.lower()} — đã triển khai đến các chi bộ; còn một số "
                "hạn chế như đoàn đã nêu.",
                answered_at=timezone.make_aware(dt.datetime.combine(start + dt.timedelta(days=4), dt.time(9))),
            )
    vocab = {s.code: s for s in Shortcoming.objects.all()}
    for code in UNITS:
        for text in RESULTS[code]:
            fsvc.finding_add(actor=None, mission=m, organization=units[code], kind=Finding.Kind.RESULT, text=text)
        for sc_code, extra in SHORTCOMINGS[code]:
            sc = vocab.get(sc_code)
            fsvc.finding_add(
                actor=None,
                mission=m,
                organization=units[code],
                kind=Finding.Kind.SHORTCOMING,
                text=(sc.text + "." + extra) if sc else extra,
                shortcoming=sc,
            )
        if code in RECOMMENDATIONS:
            fsvc.finding_add(
                actor=None,
                mission=m,
                organization=units[code],
                kind=Finding.Kind.RECOMMENDATION,
                text=RECOMMENDATIONS[code],
            )
    c = fsvc.conclusion_save(
        actor=None, mission=m, commendation=COMMENDATION, shortcomings=GENERAL_SHORTCOMINGS, points=POINTS
    )
    fsvc.conclusion_issue(actor=None, conclusion=c, on=end + dt.timedelta(days=7))
    msvc.mission_complete(actor=None, mission=m, on=end)
    msvc.mission_update(
        actor=None,
        mission=m,
        report_number="Số 215-BC/BTGDVTU",
        report_date=end + dt.timedelta(days=7),
        signer_on_behalf="T/M BAN THƯỜNG VỤ",
        signer_title="PHÓ TRƯỞNG BAN",
        signer_name="Lò Thị Minh Hằng",
        recipients="Thường trực Tỉnh ủy (b/c),\nCác đơn vị được khảo sát,\nLưu Ban.",
        follow_up_on=today + dt.timedelta(days=30),
    )
    for point, code, text, days, status in TASKS:
        task = fsvc.task_create(
            actor=None,
            mission=m,
            organization=units[code],
            owner=_owner(units[code]),
            deadline=end + dt.timedelta(days=days),
            text=text,
            point_number=point,
        )
        if status == "done":
            fsvc.task_update(
                actor=None,
                task=task,
                status=status,
                evidence="Đã thực hiện; báo cáo kết quả gửi Ban.",
                completed_on=min(today, task.deadline - dt.timedelta(days=5)),
            )
        elif status == "in_progress":
            fsvc.task_update(actor=None, task=task, status=status, evidence="Đã có 4/6 chi bộ thực hiện.")
    return m


def _plans(units: dict[str, Organization], supervisor: User, today: dt.date) -> None:
    psvc.inspection_plan_create(
        actor=None,
        organization=units["DIENBIEN"],
        year=today.year,
        number="Số 18-KH/TU",
        issued_on=min(dt.date(today.year, 1, 15), today),  # seeded on 1 January: issued today
        title=f"Kế hoạch kiểm tra, giám sát năm {today.year}",
        content="Kiểm tra việc thực hiện Chỉ thị 05-CT/TW, Kết luận 01-KL/TW tại 4 đảng bộ trực thuộc và 12 tổ chức "
        "cơ sở đảng; giám sát chuyên đề việc thực hiện Quy định 101-QĐ/TW, Quy định 08-QĐi/TW về trách nhiệm nêu "
        "gương (quý II, quý III).",
    )
    for code, days, subject in [
        ("PMT", 40, "Tự kiểm tra việc ghi sổ nghị quyết và nội dung học tập và làm theo trong sinh hoạt chi bộ"),
        ("DCD", 120, "Tự kiểm tra việc xây dựng chuẩn mực đạo đức công vụ tại các cơ quan khối"),
        ("TPDBP", 200, "Tự kiểm tra việc thực hiện kết luận của đoàn khảo sát tỉnh"),
    ]:
        psvc.self_inspection_create(
            actor=None,
            organization=units[code],
            date=today - dt.timedelta(days=days),
            subject=subject,
            result="Cơ bản thực hiện đúng; một số chi bộ còn ghi sổ chưa đầy đủ.",
            follow_up="Chấn chỉnh việc ghi sổ nghị quyết trong quý tới.",
        )


def _mission_in_preparation(province: Organization, supervisor: User, member: User, today: dt.date) -> Mission:
    m = msvc.mission_create(
        actor=None,
        issuing_body=province,
        kind=Mission.Kind.INSPECTION,
        title=f"Đoàn kiểm tra việc thực hiện Chỉ thị 05-CT/TW năm {today.year}",
        issuer_name="Ban Tuyên giáo và Dân vận Tỉnh ủy",
        decision_number=f"{today.month}42-QĐ/BTGDVTU",
        decision_date=today,
        purpose="Kiểm tra việc khắc phục các hạn chế đoàn khảo sát năm trước đã chỉ ra; tập trung vào các đơn vị có "
        "cảnh báo mức cao.",
        start_date=today,
        end_date=today + dt.timedelta(days=30),
        leader=supervisor,
    )
    msvc.mission_member_add(actor=None, mission=m, user=member, role=MissionMember.Role.MEMBER)
    proposal = propose_sample(user=supervisor, mission=m, size=6, today=today)
    msvc.mission_sample_apply(actor=None, mission=m, proposal=[(p.organization, p.risk, p.reason) for p in proposal])
    fsvc.findings_prefill(actor=None, mission=m, suggestions=suggestions(user=supervisor, mission=m, today=today))
    for unit in m.units.select_related("organization")[:4]:
        rsvc.report_request_create(
            actor=None,
            mission=m,
            organization=unit.organization,
            topic=TOPICS[1],
            deadline=today + dt.timedelta(14),
            detail="Nêu rõ số đảng viên đã sửa bản đăng ký theo kết luận của đoàn năm trước.",
        )
    return m
