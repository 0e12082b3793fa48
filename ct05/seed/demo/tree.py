"""`ct05 seed demo`: the units visited by the provincial survey mission (DESIGN.md section 1), their cells,
about 300 members, five demo logins, and the 2025 reorganization as real history.

Everything goes through the services, so the audit trail and the units' history are the ones the
application itself would have written. The random seed and the reference date are fixed: two runs on
empty databases give the same data.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction

from ct05.access.models import Role
from ct05.access.services import role_assign, user_create
from ct05.orgs.models import Member, Organization, OrgKind, Sector
from ct05.orgs.services.structure import (
    duty_add,
    member_create,
    member_update,
    organization_close,
    organization_create,
    organization_merge,
    organization_move,
    organization_update,
)
from ct05.seed import pools
from ct05.seed.people import CellContext, cell_people
from ct05.seed.pools.posts import CELL_SECRETARY, Post
from ct05.seed.pools.schools import BASIC_SUBJECTS, ECON_SUBJECTS, TECH_SUBJECTS

ROOT_CODE = "DIENBIEN"
PASSWORD = "ct05-demo"
SEED = 20250701
REF_DATE = dt.date(2026, 1, 15)  # "today" of the demo data: ages, admissions and duties are dated before it
FOUNDED = dt.date(2016, 1, 1)
RENAME_DATE = dt.date(2024, 8, 15)
MERGE_DATE = dt.date(2025, 6, 1)
REORG_DATE = dt.date(2025, 7, 1)  # the district level is abolished: city wards report to the Tỉnh ủy


class DemoExists(Exception):
    pass


@dataclass(frozen=True)
class UnitSpec:
    code: str
    name: str
    kind: str
    sector: str | None
    parent: str | None


@dataclass(frozen=True)
class CellSpec:
    code: str
    name: str
    parent: str
    sector: str
    profile: str
    size: int
    place: str
    unit: str
    mix: str
    kind: str = "chi-bo-truc-thuoc"
    subjects: tuple[str, ...] = ()
    klasses: tuple[str, ...] = ()
    lead: tuple[Post, ...] = ()
    extra: tuple[Post, ...] = ()


UNITS = (
    UnitSpec(ROOT_CODE, "Tỉnh ủy Điện Biên", "tinh-uy", None, None),
    UnitSpec("DCD", "Đảng ủy Dân - Chính - Đảng tỉnh", "dang-bo-truc-thuoc", "co-quan", ROOT_CODE),
    UnitSpec("TPDBP", "Đảng bộ thành phố Điện Biên Phủ", "dang-bo-truc-thuoc", "xa-phuong", ROOT_CODE),
    UnitSpec("PMT", "Đảng bộ phường Mường Thanh", "dang-bo-co-so", "xa-phuong", "TPDBP"),
    UnitSpec("PTT", "Đảng bộ phường Tân Thanh", "dang-bo-co-so", "xa-phuong", "TPDBP"),
    UnitSpec("CDKTKT", "Đảng bộ Trường Cao đẳng Kinh tế - Kỹ thuật Điện Biên", "dang-bo-co-so", "su-nghiep", "DCD"),
)

_OFFICE_CLERK = Post(
    "Chuyên viên Văn phòng Đảng ủy",
    (
        "Tham mưu chương trình công tác, quản lý hồ sơ đảng viên của Đảng bộ {unit}",
        "Theo dõi việc thực hiện Chỉ thị 05 ở các chi bộ trực thuộc Đảng ủy {unit}",
        "Tổng hợp bản đăng ký làm theo của đảng viên các chi bộ trực thuộc",
    ),
    ages=(28, 45),
)
_PRINCIPAL = Post(
    "Hiệu trưởng",
    (
        "Lãnh đạo, điều hành toàn diện hoạt động của nhà trường",
        "Chỉ đạo tuyển sinh và đổi mới chương trình đào tạo theo nhu cầu doanh nghiệp",
        "Chỉ đạo kiểm định chất lượng cơ sở giáo dục nghề nghiệp",
    ),
    ages=(48, 58),
    key_leader=True,
    party="Bí thư Đảng ủy Trường",
)
_VICE_PRINCIPAL = Post(
    "Phó Hiệu trưởng",
    (
        "Phụ trách công tác đào tạo, khảo thí của nhà trường",
        "Phụ trách công tác học sinh - sinh viên và ký túc xá",
    ),
    ages=(42, 57),
    key_leader=True,
    party="Phó Bí thư Đảng ủy Trường",
)

_MT, _TT = "phường Mường Thanh", "phường Tân Thanh"
_COLLEGE = "Trường Cao đẳng Kinh tế - Kỹ thuật Điện Biên"


def _tdp(ward: str, code: str, n: int, size: int) -> CellSpec:
    unit = _MT if ward == "PMT" else _TT
    return CellSpec(
        f"{code}-TDP{n}",
        f"Chi bộ tổ dân phố {n}",
        ward,
        "thon-ban",
        "residential",
        size,
        f"tổ dân phố {n}",
        unit,
        "city",
    )


CELLS = (
    CellSpec(
        "PMT-CQ",
        "Chi bộ Cơ quan phường",
        "PMT",
        "co-quan",
        "ward_office",
        18,
        "Ủy ban nhân dân phường",
        _MT,
        "city",
        extra=(_OFFICE_CLERK,),
    ),
    CellSpec(
        "PMT-CA", "Chi bộ Công an phường", "PMT", "luc-luong-vu-trang", "police", 10, "Công an phường", _MT, "city"
    ),
    _tdp("PMT", "PMT", 1, 22),
    _tdp("PMT", "PMT", 2, 19),
    _tdp("PMT", "PMT", 3, 17),
    _tdp("PMT", "PMT", 4, 16),
    _tdp("PMT", "PMT", 5, 15),
    _tdp("PMT", "PMT", 6, 12),
    CellSpec(
        "PTT-CQ", "Chi bộ Cơ quan phường", "PTT", "co-quan", "ward_office", 16, "Ủy ban nhân dân phường", _TT, "city"
    ),
    CellSpec(
        "PTT-CA", "Chi bộ Công an phường", "PTT", "luc-luong-vu-trang", "police", 8, "Công an phường", _TT, "city"
    ),
    _tdp("PTT", "PTT", 1, 18),
    _tdp("PTT", "PTT", 2, 16),
    _tdp("PTT", "PTT", 3, 14),
    _tdp("PTT", "PTT", 4, 13),
    CellSpec(
        "NHNN",
        "Chi bộ Ngân hàng Nhà nước chi nhánh Điện Biên",
        "DCD",
        "co-quan",
        "bank",
        24,
        "Ngân hàng Nhà nước chi nhánh Điện Biên",
        "Ngân hàng Nhà nước chi nhánh Điện Biên",
        "agency",
        kind="chi-bo-co-so",
    ),
    CellSpec(
        "CDKTKT-KT",
        "Chi bộ Khoa Kinh tế",
        "CDKTKT",
        "su-nghiep",
        "college_faculty",
        14,
        "Khoa Kinh tế",
        _COLLEGE,
        "agency",
        subjects=ECON_SUBJECTS,
        klasses=("lớp Cao đẳng Kế toán K15", "lớp Cao đẳng Kế toán K16", "lớp Trung cấp Kế toán doanh nghiệp K21"),
    ),
    CellSpec(
        "CDKTKT-KTCN",
        "Chi bộ Khoa Kỹ thuật",
        "CDKTKT",
        "su-nghiep",
        "college_faculty",
        12,
        "Khoa Kỹ thuật - Công nghệ",
        _COLLEGE,
        "agency",
        subjects=TECH_SUBJECTS,
        klasses=("lớp Cao đẳng Điện công nghiệp K15", "lớp Trung cấp Thú y K22", "lớp Cao đẳng Công nghệ ô tô K16"),
    ),
    CellSpec(
        "CDKTKT-CB",
        "Chi bộ Khoa Cơ bản",
        "CDKTKT",
        "su-nghiep",
        "college_faculty",
        9,
        "Khoa Cơ bản",
        _COLLEGE,
        "agency",
        subjects=BASIC_SUBJECTS,
        klasses=("lớp Cao đẳng Kế toán K16", "lớp Trung cấp Lâm sinh K22", "lớp Cao đẳng Điện công nghiệp K16"),
    ),
    CellSpec(
        "CDKTKT-PDT",
        "Chi bộ Phòng Đào tạo",
        "CDKTKT",
        "su-nghiep",
        "college_office",
        8,
        "Phòng Đào tạo",
        _COLLEGE,
        "agency",
    ),
    CellSpec(
        "CDKTKT-HCTH",
        "Chi bộ Phòng Hành chính - Tổng hợp",
        "CDKTKT",
        "su-nghiep",
        "college_office",
        12,
        "Phòng Hành chính - Tổng hợp",
        _COLLEGE,
        "agency",
        lead=(_PRINCIPAL, _VICE_PRINCIPAL),
    ),
)

RENAMED = ("CDKTKT-KTCN", "Chi bộ Khoa Kỹ thuật - Công nghệ")
MERGED = ("PMT-TDP6", "PMT-TDP5")  # tổ dân phố 6 joins tổ dân phố 5
SECRETARY_CELL = "PMT-TDP1"


@dataclass(frozen=True)
class Login:
    username: str
    full_name: str
    role: str
    unit: str  # organization code
    recursive: bool = True
    note: str = ""


def demo_logins() -> list[Login]:
    return [
        Login(
            "tinhuy",
            "Nguyễn Thị Thanh Huyền",
            str(Role.PROVINCE_ADMIN),
            ROOT_CODE,
            note="Chuyên viên Ban Tuyên giáo và Dân vận Tỉnh ủy",
        ),
        Login("giamsat", "Lường Văn Khăm", str(Role.SUPERVISOR), ROOT_CODE, note="Cán bộ Ủy ban Kiểm tra Tỉnh ủy"),
        Login("muongthanh", "", str(Role.COMMITTEE_OFFICER), "PMT", note="Văn phòng Đảng ủy phường Mường Thanh"),
        Login("bithu", "", str(Role.CELL_SECRETARY), SECRETARY_CELL, note="Bí thư Chi bộ tổ dân phố 1"),
        Login("dangvien", "", str(Role.MEMBER), SECRETARY_CELL, recursive=False, note="Đảng viên Chi bộ tổ dân phố 1"),
    ]


def seed_demo(*, log: Callable[[str], None] = print) -> dict[str, int]:
    """Create the demo data. Raises DemoExists when the Tỉnh ủy DIENBIEN is already there."""
    if Organization.objects.filter(code=ROOT_CODE).exists():
        raise DemoExists(ROOT_CODE)
    rng = random.Random(SEED)
    with transaction.atomic():
        orgs = _create_units()
        log(f"  {len(orgs)} tổ chức đảng")
        members = _create_members(rng, orgs)
        log(f"  {len(members)} đảng viên")
        _create_logins(orgs)
        _reorganize(orgs)
        log("  lịch sử: đổi tên, hợp nhất chi bộ, sắp xếp lại tổ chức năm 2025")
    return {"organizations": len(orgs), "members": len(members)}


def _create_units() -> dict[str, Organization]:
    kinds = {k.code: k for k in OrgKind.objects.all()}
    sectors = {s.code: s for s in Sector.objects.all()}
    orgs: dict[str, Organization] = {}
    for u in UNITS:
        orgs[u.code] = organization_create(
            actor=None,
            code=u.code,
            name=u.name,
            kind=kinds[u.kind],
            parent=orgs[u.parent] if u.parent else None,
            sector=sectors[u.sector] if u.sector else None,
            active_from=FOUNDED,
        )
    for c in CELLS:
        orgs[c.code] = organization_create(
            actor=None,
            code=c.code,
            name=c.name,
            kind=kinds[c.kind],
            parent=orgs[c.parent],
            sector=sectors[c.sector],
            active_from=FOUNDED,
        )
    return orgs


def _create_members(rng: random.Random, orgs: dict[str, Organization]) -> list[Member]:
    total = sum(c.size for c in CELLS)
    # Card numbers: 62 is Điện Biên's old province number; six digits, unique, not in order of the list.
    cards = iter(sorted(rng.sample(range(10_000, 999_999), total), key=lambda _n: rng.random()))
    created: list[Member] = []
    for c in CELLS:
        ctx = CellContext(place=c.place, unit=c.unit, mix=c.mix, subjects=c.subjects, klasses=c.klasses)
        people = cell_people(
            rng, pools.PROFILES[c.profile], c.size, ctx, ref=REF_DATE, max_duties=3, lead=c.lead, extra=c.extra
        )
        for p in people:
            member = member_create(
                actor=None,
                full_name=p.full_name,
                date_of_birth=p.date_of_birth,
                gender=p.gender,
                ethnicity=p.ethnicity,
                card_number=f"62.{next(cards):06d}",
                joined_on=p.joined_on,
                official_on=p.official_on,
                cell=orgs[c.code],
                party_position=p.party_position,
                government_position=p.government_position,
                is_key_leader=p.is_key_leader,
                is_exempt=p.is_exempt,
            )
            for text, start, end in p.duties:
                duty_add(actor=None, member=member, text=text, started_on=start, ended_on=end)
            created.append(member)
    return created


def _create_logins(orgs: dict[str, Organization]) -> None:
    cell = orgs[SECRETARY_CELL]
    secretary = Member.objects.get(cell=cell, party_position=CELL_SECRETARY)
    # The demo member: an ordinary, active member of the same cell (not on the cell committee, not exempt).
    plain = Member.objects.filter(cell=cell, party_position="", is_exempt=False).order_by("pk")[2]
    clerk = Member.objects.get(cell=orgs["PMT-CQ"], government_position=_OFFICE_CLERK.title)
    linked = {"muongthanh": clerk, "bithu": secretary, "dangvien": plain}
    for login in demo_logins():
        member = linked.get(login.username)
        user = user_create(
            actor=None,
            username=login.username,
            password=PASSWORD,
            full_name=member.full_name if member else login.full_name,
        )
        role_assign(
            actor=None,
            user=user,
            role=login.role,
            organization=orgs[login.unit],
            recursive=login.recursive,
            valid_from=FOUNDED,
            note=login.note,
        )
        if member is not None:
            member_update(actor=None, member=member, user=user)


def _reorganize(orgs: dict[str, Organization]) -> None:
    """The history the demo shows: a cell renamed, two residential cells merged, and the 2025 abolition of
    the district level (the city party committee closes; its wards report directly to the Tỉnh ủy)."""
    code, new_name = RENAMED
    organization_update(actor=None, org=orgs[code], name=new_name, date=RENAME_DATE)
    source, target = MERGED
    organization_merge(actor=None, sources=[orgs[source]], target=orgs[target], date=MERGE_DATE)
    organization_update(actor=None, org=orgs[target], name="Chi bộ tổ dân phố 5 (tổ 5 và tổ 6 cũ)", date=MERGE_DATE)
    root = orgs[ROOT_CODE]
    for ward in ("PMT", "PTT"):
        organization_move(actor=None, org=orgs[ward], new_parent=root, date=REORG_DATE)
    city = orgs["TPDBP"]
    organization_close(
        actor=None,
        org=city,
        date=REORG_DATE,
        reason="Kết thúc hoạt động cấp huyện từ ngày 01/07/2025; các đảng bộ phường trực thuộc Tỉnh ủy.",
    )


def logins_table() -> list[tuple[str, str, str, str]]:
    """(username, role, unit, password) of the demo logins present in the database."""
    rows: list[tuple[str, str, str, str]] = []
    for login in demo_logins():
        user = User.objects.filter(username=login.username).first()
        if user is None:
            continue
        assignment = user.roles.select_related("organization__parent").first()
        unit = "-"
        if assignment is not None:
            org = assignment.organization
            # Cell names repeat from ward to ward ("Chi bộ tổ dân phố 1"): name the ward too.
            unit = f"{org.name} ({org.parent.name})" if org.kind.is_cell and org.parent else org.name
        role = assignment.get_role_display() if assignment else "-"
        rows.append((login.username, str(role), unit, PASSWORD))
    return rows
