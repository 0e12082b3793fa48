"""Imports end to end below the web layer: the task reads the file, `services.import_orgs` or
`services.import_members` writes it."""

from __future__ import annotations

import datetime as dt
import secrets
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User

from ct05.core.models import AuditEvent, BackgroundJob
from ct05.orgs.models import Duty, Member, MemberTransfer, Organization, OrgEvent
from ct05.orgs.services.structure import member_create
from ct05.orgs.tasks import run_import
from tests.conftest import World
from tests.orgs.exchange_files import (
    MEMBER_HEADERS,
    ORG_HEADERS,
    csv_bytes,
    member_row,
    org_row,
    xlsx_bytes,
)


@pytest.fixture
def var_dir(settings: Any, tmp_path: Path) -> Path:
    settings.VAR_DIR = tmp_path
    (tmp_path / "imports").mkdir()
    return tmp_path


def run(user: User, kind: str, rows: list[list[object]], var_dir: Path, fmt: str = "xlsx") -> BackgroundJob:
    name = f"{secrets.token_hex(16)}.{fmt}"
    (var_dir / "imports" / name).write_bytes(xlsx_bytes(rows) if fmt == "xlsx" else csv_bytes(rows))
    job = BackgroundJob.objects.create(
        kind=f"orgs.{kind}_import", owner=user, file_path=name, params={"filename": "danh-sach." + fmt}
    )
    run_import(job.pk)
    job.refresh_from_db()
    return job


def messages(job: BackgroundJob) -> list[str]:
    return [e["text"] for e in job.errors]


# Members ----------------------------------------------------------------------------------------------


def test_an_officer_imports_new_members_with_derived_fields_duties_and_audit(world: World, var_dir: Path) -> None:
    rows = [
        MEMBER_HEADERS,
        member_row("Lò Thị Mai", "DV1001", "MT1", **{"Nhiệm vụ được phân công": "Phụ trách phụ nữ\nTuyên truyền"}),
        member_row("Quàng Văn Ánh", "DV1002", "mt2", **{"Giới tính": "Nam", "Cán bộ chủ chốt": "Có"}),
    ]
    job = run(world.officer, "member", rows, var_dir)
    assert job.status == BackgroundJob.Status.DONE, job.errors
    assert job.result["summary"]["created"] == 2 and job.result["summary"]["duties_added"] == 2
    assert (job.done, job.total) == (2, 2)
    mai = Member.objects.get(card_number="DV1001")
    twin = member_create(
        actor=None,
        full_name="Lò Thị Mai",
        date_of_birth=dt.date(1985, 9, 5),
        gender="F",
        ethnicity="Thái",
        card_number="CHECK",
        joined_on=dt.date(2010, 5, 19),
        cell=world.cell1,
    )
    assert mai.sort_key == twin.sort_key and mai.search_text.startswith("lo thi mai")
    assert Member.objects.get(card_number="DV1002").cell == world.cell2
    assert sorted(mai.duties.values_list("text", flat=True)) == ["Phụ trách phụ nữ", "Tuyên truyền"]
    audit = AuditEvent.objects.filter(actor=world.officer)
    assert audit.filter(action="member.create", before__isnull=True).count() == 2
    created = audit.get(action="member.create", target_id=str(mai.pk))
    assert created.after["full_name"] == "Lò Thị Mai" and created.after["cell"] == world.cell1.pk and created.at
    assert audit.filter(action="duty.add").count() == 2
    summary = audit.get(action="member.import")
    assert summary.target_id == str(job.pk) and summary.after["created"] == 2
    assert not list((var_dir / "imports").iterdir()), "the upload is deleted after the import"


def test_a_reimport_updates_by_card_number_instead_of_duplicating(world: World, var_dir: Path) -> None:
    rows = [MEMBER_HEADERS, member_row("Lò Thị Mai", "DV1001", "MT1")]
    run(world.officer, "member", rows, var_dir)
    again = run(world.officer, "member", rows, var_dir, "csv")
    assert again.result["summary"] == {**again.result["summary"], "created": 0, "unchanged": 1}
    changed = [MEMBER_HEADERS, member_row("Lò Thị Mai Anh", "DV1001", "MT1", **{"Chức vụ đảng": "Chi ủy viên"})]
    job = run(world.officer, "member", changed, var_dir)
    assert job.result["summary"]["updated"] == 1
    assert Member.objects.filter(card_number="DV1001").count() == 1
    m = Member.objects.get(card_number="DV1001")
    assert (m.full_name, m.party_position) == ("Lò Thị Mai Anh", "Chi ủy viên")
    assert m.search_text.startswith("lo thi mai anh")
    event = AuditEvent.objects.get(action="member.update", target_id=str(m.pk))
    assert event.before == {"full_name": "Lò Thị Mai", "party_position": ""}


