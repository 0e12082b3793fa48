"""What members write in their registrations, shared by the demo (`ct05.seed.demo.cycle`) and the bulk
cycle (`ct05.seed.bulk.cycle`): the year's topics and calendar, and commitments drawn from word pools —
specific ones written from the member's duty and cell, stock phrases, and copies with small edits.
"""

from __future__ import annotations

import datetime as dt
import random

from ct05.cycle.models import CycleYear, Topic
from ct05.cycle.services.registrations import CommitmentInput
from ct05.orgs.models import Member, Organization

SEED = 20260105
NATIONAL = (
    "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về ý chí tự lực, tự cường và khát vọng phát "
    "triển đất nước phồn vinh, hạnh phúc",
    "Chuyên đề toàn khóa theo Kết luận 01-KL/TW: đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí "
    "Minh gắn với xây dựng, chỉnh đốn Đảng và hệ thống chính trị trong sạch, vững mạnh; nêu cao tinh thần trách "
    "nhiệm, gương mẫu của cán bộ, đảng viên, nhất là người đứng đầu; ý chí tự lực, tự cường, khát vọng phát triển.",
)
PROVINCIAL = (
    "Thực hành tư tưởng, đạo đức, phong cách Hồ Chí Minh về trách nhiệm nêu gương, gần dân, vì dân",
    "Tỉnh ủy Điện Biên chọn chủ đề năm: cán bộ, đảng viên gần dân, trọng dân, giải quyết dứt điểm kiến nghị của "
    "Nhân dân; thực hiện rõ người, rõ việc, rõ thời gian, rõ kết quả; nâng cao chất lượng sinh hoạt chi bộ.",
)
FOCUS = (
    "Khâu đột phá: giải quyết thủ tục hành chính đúng hẹn và chỉnh trang tổ dân phố",
    "Đảng bộ phường chọn khâu đột phá: 100% hồ sơ thủ tục hành chính giải quyết đúng hẹn; mỗi tổ dân phố có ít "
    "nhất một tuyến phố sáng - xanh - sạch - đẹp.",
)

# Specific commitments are written from the member's duty and cell and slots with large filler lists, so
# two members of one cell with the same duty write different sentences (as real members do) unless one
# copies the other: the templates' fixed words are stock phrases the year's filter drops.
SPECIFIC = (
    "{duty}: {when} {verb} {n} {what} ở {place}, {proof}.",
    "Trong {duty_l}, {verb} {n} {what} {when}; {target}.",
    "{when} {verb} ít nhất {n} {what} cho {whom} ở {place}; {proof}.",
    "Vận động {n} hộ gia đình ở {place} {action} {when}; {proof}.",
    "Gắn với nhiệm vụ {duty_l}: {target}, {verb} {n} {what} {when}.",
    "Phối hợp {partner} {verb} {n} {what} cho {whom} {when}, {proof}.",
    "{verb} {what} cho {whom} ở {place}, đạt {n} lượt {when}; {target}.",
    "Tự sửa hạn chế năm trước trong {duty_l}: {verb} {n} {what} {when}, {proof}.",
)
VERBS = (
    "tổ chức",
    "thực hiện",
    "hướng dẫn",
    "kiểm tra",
    "rà soát",
    "vận động",
    "tuyên truyền",
    "hỗ trợ",
    "đôn đốc",
    "cập nhật",
    "giải quyết",
    "tiếp nhận",
)
WHATS = (
    "buổi sinh hoạt chuyên đề",
    "lượt thăm hỏi hộ nghèo",
    "hồ sơ thủ tục hành chính",
    "buổi tuyên truyền pháp luật",
    "lớp bồi dưỡng kỹ năng",
    "cuộc đối thoại với Nhân dân",
    "buổi tập huấn kỹ thuật trồng trọt",
    "hồ sơ cấp giấy chứng nhận quyền sử dụng đất",
    "lượt kiểm tra vệ sinh an toàn thực phẩm",
    "buổi họp tổ hòa giải",
    "đợt tiêm chủng cho trẻ em",
    "sổ hộ nghèo, cận nghèo",
    "lượt tuần tra an ninh",
    "buổi lao động vệ sinh môi trường",
    "kiến nghị của cử tri",
    "hồ sơ vay vốn chính sách",
    "buổi đọc sách cho thiếu nhi",
    "mô hình nuôi gà thả vườn",
)
WHOM = (
    "thanh niên",
    "hộ nghèo",
    "người cao tuổi",
    "phụ nữ",
    "học sinh",
    "hộ kinh doanh",
    "đồng bào dân tộc thiểu số",
    "người có công",
    "đoàn viên công đoàn",
    "hội viên nông dân",
)
PARTNERS = ("Mặt trận Tổ quốc", "Hội Phụ nữ", "Đoàn Thanh niên", "Hội Cựu chiến binh", "Hội Nông dân", "trạm y tế")
WHENS = (
    "trước ngày {d}/{m}/{y}",
    "trong quý {q} năm {y}",
    "mỗi tháng",
    "hằng quý",
    "trong 6 tháng đầu năm {y}",
    "từ tháng {m} đến hết năm {y}",
    "trước ngày {d} hằng tháng",
)
PROOFS = (
    "có sổ theo dõi",
    "minh chứng là biên bản có chữ ký",
    "báo cáo chi bộ tại sinh hoạt quý {q}",
    "lập danh sách theo dõi từng hộ",
    "có ảnh và danh sách người tham dự",
    "kết quả niêm yết tại nhà văn hóa",
    "cập nhật lên phần mềm quản lý",
)
TARGETS = (
    "phấn đấu {pct}% {whom} được hỗ trợ",
    "không để hồ sơ trễ hẹn",
    "giảm {n} hộ nghèo",
    "100% kiến nghị được trả lời trong {n} ngày",
    "tỷ lệ tham gia đạt {pct}%",
    "không có đơn thư vượt cấp",
)
ACTIONS = (
    "phân loại rác tại nguồn",
    "tham gia bảo hiểm y tế",
    "lắp đèn chiếu sáng ngõ xóm",
    "trồng cây xanh trước nhà",
    "làm nhà tiêu hợp vệ sinh",
    "cho con đi học đúng độ tuổi",
    "đăng ký hộ gia đình văn hóa",
    "hiến đất mở rộng đường",
    "không đốt rừng làm nương",
    "tham gia bảo hiểm xã hội tự nguyện",
)
GENERIC = (
    "Chấp hành tốt chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà nước.",
    "Không ngừng học tập, rèn luyện, nâng cao trình độ chuyên môn, nghiệp vụ.",
    "Tích cực học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.",
    "Thường xuyên gương mẫu, giữ gìn phẩm chất đạo đức, lối sống trong sạch.",
    "Đoàn kết, giúp đỡ đồng chí, đồng nghiệp hoàn thành tốt nhiệm vụ được giao.",
)


