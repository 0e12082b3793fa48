"""Demo data of the yearly cycle, called by `ct05 seed demo` / `ct05 seed province` after the org tree.

`seed_demo_cycle`: this year's topics and calendar, and registrations of the demo members in every state of
the workflow, with a realistic mix: specific ones, generic ones, a few copied with small edits, some linked
to duties and some not. Written through the services (audit trail, fingerprints, pairs as in real use).

`seed_province_cycle`: ~50,000 registrations × ~5 commitments in bulk, then the background analysis.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any, TextIO

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from ct05.cycle import quality
from ct05.cycle.models import CheckIn, Commitment, CycleYear, Registration, Topic
from ct05.cycle.services import followup, registrations
from ct05.cycle.services.analysis import analyze
from ct05.cycle.services.registrations import CommitmentInput
from ct05.orgs.models import Duty, Member, Organization

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
# Planned shares of each final state (cumulative order matters: later states pass through earlier ones).
STATES = (
    ("none", 8),
    ("draft", 10),
    ("submitted", 14),
    ("returned", 6),
    ("accepted", 32),
    ("self_assessed", 10),
    ("assessed", 12),
    ("locked", 8),
)


def _say(stdout: TextIO | None, line: str) -> None:
    if stdout is not None:
        stdout.write(line + "\n")


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


def _specific(rng: random.Random, year: int, duty: str | None, place: str) -> str:
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


def _edit(rng: random.Random, text: str) -> str:
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


def _items(rng: random.Random, member: Member, year: int, pool: list[str]) -> list[CommitmentInput]:
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
            text = _edit(rng, rng.choice(pool))
        else:
            text = _specific(rng, year, duty.text if duty else None, place)
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


def _actor_for(member: Member, secretaries: dict[int, User], admin: User | None) -> Any:
    if member.user is not None and member.user.is_active and rng_own(member):
        return member.user
    return secretaries.get(member.cell_id) or admin


def rng_own(member: Member) -> bool:
    return member.pk % 3 != 0  # two in three members enter their own; the secretary enters for the others


def _state_plan(rng: random.Random, n: int) -> list[str]:
    """A final state for each of n members, in the planned shares, every state at least once when n allows
    (a new user must see each of them), in random order."""
    total = sum(w for _s, w in STATES)
    counts = {s: max(1 if n >= len(STATES) else 0, n * w // total) for s, w in STATES}
    largest = max(STATES, key=lambda sw: sw[1])[0]
    counts[largest] += n - sum(counts.values())
    plan = [s for s, k in counts.items() for _ in range(k)]
    rng.shuffle(plan)
    return plan


def seed_demo_cycle(*, year: int, stdout: TextIO | None = None) -> None:
    """This year's topics and the demo members' registrations in every state (idempotent per member)."""
    from ct05.access.models import Role, RoleAssignment

    rng = random.Random(SEED + year)
    province = Organization.objects.filter(parent__isnull=True).order_by("pk").first()
    ward = Organization.objects.filter(code="PMT").first()
    seed_topics(year=year, ward=ward, province=province)
    admin = (
        User.objects.filter(roles__role=Role.PROVINCE_ADMIN, is_active=True).order_by("pk").first()
        or User.objects.filter(is_superuser=True).order_by("pk").first()
    )
    secretaries = {
        a.organization_id: a.user
        for a in RoleAssignment.objects.filter(role=Role.CELL_SECRETARY).select_related("user")
    }
    members = list(
        Member.objects.filter(status=Member.Status.ACTIVE)
        .select_related("cell", "user")
        .prefetch_related("duties")
        .order_by("cell__path", "sort_key")
    )
    today = timezone.localdate()
    quarters = [q for q in (1, 2, 3, 4) if dt.date(year, 3 * q - 2, 1) <= today] or [1]
    pools: dict[int, list[str]] = {}
    counts: dict[str, int] = {}
    from ct05.cycle.models import RatingLevel

    levels = list(RatingLevel.objects.order_by("rank"))
    done = set(Registration.objects.filter(year=year, member__isnull=False).values_list("member_id", flat=True))
    members = [m for m in members if m.pk not in done]
    plans = {m.pk: _items(rng, m, year, pools.setdefault(m.cell_id, [])) for m in members}
    # The year's baseline (topic texts + phrases most members share) as the analysis would compute it, so
    # that stock phrases are judged generic rather than "copied" from the first registration on.
    quality.baseline_store(year=year, corpus=[i.content for items in plans.values() for i in items])
    states = _state_plan(rng, len(members))
    for member, state in zip(members, states, strict=True):
        if member.user is not None and member.user.username == "dangvien":
            state = "accepted"  # the demo member sees the follow-up screens at once
        counts[state] = counts.get(state, 0) + 1
        if state == "none":
            continue
        actor = _actor_for(member, secretaries, admin)
        manager = secretaries.get(member.cell_id) or admin
        if manager.pk == member.user_id:
            manager = admin  # nobody reviews their own registration (issue 12): the secretary's goes up a level
        with transaction.atomic():
            reg = registrations.registration_create(actor=actor, year=year, member=member)
            reg = registrations.registration_save(
                actor=actor, registration=reg, version=reg.version, commitments=plans[member.pk]
            )
            if state == "draft":
                continue
            reg = registrations.registration_submit(actor=actor, registration=reg, version=reg.version)
            if state == "submitted":
                continue
            if state == "returned":
                registrations.registration_return(
                    actor=manager,
                    registration=reg,
                    version=reg.version,
                    comment="Nội dung còn chung chung; ghi rõ số lượng và thời hạn.",
                )
                continue
            review = min(today, dt.date(year, 4, 10)) if reg.track == Registration.Track.KEY_LEADER else None
            reg = registrations.registration_accept(
                actor=manager, registration=reg, version=reg.version, cell_review_on=review
            )
            for c in reg.commitments.all():
                for q in quarters[: rng.randint(0, len(quarters))]:
                    followup.checkin_record(
                        actor=actor,
                        commitment=c,
                        quarter=q,
                        percent=min(100, 25 * q),
                        progress=f"Quý {q}: đã thực hiện theo kế hoạch",
                        evidence="Sổ theo dõi",
                    )
            if state == "accepted":
                continue
            results = [
                followup.SelfResultInput(c.pk, rng.choice(["done", "done", "partly", "not"]), "Sổ theo dõi")
                for c in reg.commitments.all()
            ]
            reg = followup.registration_self_assess(
                actor=actor,
                registration=reg,
                version=reg.version,
                results=results,
                summary="Cơ bản hoàn thành nội dung đã đăng ký.",
            )
            if state == "self_assessed":
                continue
            reg = followup.registration_assess(
                actor=manager,
                registration=reg,
                version=reg.version,
                rating=rng.choice(levels[:3]),
                comment="Chi bộ thống nhất nhận xét.",
            )
            if state == "locked":
                followup.registration_lock(actor=manager, registration=reg, version=reg.version)
    if ward is not None and not Registration.objects.filter(member__isnull=True, organization=ward, year=year).exists():
        officer = User.objects.filter(roles__role=Role.COMMITTEE_OFFICER, roles__organization=ward).first() or admin
        plan = registrations.registration_create(actor=officer, year=year, organization=ward)
        registrations.registration_save(
            actor=officer,
            registration=plan,
            version=plan.version,
            commitments=[
                CommitmentInput(
                    content=FOCUS[1], deadline=dt.date(year, 12, 15), measures="Phân công từng đảng ủy viên"
                )
            ],
        )
    analyze(year=year)
    _say(stdout, f"  đăng ký làm theo năm {year}: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))


def seed_province_cycle(
    *, year: int, stdout: TextIO | None = None, per_member: int = 5, batch: int = 5000, run_analysis: bool = True
) -> None:
    """Province scale: one registration (bulk, no audit: load data) per active member, ~5 commitments each,
    then the background analysis fills in verdicts, fingerprints, pairs and indicators (`run_analysis=False`
    leaves that to the caller: bench/cycle times it on its own).

    The mix is the demo's, written from each member's own duties and cell (as `seed_demo_cycle`):
    ~30 % stock phrases (identical across the province), ~6 % copies with small edits (mostly of a colleague
    in the same cell), the rest specific, two in three linked to one of the member's duties.
    """
    rng = random.Random(SEED)
    province = Organization.objects.filter(parent__isnull=True).order_by("pk").first()
    seed_topics(year=year, ward=None, province=province)
    have = set(Registration.objects.filter(year=year, member__isnull=False).values_list("member_id", flat=True))
    members = Member.objects.filter(status=Member.Status.ACTIVE).exclude(pk__in=have).values_list("pk", "cell_id")
    places = {
        pk: name.replace("Chi bộ ", "")
        for pk, name in Organization.objects.filter(kind__is_cell=True).values_list("pk", "name")
    }
    statuses = ["submitted", "accepted", "accepted", "accepted", "self_assessed", "draft"]
    by_cell: dict[int, list[str]] = {}  # the last specific texts written in each cell: what a colleague copies
    pool: list[str] = []
    total = 0
    chunk: list[tuple[int, int]] = []

    def flush() -> None:
        nonlocal total
        ids = [m for m, _c in chunk]
        duties: dict[int, list[tuple[int, str]]] = {}
        for pk, member_id, text in Duty.objects.filter(member_id__in=ids, ended_on__isnull=True).values_list(
            "pk", "member_id", "text"
        ):
            duties.setdefault(member_id, []).append((pk, text))
        regs = [Registration(year=year, member_id=m, organization_id=c, status=rng.choice(statuses)) for m, c in chunk]
        with transaction.atomic():
            Registration.objects.bulk_create(regs, batch_size=2000)
            regs = list(Registration.objects.filter(year=year, member_id__in=ids))
            commitments = []
            for reg in regs:
                own = duties.get(reg.member_id, [])
                colleagues = by_cell.setdefault(reg.organization_id, [])
                for k in range(rng.randint(per_member - 2, per_member + 2)):
                    roll = rng.random()
                    duty = rng.choice(own) if own and rng.random() < 0.65 else None
                    if roll < 0.3:
                        text = rng.choice(GENERIC)
                        duty = None if rng.random() < 0.7 else duty
                    elif roll < 0.36 and (colleagues or pool):
                        text = _edit(rng, rng.choice(colleagues if colleagues and rng.random() < 0.8 else pool))
                    else:
                        place = places.get(reg.organization_id, "địa bàn")
                        text = _specific(rng, year, duty[1] if duty else None, place)
                        colleagues.append(text)
                        del colleagues[:-10]
                        if len(pool) < 5000:
                            pool.append(text)
                    commitments.append(
                        Commitment(
                            registration=reg,
                            position=k + 1,
                            content=text,
                            duty_id=duty[0] if duty else None,
                            deadline=dt.date(year, 12, 15) if roll >= 0.3 else None,
                        )
                    )
            Commitment.objects.bulk_create(commitments, batch_size=5000)
        total += len(chunk)
        _say(stdout, f"  {total} bản đăng ký")
        chunk.clear()

    for row in members.iterator(chunk_size=batch):
        chunk.append(row)
        if len(chunk) >= batch:
            flush()
    if chunk:
        flush()
    if not run_analysis:
        return
    summary = analyze(year=year)
    _say(
        stdout,
        f"  phân tích: {summary['commitments']} nội dung, {summary['pairs']} cặp giống nhau, "
        f"{summary['seconds']['total']} giây",
    )


# Last year's reviews, as a cell's records hold them: rating names by rank (1 = best) and comments.
_COMMENTS = (
    "Hoàn thành tốt các nội dung đăng ký, có sổ theo dõi và minh chứng đầy đủ.",
    "Hoàn thành phần lớn nội dung; việc báo cáo tiến độ hằng quý còn chậm.",
    "Một số nội dung còn chung chung, chưa có minh chứng; cần đăng ký cụ thể hơn.",
    "Chưa hoàn thành nội dung gắn với nhiệm vụ chuyên môn; cần tự soi, tự sửa trong năm tới.",
)


def seed_demo_cycle_history(*, year: int, stdout: TextIO | None = None) -> None:
    """A past year's registrations of the demo members, closed (assessed and locked), with self-assessed
    results and the cell's rating and comment: what this year's "tự soi, tự sửa" panel and the dashboard's
    year-on-year comparison read. History is load data (bulk, no audit trail), then analysed like any year."""
    from ct05.cycle.models import RatingLevel

    if Registration.objects.filter(year=year).exists():
        return
    rng = random.Random(SEED + year)
    province = Organization.objects.filter(parent__isnull=True).order_by("pk").first()
    seed_topics(year=year, ward=Organization.objects.filter(code="PMT").first(), province=province)
    levels = list(RatingLevel.objects.order_by("rank"))
    closed = timezone.make_aware(dt.datetime(year, 12, 20, 9, 0))
    members = list(
        Member.objects.filter(status=Member.Status.ACTIVE, joined_on__lt=dt.date(year, 1, 1))
        .select_related("cell")
        .prefetch_related("duties")
        .order_by("cell__path", "sort_key")
    )
    pools: dict[int, list[str]] = {}
    with transaction.atomic():
        regs = Registration.objects.bulk_create(
            [
                Registration(
                    year=year,
                    member=m,
                    organization_id=m.cell_id,
                    status=Registration.Status.LOCKED,
                    submitted_at=closed - dt.timedelta(days=260),
                    reviewed_at=closed - dt.timedelta(days=255),
                    self_assessed_at=closed - dt.timedelta(days=10),
                    assessed_at=closed,
                    locked_at=closed,
                )
                for m in members
                if rng.random() < 0.9  # a few did not register that year
            ]
        )
        if regs and regs[0].pk is None:
            regs = list(Registration.objects.filter(year=year).order_by("pk"))
        by_member = {m.pk: m for m in members}
        commitments: list[Commitment] = []
        for reg in regs:
            member = by_member[reg.member_id]
            items = _items(rng, member, year, pools.setdefault(member.cell_id, []))
            results = [rng.choices(("done", "partly", "not"), (70, 20, 10))[0] for _ in items]
            rank = 1 if all(r == "done" for r in results) else 2 if results.count("not") == 0 else 3
            reg.rating = levels[min(rank, len(levels)) - 1] if levels else None
            reg.cell_comment = _COMMENTS[min(rank + (1 if "not" in results else 0), 4) - 1]
            reg.self_summary = "Cơ bản hoàn thành các nội dung đã đăng ký." if rank < 3 else "Còn nội dung chưa làm."
            for k, (item, result) in enumerate(zip(items, results, strict=True)):
                commitments.append(
                    Commitment(
                        registration=reg,
                        position=k + 1,
                        content=item.content,
                        duty_id=item.duty_id,
                        standard=item.standard,
                        measures=item.measures,
                        milestones=item.milestones,
                        deadline=item.deadline,
                        expected_result=item.expected_result,
                        self_result=result,
                        self_evidence={"done": "Sổ theo dõi, biên bản", "partly": "Mới làm được một phần"}.get(
                            result, ""
                        ),
                    )
                )
        Registration.objects.bulk_update(regs, ["rating", "cell_comment", "self_summary"])
        commitments = Commitment.objects.bulk_create(commitments)
        if commitments and commitments[0].pk is None:
            commitments = list(Commitment.objects.filter(registration__year=year).order_by("pk"))
        # Quarterly progress, as a closed year has it: most members reported every quarter, some skipped.
        reported = {r.pk for r in regs if rng.random() < 0.85}
        CheckIn.objects.bulk_create(
            [
                CheckIn(
                    commitment=c,
                    quarter=q,
                    progress=f"Quý {q}: đã thực hiện theo kế hoạch",
                    evidence="Sổ theo dõi",
                    percent=min(100, 25 * q),
                )
                for c in commitments
                if c.registration_id in reported
                for q in (1, 2, 3, 4)
                if q < 4 or c.self_result != "not"
            ]
        )
    summary = analyze(year=year)
    _say(stdout, f"  năm {year}: {len(regs)} bản đăng ký đã khóa sổ, {summary['commitments']} nội dung")