def test_a_reimport_into_another_cell_records_a_transfer(world: World, var_dir: Path) -> None:
    rows = [
        MEMBER_HEADERS,
        member_row(
            "Lò Văn Pâng",
            "DV0001",
            "MT2",
            **{
                "Dân tộc": "Thái",
                "Giới tính": "Nam",
                "Ngày sinh": "01/05/1980",
                "Ngày vào Đảng": "02/03/2005",
                "Ngày chính thức": "02/03/2006",
            },
        ),
    ]
    job = run(world.officer, "member", rows, var_dir)
    assert job.result["summary"]["moved"] == 1, job.errors
    world.m1.refresh_from_db()
    assert world.m1.cell == world.cell2
    transfer = MemberTransfer.objects.get(member=world.m1)
    assert (transfer.from_cell, transfer.to_cell) == (world.cell1, world.cell2)
    assert AuditEvent.objects.filter(action="member.transfer", target_id=str(world.m1.pk)).exists()


def test_existing_duties_are_kept_and_not_added_twice(world: World, var_dir: Path) -> None:
    rows = [
        MEMBER_HEADERS,
        member_row(
            "Lò Văn Pâng",
            "DV0001",
            "MT1",
            **{
                "Dân tộc": "Thái",
                "Giới tính": "Nam",
                "Ngày sinh": "01/05/1980",
                "Ngày vào Đảng": "02/03/2005",
                "Ngày chính thức": "02/03/2006",
                "Nhiệm vụ được phân công": "Phụ trách công tác thanh niên tổ dân phố 1\nTheo dõi hộ nghèo",
            },
        ),
    ]
    job = run(world.officer, "member", rows, var_dir)
    assert job.result["summary"]["duties_added"] == 1
    assert Duty.objects.filter(member=world.m1).count() == 2


def test_a_card_of_a_member_outside_scope_is_a_row_error_that_names_nobody(world: World, var_dir: Path) -> None:
    rows = [MEMBER_HEADERS, member_row("Người Mới", "DV2001", "MT1"), member_row("Ai Đó", "DV0003", "MT1")]
    job = run(world.officer, "member", rows, var_dir)
    assert job.status == BackgroundJob.Status.FAILED
    assert len(job.errors) == 1 and job.errors[0]["row"] == 3 and job.errors[0]["column"] == "Số thẻ đảng viên"
    assert "ngoài phạm vi" in job.errors[0]["message"]
    assert "Giàng" not in str(job.errors) and "TT5" not in str(job.errors)
    assert not Member.objects.filter(card_number="DV2001").exists(), "all or nothing"


def test_a_cell_outside_scope_or_not_a_cell_is_a_row_error(world: World, var_dir: Path) -> None:
    rows = [
        MEMBER_HEADERS,
        member_row("A Một", "DV2001", "TT5"),
        member_row("A Hai", "DV2002", "MT"),
        member_row("A Ba", "DV2003", "KHONGCO"),
    ]
    job = run(world.officer, "member", rows, var_dir)
    assert messages(job) == [
        "Dòng 2, cột “Mã chi bộ”: không có chi bộ mã “TT5” trong phạm vi bạn được quản lý",
        "Dòng 3, cột “Mã chi bộ”: “MT” là đảng bộ cơ sở, không phải chi bộ",
        "Dòng 4, cột “Mã chi bộ”: không có chi bộ mã “KHONGCO” trong phạm vi bạn được quản lý",
    ]
    assert Member.objects.count() == 3


def test_a_cell_secretary_imports_only_into_their_own_cell(world: World, var_dir: Path) -> None:
    job = run(world.secretary, "member", [MEMBER_HEADERS, member_row(cell="MT2")], var_dir)
    assert job.status == BackgroundJob.Status.FAILED
    job = run(world.secretary, "member", [MEMBER_HEADERS, member_row(cell="MT1")], var_dir)
    assert job.status == BackgroundJob.Status.DONE


