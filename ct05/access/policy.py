"""The visibility policy: inside the scope the resolver gives, which kinds of record each role sees, which
member fields, and which writes it may make (issue 12). Pages, exports, documents and the API read this
table; `docs/access.md` is generated from it (`ct05 access_doc`) and a test fails when the two differ.

The table is plain data with no database access, so any layer (the resolver, the API) can import it; the
resolver applies it (`record_q`, `sees`, `may_write`, `sees_member_fields`). Where a role is not named for a
record it sees all of it within its scope. `OWN` means: only the records about the user's own member record
(their registration, their rating, criticism about them); for missions and findings, the missions the user
is a member of, while they run.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ct05.access.models import Role


class Seen(StrEnum):
    ALL = "all"  # every record of the organizations in the role's scope
    OWN = "own"  # only the records about the user themselves
    NONE = "none"


class Record(StrEnum):
    REGISTRATION = "registration"
    RATING = "rating"
    COLLECTIVE_PLAN = "collective_plan"
    NOT_REGISTERED = "not_registered"
    INDICATOR = "indicator"
    WARNING = "warning"
    CRITICISM = "criticism"
    ABSENCE_REASON = "absence_reason"
    MEMBER_ROSTER = "member_roster"
    MEMBER_PERSONAL = "member_personal"
    MEETING = "meeting"
    RESOLUTION = "resolution"
    STANDARD = "standard"
    DOCUMENT = "document"
    ACTIVITY = "activity"
    GOOD_DEED = "good_deed"
    EXEMPLARY_MODEL = "exemplary_model"
    COMMENDATION = "commendation"
    MISSION = "mission"
    FINDING = "finding"
    REMEDIATION_TASK = "remediation_task"
    INSPECTION_PLAN = "inspection_plan"
    REPORT = "report"
    TEMPORARY_ACCESS = "temporary_access"


class Write(StrEnum):
    REGISTRATION_OWN = "registration_own"  # write, submit, check in, self-assess one's own registration
    REGISTRATION_REVIEW = "registration_review"  # enter for a member, accept, return, rate, lock (never one's own)
    MEMBER_EDIT = "member_edit"  # add and edit members, duties, imports
    ORG_EDIT = "org_edit"  # rename, change the kind of, a unit (manage scope on its parent)
    ORG_RESTRUCTURE = "org_restructure"  # add a child, split, merge, move (manage scope on the parent)
    MEETING_EDIT = "meeting_edit"  # meetings, attendance, contributions, resolutions
    REGISTER_EDIT = "register_edit"  # deeds, models, commendations, criticism, activities, documents
    STANDARD_EDIT = "standard_edit"
    ANALYSIS_RUN = "analysis_run"  # start the registration analysis of a subtree
    WARNING_EVALUATE = "warning_evaluate"
    PLAN_EDIT = "plan_edit"  # inspection plans and self-inspections
    MISSION_MANAGE = "mission_manage"  # create, staff and conclude missions of the issuing body
    FINDING_EDIT = "finding_edit"  # findings and requests of a mission (its members while it runs)


A, OWN, N = Seen.ALL, Seen.OWN, Seen.NONE


class R:
    """The role codes as plain strings (what RoleAssignment.role holds), so the tables type as str."""

    MEMBER = str(Role.MEMBER)
    CELL_SECRETARY = str(Role.CELL_SECRETARY)
    COMMITTEE_OFFICER = str(Role.COMMITTEE_OFFICER)
    SUPERVISOR = str(Role.SUPERVISOR)
    MISSION_MEMBER = str(Role.MISSION_MEMBER)
    PROVINCE_ADMIN = str(Role.PROVINCE_ADMIN)
    ALL: frozenset[str] = frozenset(
        {MEMBER, CELL_SECRETARY, COMMITTEE_OFFICER, SUPERVISOR, MISSION_MEMBER, PROVINCE_ADMIN}
    )


# (record, label, {role: seen}). Roles: member, cell secretary, committee (unit) office, supervisor,
# mission member, province admin.
_SEEN: list[tuple[Record, Promise, dict[str, Seen]]] = [
    (Record.REGISTRATION, _("Bản đăng ký làm theo, tiến độ, tự đánh giá"), {R.MEMBER: OWN}),
    (Record.RATING, _("Nhận xét, xếp loại của chi bộ"), {R.MEMBER: OWN}),
    (Record.COLLECTIVE_PLAN, _("Kế hoạch tập thể của tổ chức"), {R.MEMBER: A}),
    (Record.NOT_REGISTERED, _("Danh sách đảng viên chưa đăng ký"), {R.MEMBER: N}),
    (Record.INDICATOR, _("Chỉ số làm theo của chi bộ"), {R.MEMBER: N}),
    (Record.WARNING, _("Cảnh báo"), {R.MEMBER: N}),
    (Record.CRITICISM, _("Phê bình"), {R.MEMBER: OWN}),
    (Record.ABSENCE_REASON, _("Vắng mặt và lý do vắng"), {R.MEMBER: OWN}),
    (Record.MEMBER_ROSTER, _("Danh sách đảng viên (họ tên, chức vụ)"), {R.MEMBER: A}),
    (
        Record.MEMBER_PERSONAL,
        _("Ngày sinh, số thẻ, dân tộc, liên lạc của đảng viên"),
        {R.MEMBER: OWN, R.SUPERVISOR: OWN, R.MISSION_MEMBER: OWN},
    ),
    (Record.MEETING, _("Sinh hoạt chi bộ (ngày, nội dung)"), {R.MEMBER: A}),
    (Record.RESOLUTION, _("Nghị quyết và việc được giao"), {R.MEMBER: A}),
    (Record.STANDARD, _("Chuẩn mực đạo đức của đơn vị"), {R.MEMBER: A}),
    (Record.DOCUMENT, _("Văn bản"), {R.MEMBER: A}),
    (Record.ACTIVITY, _("Hoạt động tuyên truyền"), {R.MEMBER: A}),
    (Record.GOOD_DEED, _("Người tốt, việc tốt"), {R.MEMBER: OWN}),
    (Record.EXEMPLARY_MODEL, _("Điển hình, mô hình"), {R.MEMBER: A}),
    (Record.COMMENDATION, _("Khen thưởng"), {R.MEMBER: OWN}),
    (
        Record.MISSION,
        _("Đoàn khảo sát, kiểm tra"),
        {R.MEMBER: N, R.CELL_SECRETARY: N, R.MISSION_MEMBER: OWN},
    ),
    (Record.FINDING, _("Kết quả, kết luận của đoàn"), {R.MEMBER: N, R.CELL_SECRETARY: N, R.MISSION_MEMBER: OWN}),
    (Record.REMEDIATION_TASK, _("Nhiệm vụ khắc phục sau kiểm tra"), {R.MEMBER: N}),
    (Record.INSPECTION_PLAN, _("Kế hoạch kiểm tra, giám sát; tự kiểm tra"), {R.MEMBER: N}),
    (Record.REPORT, _("Báo cáo định kỳ của cấp ủy"), {R.MEMBER: N}),
    (Record.TEMPORARY_ACCESS, _("Ai đang có quyền truy cập tạm thời vào đơn vị"), {R.MEMBER: N}),
]

# Who may make each write, within their manage scope ("manage" for the edit roles, the supervised units for
# the supervising roles). Restructuring is checked on the PARENT of the unit that changes.
_WRITES: dict[Write, frozenset[str]] = {
    Write.REGISTRATION_OWN: R.ALL,
    Write.REGISTRATION_REVIEW: frozenset({R.PROVINCE_ADMIN, R.COMMITTEE_OFFICER, R.CELL_SECRETARY}),
    Write.MEMBER_EDIT: frozenset({R.PROVINCE_ADMIN, R.COMMITTEE_OFFICER, R.CELL_SECRETARY}),
    Write.ORG_EDIT: frozenset({R.PROVINCE_ADMIN, R.COMMITTEE_OFFICER}),
    Write.ORG_RESTRUCTURE: frozenset({R.PROVINCE_ADMIN, R.COMMITTEE_OFFICER}),
    Write.MEETING_EDIT: frozenset({R.PROVINCE_ADMIN, R.COMMITTEE_OFFICER, R.CELL_SECRETARY}),
    Write.REGISTER_EDIT: frozenset({R.PROVINCE_ADMIN, R.COMMITTEE_OFFICER, R.CELL_SECRETARY}),
    Write.STANDARD_EDIT: frozenset({R.PROVINCE_ADMIN, R.COMMITTEE_OFFICER, R.CELL_SECRETARY}),
    Write.ANALYSIS_RUN: frozenset({R.PROVINCE_ADMIN, R.COMMITTEE_OFFICER, R.CELL_SECRETARY}),
    Write.WARNING_EVALUATE: frozenset({R.PROVINCE_ADMIN, R.SUPERVISOR, R.COMMITTEE_OFFICER}),
    Write.PLAN_EDIT: frozenset({R.PROVINCE_ADMIN, R.SUPERVISOR, R.COMMITTEE_OFFICER}),
    Write.MISSION_MANAGE: frozenset({R.PROVINCE_ADMIN, R.SUPERVISOR, R.COMMITTEE_OFFICER}),
    Write.FINDING_EDIT: frozenset({R.PROVINCE_ADMIN, R.SUPERVISOR, R.COMMITTEE_OFFICER, R.MISSION_MEMBER}),
}

WRITE_LABELS: dict[Write, Promise] = {
    Write.REGISTRATION_OWN: _("Viết, nộp, cập nhật tiến độ, tự đánh giá bản đăng ký của mình"),
    Write.REGISTRATION_REVIEW: _("Nhập thay, thông qua, trả lại, xếp loại, khóa sổ (không phải của mình)"),
    Write.MEMBER_EDIT: _("Thêm, sửa đảng viên, nhiệm vụ; nhập danh sách"),
    Write.ORG_EDIT: _("Sửa tên, mã, loại hình của đơn vị (đổi loại tổ chức: quyền trên cấp trên)"),
    Write.ORG_RESTRUCTURE: _("Thêm đơn vị, chia tách, hợp nhất, chuyển (quyền trên cấp trên)"),
    Write.MEETING_EDIT: _("Sinh hoạt, điểm danh, ý kiến, nghị quyết"),
    Write.REGISTER_EDIT: _("Sổ người tốt việc tốt, mô hình, khen thưởng, phê bình, tuyên truyền, văn bản"),
    Write.STANDARD_EDIT: _("Chuẩn mực đạo đức"),
    Write.ANALYSIS_RUN: _("Chạy phân tích bản đăng ký"),
    Write.WARNING_EVALUATE: _("Đánh giá cảnh báo"),
    Write.PLAN_EDIT: _("Kế hoạch kiểm tra, tự kiểm tra"),
    Write.MISSION_MANAGE: _("Lập, phân công, kết luận đoàn"),
    Write.FINDING_EDIT: _("Ghi kết quả, yêu cầu của đoàn (thành viên: khi đoàn đang làm việc)"),
}

# The roles that supervise: they run missions, and only their holders may be made members of a mission (a
# mission member's temporary access is on top of a supervising role, never a way to get one).
SUPERVISING_ROLES: frozenset[str] = frozenset({R.PROVINCE_ADMIN, R.SUPERVISOR, R.COMMITTEE_OFFICER})
# The longest temporary access a mission may give (a mission lasts at most a year).
MISSION_ACCESS_MAX_DAYS = 366

# The protected fields of a member record (MEMBER_PERSONAL); everyone who sees a member sees the rest
# (name, cell, positions).
PROTECTED_MEMBER_FIELDS: tuple[str, ...] = ("date_of_birth", "card_number", "ethnicity", "email")

LABELS: dict[Record, Promise] = {record: label for record, label, _r in _SEEN}
ROLES_IN_ORDER: tuple[str, ...] = (
    R.MEMBER,
    R.CELL_SECRETARY,
    R.COMMITTEE_OFFICER,
    R.SUPERVISOR,
    R.MISSION_MEMBER,
    R.PROVINCE_ADMIN,
)
# A role not named for a record sees all of it within its scope.
POLICY: dict[Record, dict[str, Seen]] = {
    record: {role: overrides.get(role, Seen.ALL) for role in ROLES_IN_ORDER} for record, _l, overrides in _SEEN
}


def seen(role: str, record: Record) -> Seen:
    """What a holder of `role` sees of `record` within the role's scope."""
    return POLICY[record].get(role, Seen.NONE)


def roles_seeing(record: Record, level: Seen = Seen.ALL) -> frozenset[str]:
    return frozenset(role for role, s in POLICY[record].items() if s == level)


def roles_writing(write: Write) -> frozenset[str]:
    return _WRITES[write]


@dataclass(frozen=True)
class Row:
    """One line of the generated table in docs/access.md."""

    code: str
    label: str
    cells: tuple[str, ...]


def seen_rows() -> Iterator[Row]:
    for record, label, _o in _SEEN:
        yield Row(record.value, str(label), tuple(POLICY[record][role].value for role in ROLES_IN_ORDER))


def write_rows() -> Iterator[Row]:
    for write, roles in _WRITES.items():
        yield Row(write.value, str(WRITE_LABELS[write]), tuple("x" if r in roles else "" for r in ROLES_IN_ORDER))
