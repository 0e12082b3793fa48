"""What the two imports share (`import_orgs`: the org tree through the ordinary services, a province has a
few thousand units; `import_members`: members in bulk, 50,000 rows must import in seconds, not hours).

Each import is all or nothing: the rows are checked against the database first (codes, scope, card
numbers), outside any transaction so that other users are not blocked; then everything is written in one
transaction, which re-reads what it changes. The member path keeps what the services keep: derived fields
(`Member.refresh_derived`), a `MemberTransfer` when a re-import moves a member to another cell, one audit
row per change (bulk-created) and one summary audit event for the import.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from typing import Any, TypeVar

from django.db.models.functions import Upper
from django.utils.translation import gettext as _

from ct05.access.resolver import Scope
from ct05.core.audit import record
from ct05.core.models import BackgroundJob
from ct05.orgs.exchange import vn_number
from ct05.orgs.exchange_rows import Errors
from ct05.orgs.models import Organization

T = TypeVar("T")


CHUNK = 500  # ids per IN (...) query: well under SQLite's limit on query parameters


BATCH = 1000  # rows per INSERT


class ImportRejected(Exception):
    """The file was not written: the errors say why, by row and column."""

    def __init__(self, errors: Errors) -> None:
        super().__init__(f"{errors.count} errors")
        self.errors = errors


@dataclass
class ImportSummary:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    moved: int = 0  # units moved under another parent / members transferred to another cell
    duties_added: int = 0

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


def chunks(items: Sequence[T], size: int = CHUNK) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def orgs_by_code(codes: Iterable[str]) -> dict[str, Organization]:
    wanted = sorted({c for c in codes if c})
    found: dict[str, Organization] = {}
    for chunk in chunks(wanted):
        qs = Organization.objects.annotate(ucode=Upper("code")).filter(ucode__in=chunk).select_related("kind")
        found.update({o.code.upper(): o for o in qs})
    return found


def reject(errors: Errors) -> None:
    if errors:
        raise ImportRejected(errors)


def no_scope(errors: Errors, scope: Scope) -> bool:
    if scope.is_empty:
        errors.add(None, "", _("Bạn không có quyền quản lý đơn vị nào nên không thể nhập dữ liệu."))
        return True
    return False


def summary_event(actor: Any, action: str, job: BackgroundJob, summary: ImportSummary) -> None:
    record(
        actor=actor,
        action=action,
        target=job,
        after={"job": job.pk, **summary.as_dict()},
        note=str(job.params.get("filename", ""))[:200],
    )


def summary_lines(kind: str, summary: dict[str, int]) -> list[str]:
    """The result of an import in words, for the job page."""
    noun = _("đảng viên") if kind == "members" else _("đơn vị")
    lines = [
        _("Đã đọc %(n)s dòng.") % {"n": vn_number(summary.get("rows", 0))},
        _("Thêm mới: %(n)s %(noun)s.") % {"n": vn_number(summary.get("created", 0)), "noun": noun},
        _("Cập nhật: %(n)s %(noun)s.") % {"n": vn_number(summary.get("updated", 0)), "noun": noun},
        _("Không thay đổi: %(n)s %(noun)s.") % {"n": vn_number(summary.get("unchanged", 0)), "noun": noun},
    ]
    if summary.get("moved"):
        moved = _("Chuyển sinh hoạt sang chi bộ khác: %(n)s.") if kind == "members" else _("Chuyển trực thuộc: %(n)s.")
        lines.append(moved % {"n": vn_number(summary["moved"])})
    if summary.get("duties_added"):
        lines.append(_("Nhiệm vụ được phân công thêm mới: %(n)s.") % {"n": vn_number(summary["duties_added"])})
    return lines