def test_a_supervisor_without_a_manage_scope_cannot_import(world: World, var_dir: Path) -> None:
    job = run(world.supervisor, "member", [MEMBER_HEADERS, member_row()], var_dir)
    assert messages(job) == ["Bạn không có quyền quản lý đơn vị nào nên không thể nhập dữ liệu."]


def test_any_bad_row_means_nothing_is_written_and_every_error_is_listed(world: World, var_dir: Path) -> None:
    rows = [MEMBER_HEADERS] + [member_row(f"Người {i}", f"DV3{i:03d}") for i in range(5)]
    rows.append(member_row("Sai Ngày", "DV3999", **{"Ngày sinh": "31/02/1980"}))
    rows.append(member_row("", "DV3998", **{"Giới tính": "Không rõ"}))
    job = run(world.officer, "member", rows, var_dir)
    assert messages(job) == [
        "Dòng 7, cột “Ngày sinh”: ngày 31/02/1980 không tồn tại",
        "Dòng 8, cột “Họ và tên”: không được để trống",
        "Dòng 8, cột “Giới tính”: “Không rõ” không hợp lệ; hãy ghi Nam hoặc Nữ",
    ]
    assert job.result == {"error_count": 3}
    assert not Member.objects.filter(card_number__startswith="DV3").exists()


def test_member_names_in_a_legacy_encoding_are_repaired_and_unreadable_ones_refused(
    world: World, var_dir: Path
) -> None:
    rows = [MEMBER_HEADERS, member_row("NguyÔn ThÞ Hoµ", "DV4001")]  # TCVN3 (.VnTime) read as cp1252
    rows.append(member_row("ÃƒÂ¡Ã‚ÂºÃ‚Â¡ ÃƒÂ¢Ã¢â€šÂ¬Ã‚Â ÃƒÂ¯Ã‚Â¿Ã‚Â½", "DV4002"))
    job = run(world.officer, "member", rows, var_dir)
    assert len(messages(job)) == 1
    assert messages(job)[0].startswith("Dòng 3, cột “Họ và tên”: không đọc được")
    assert not Member.objects.filter(card_number__startswith="DV4").exists()
    job = run(world.officer, "member", rows[:2], var_dir)
    assert Member.objects.get(card_number="DV4001").full_name == "Nguyễn Thị Hoà"


def test_a_renamed_pdf_fails_the_job_with_a_message(world: World, var_dir: Path) -> None:
    name = f"{secrets.token_hex(16)}.csv"
    (var_dir / "imports" / name).write_bytes(b"%PDF-1.4\n")
    job = BackgroundJob.objects.create(kind="orgs.member_import", owner=world.officer, file_path=name)
    run_import(job.pk)
    job.refresh_from_db()
    assert job.status == BackgroundJob.Status.FAILED and "PDF" in job.errors[0]["message"]


def test_running_a_finished_job_again_changes_nothing(world: World, var_dir: Path) -> None:
    job = run(world.officer, "member", [MEMBER_HEADERS, member_row()], var_dir)
    assert run_import(job.pk) == job.result
    assert Member.objects.filter(card_number="DV1001").count() == 1


# Org tree ---------------------------------------------------------------------------------------------


def test_an_officer_imports_new_units_parents_in_any_order(world: World, var_dir: Path) -> None:
    rows = [
        ORG_HEADERS,
        org_row("MT-BP1-C1", "Chi bộ khối 1", parent="MT-BP1"),
        org_row("MT-BP1", "Đảng bộ bộ phận khối 1", kind="dang-bo-bo-phan", parent="MT"),
        org_row("MT3", "Chi bộ tổ dân phố 3", **{"Loại hình (mã)": "thon-ban", "Hoạt động từ": ""}),
    ]
    job = run(world.officer, "org", rows, var_dir)
    assert job.status == BackgroundJob.Status.DONE, job.errors
    assert job.result["summary"]["created"] == 3
    bp = Organization.objects.get(code="MT-BP1")
    c1 = Organization.objects.get(code="MT-BP1-C1")
    assert c1.parent == bp and c1.path == bp.path + f"{c1.pk:010d}/" and c1.depth == bp.depth + 1
    assert c1.active_from == dt.date(2025, 7, 1) and c1.search_text
    assert OrgEvent.objects.filter(organization=c1, kind=OrgEvent.Kind.CREATED).exists()
    assert Organization.objects.get(code="MT3").sector.code == "thon-ban"
    assert AuditEvent.objects.filter(action="organization.create", actor=world.officer).count() == 3
    assert AuditEvent.objects.filter(action="organization.import", target_id=str(job.pk)).exists()


