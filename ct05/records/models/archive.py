"""Propaganda activities and the documents archive, with the content-addressed file store."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ct05.orgs.models import Organization
from ct05.records.models.rules import ActivityForm, DocumentType


class StoredFile(models.Model):
    """A file kept under its SHA-256 in the store (see ct05/records/filestore.py); the same bytes are kept
    once whatever they are called."""

    sha256 = models.CharField(max_length=64, unique=True)
    kind = models.CharField(max_length=8)  # pdf, docx, xlsx, jpg, png: what the content is, not the name
    size = models.PositiveBigIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.sha256[:12]}.{self.kind}"


class Activity(models.Model):
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="activities", verbose_name=_("đơn vị tổ chức")
    )
    form = models.ForeignKey(ActivityForm, on_delete=models.PROTECT, related_name="+", verbose_name=_("hình thức"))
    date = models.DateField(_("ngày"))
    title = models.CharField(_("nội dung"), max_length=300)
    organizer = models.CharField(_("người, bộ phận thực hiện"), max_length=200, blank=True)
    audience = models.CharField(_("đối tượng"), max_length=200, blank=True)
    participants = models.PositiveIntegerField(_("số người tham dự, lượt tiếp cận"), null=True, blank=True)
    evidence = models.TextField(_("minh chứng (đường dẫn, số báo, ghi chú)"), blank=True)
    search_text = models.CharField(max_length=500, editable=False, default="")

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("hoạt động tuyên truyền")

    def __str__(self) -> str:
        return self.title


class Document(models.Model):
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="documents", verbose_name=_("đơn vị lưu")
    )
    doc_type = models.ForeignKey(DocumentType, on_delete=models.PROTECT, related_name="+", verbose_name=_("loại"))
    number = models.CharField(_("số, ký hiệu"), max_length=60)
    issued_on = models.DateField(_("ngày ban hành"))
    issuer = models.CharField(_("cơ quan ban hành"), max_length=200)
    summary = models.CharField(_("trích yếu"), max_length=500)
    file = models.ForeignKey(StoredFile, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    file_name = models.CharField(_("tên tệp"), max_length=200, blank=True)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    search_text = models.CharField(max_length=500, editable=False, default="")

    class Meta:
        ordering = ["-issued_on", "-id"]
        verbose_name = _("văn bản")

    def __str__(self) -> str:
        return f"{self.number} {self.summary[:60]}"