def seed_topics(*, year: int, ward: Organization | None, province: Organization | None) -> None:
    Topic.objects.get_or_create(
        level=Topic.Level.NATIONAL,
        year_from=min(2021, year),
        year_to=max(2026, year),
        title=NATIONAL[0],
        defaults={"full_text": NATIONAL[1]},
    )
    prov, _ = Topic.objects.get_or_create(
        level=Topic.Level.PROVINCIAL,
        year_from=year,
        year_to=year,
        title=PROVINCIAL[0],
        defaults={"full_text": PROVINCIAL[1], "organization": province},
    )
    if ward is not None:
        Topic.objects.get_or_create(
            level=Topic.Level.FOCUS,
            year_from=year,
            year_to=year,
            organization=ward,
            title=FOCUS[0],
            defaults={"full_text": FOCUS[1], "parent": prov},
        )
    CycleYear.objects.get_or_create(
        year=year,
        defaults={
            "term_label": "2025–2030",
            "registration_due": dt.date(year, 3, 31),
            "midyear_review": dt.date(year, 7, 15),
            "self_assessment_due": dt.date(year, 11, 30),
            "cell_assessment_due": dt.date(year, 12, 20),
        },
    )


def specific_text(rng: random.Random, year: int, duty: str | None, place: str) -> str:
    """A specific commitment; one written for a duty (`duty` given) names it, as members do."""
    q = rng.randint(1, 4)
    slots = {
        "d": rng.randint(1, 28),
        "m": rng.randint(2, 12),
        "y": year,
        "q": q,
        "pct": rng.choice((80, 85, 90, 95, 100)),
        "n": rng.randint(2, 40),
        "whom": rng.choice(WHOM),
    }
    duty = duty or ""
    if len(duty) > 120:  # a long duty is quoted by its first words, never cut inside a word
        duty = duty[:120].rsplit(" ", 1)[0].rstrip(",;:")
    templates = SPECIFIC if duty else [t for t in SPECIFIC if "{duty" not in t]
    text = rng.choice(templates).format(
        duty=duty,
        duty_l=duty.lower(),
        verb=rng.choice(VERBS),
        n=slots["n"],
        what=rng.choice(WHATS),
        whom=slots["whom"],
        partner=rng.choice(PARTNERS),
        place=place,
        action=rng.choice(ACTIONS),
        when=rng.choice(WHENS).format(**slots),
        proof=rng.choice(PROOFS).format(**slots),
        target=rng.choice(TARGETS).format(**slots),
    )
    return text[0].upper() + text[1:]


def edited_copy(rng: random.Random, text: str) -> str:
    """A copy "with small edits": one number changed and a word swapped, as found in the survey."""
    words = text.split(" ")
    for i, w in enumerate(words):
        if w.isdigit():
            words[i] = str(int(w) + rng.randint(1, 3))
            break
    if len(words) > 6:
        j = rng.randrange(2, len(words) - 2)
        words[j] = {"tổ chức": "thực hiện"}.get(words[j], words[j])
    return " ".join(words)


def commitment_items(rng: random.Random, member: Member, year: int, pool: list[str]) -> list[CommitmentInput]:
    duties = list(member.duties.all())
    place = member.cell.name.replace("Chi bộ ", "")
    items: list[CommitmentInput] = []
    for k in range(rng.randint(3, 5)):
        roll = rng.random()
        duty = rng.choice(duties) if duties and rng.random() < 0.65 else None
        if roll < 0.3:
            text = rng.choice(GENERIC)
            duty = None if rng.random() < 0.7 else duty
        elif roll < 0.4 and pool:
            text = edited_copy(rng, rng.choice(pool))
        else:
            text = specific_text(rng, year, duty.text if duty else None, place)
            pool.append(text)
        has_deadline = roll >= 0.3 and rng.random() < 0.8
        items.append(
            CommitmentInput(
                content=text,
                duty_id=duty.pk if duty else None,
                standard=f"qd144-{rng.randint(1, 5)}" if rng.random() < 0.6 else "",
                measures="Phân công cụ thể, báo cáo chi bộ hằng tháng" if roll >= 0.3 else "",
                milestones="hằng tháng" if has_deadline and k % 2 else "",
                deadline=dt.date(year, rng.choice((6, 9, 12)), 15) if has_deadline else None,
                expected_result="Có sổ theo dõi, biên bản" if roll >= 0.3 else "",
            )
        )
    return items