def test_a_reimport_renames_and_moves_existing_units_with_history(world: World, var_dir: Path) -> None:
    rows = [
        ORG_HEADERS,
        org_row("MT-BP1", "Đảng bộ bộ phận khối 1", kind="dang-bo-bo-phan", parent="MT"),
        org_row("MT1", "Chi bộ tổ dân phố 1 mới", parent="MT-BP1", **{"Hoạt động từ": ""}),
        org_row("MT2", "Chi bộ tổ dân phố 2", parent="MT", **{"Hoạt động từ": ""}),
    ]
    job = run(world.officer, "org", rows, var_dir)
    assert job.result["summary"] == {
        "rows": 3,
        "created": 1,
        "updated": 1,
        "unchanged": 1,
        "moved": 1,
        "duties_added": 0,
    }, job.errors
    world.cell1.refresh_from_db()
    assert world.cell1.name == "Chi bộ tổ dân phố 1 mới" and world.cell1.parent.code == "MT-BP1"
    assert world.cell1.path.startswith(Organization.objects.get(code="MT-BP1").path)
    kinds = set(world.cell1.events.values_list("kind", flat=True))
    assert {OrgEvent.Kind.RENAMED, OrgEvent.Kind.MOVED} <= kinds
    world.m1.refresh_from_db()
    assert world.m1.cell == world.cell1


def test_org_rows_outside_scope_or_under_a_cell_or_in_a_loop_are_errors(world: World, var_dir: Path) -> None:
    rows = [
        ORG_HEADERS,
        org_row("TT5", "Chi bộ tổ dân phố 5"),
        org_row("TT9", "Chi bộ mới", parent="TT"),
        org_row("MT1-X", "Chi bộ con", parent="MT1"),
        org_row("A1", "Đảng bộ bộ phận A", kind="dang-bo-bo-phan", parent="A2"),
        org_row("A2", "Đảng bộ bộ phận B", kind="dang-bo-bo-phan", parent="A1"),
        org_row("B1", "Không rõ loại", kind="khong-co"),
    ]
    job = run(world.officer, "org", rows, var_dir)
    by_row = {e["row"]: e["message"] for e in job.errors}
    assert "ngoài phạm vi" in by_row[2]
    assert "không có đơn vị mã “TT”" in by_row[3]
    assert "là chi bộ" in by_row[4]
    assert "vòng lặp" in by_row[5] and "vòng lặp" in by_row[6]
    assert "không phải loại tổ chức" in by_row[7]
    assert not Organization.objects.filter(code__in=["TT9", "A1", "A2", "B1"]).exists()


def test_a_unit_with_members_cannot_become_a_non_cell(world: World, var_dir: Path) -> None:
    rows = [ORG_HEADERS, org_row("MT1", "Chi bộ tổ dân phố 1", kind="dang-bo-bo-phan")]
    job = run(world.officer, "org", rows, var_dir)
    assert messages(job) == ["Dòng 2, cột “Loại (mã)”: đơn vị đang có đảng viên sinh hoạt nên phải là một loại chi bộ"]


def test_an_officer_cannot_move_their_own_top_unit(world: World, var_dir: Path) -> None:
    rows = [ORG_HEADERS, org_row("MT", "Đảng bộ phường Mường Thanh", kind="dang-bo-co-so", parent="TT")]
    job = run(world.officer, "org", rows, var_dir)
    assert job.status == BackgroundJob.Status.FAILED
    world.ward.refresh_from_db()
    assert world.ward.parent == world.city


def test_cell_errors_and_scope_errors_are_listed_together(world: World, var_dir: Path) -> None:
    rows = [MEMBER_HEADERS, member_row("A Một", "DV2001", "TT5"), member_row("A Hai", "DV2002", **{"Ngày sinh": "x"})]
    job = run(world.officer, "member", rows, var_dir, "csv")
    assert [(e["row"], e["column"]) for e in job.errors] == [(2, "Mã chi bộ"), (3, "Ngày sinh")]
