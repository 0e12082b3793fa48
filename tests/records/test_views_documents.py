from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document as Docx
from openpyxl import Workbook

from ct05.records import filestore
from ct05.records.models import Document, DocumentType, StoredFile
from tests.conftest import World

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def store(tmp_path: Path, settings: object) -> Path:
    settings.VAR_DIR = tmp_path  # type: ignore[attr-defined]
    return tmp_path


def _post(world: World, upload: SimpleUploadedFile, **extra: str) -> object:
    data = {
        "doc_type": DocumentType.objects.get(code="ke-hoach").pk,
        "number": "251-KH/TU",
        "issued_on": "10/03/2025",
        "issuer": "Tỉnh ủy Điện Biên",
        "summary": "Kế hoạch thực hiện Kết luận 01-KL/TW",
        "file": upload,
    }
    data.update(extra)
    return world.client_for(world.officer).post(f"/van-ban/them/?org={world.ward.pk}", data)


def _docx() -> bytes:
    buf = io.BytesIO()
    d = Docx()
    d.add_paragraph("Kế hoạch")
    d.save(buf)
    return buf.getvalue()


def _xlsx() -> bytes:
    buf = io.BytesIO()
    Workbook().save(buf)
    return buf.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("kh.pdf", PDF, "pdf"),
        ("kh.docx", _docx(), "docx"),
        ("bang.xlsx", _xlsx(), "xlsx"),
        ("anh.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 20, "png"),
        ("anh.jpg", b"\xff\xd8\xff\xe0" + b"\0" * 20, "jpg"),
    ],
)
def test_each_allowed_kind_is_stored_under_its_content_hash(
    world: World, name: str, content: bytes, kind: str, store: Path
) -> None:
    response = _post(world, SimpleUploadedFile(name, content))
    assert response.status_code == 302  # type: ignore[attr-defined]
    stored = StoredFile.objects.get()
    assert stored.kind == kind and filestore.path_for(stored.sha256).read_bytes() == content
    assert str(filestore.path_for(stored.sha256)).startswith(str(store / "files" / "records"))


def test_an_html_file_renamed_pdf_is_refused(world: World) -> None:
    response = _post(world, SimpleUploadedFile("ke-hoach.pdf", b"<!doctype html><script>alert(1)</script>"))
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert "kiểm tra theo nội dung tệp" in response.content.decode()  # type: ignore[attr-defined]
    assert not Document.objects.exists() and not StoredFile.objects.exists()


def test_a_25_mb_upload_is_refused_with_a_message(world: World) -> None:
    big = SimpleUploadedFile("to.pdf", PDF + b"0" * (25 * 1024 * 1024))
    response = _post(world, big)
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert "lớn hơn 20 MB" in response.content.decode()  # type: ignore[attr-defined]
    assert not Document.objects.exists() and not StoredFile.objects.exists()


def test_a_path_in_the_file_name_cannot_escape_the_store(world: World, store: Path) -> None:
    response = _post(world, SimpleUploadedFile("../../x.pdf", PDF))
    assert response.status_code == 302  # type: ignore[attr-defined]
    doc = Document.objects.get()
    assert doc.file_name == "x.pdf"
    assert not (store.parent / "x.pdf").exists() and not (store / "x.pdf").exists()
    assert filestore.safe_name('..\\..\\windows\\evil".pdf', "pdf") == "evil.pdf"
    with pytest.raises(ValueError):
        filestore.path_for("../../etc/passwd")


def test_a_download_is_an_attachment_with_nosniff_and_outside_scope_is_404(world: World) -> None:
    _post(world, SimpleUploadedFile("Kế hoạch 251.pdf", PDF))
    doc = Document.objects.get()
    response = world.client_for(world.secretary).get(f"/van-ban/{doc.pk}/tai-ve/")
    assert response.status_code == 404  # the ward's archive is above the secretary's cell
    response = world.client_for(world.officer).get(f"/van-ban/{doc.pk}/tai-ve/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF


def test_the_same_content_is_kept_once(world: World) -> None:
    _post(world, SimpleUploadedFile("a.pdf", PDF))
    _post(world, SimpleUploadedFile("b.pdf", PDF), number="252-KH/TU")
    assert Document.objects.count() == 2 and StoredFile.objects.count() == 1


def test_a_document_needs_a_file_and_its_number(world: World) -> None:
    response = world.client_for(world.officer).post(
        f"/van-ban/them/?org={world.ward.pk}", {"issued_on": "10/03/2025", "issuer": "Tỉnh ủy", "summary": "KH"}
    )
    body = response.content.decode()
    assert response.status_code == 400 and "Số, ký hiệu" in body
