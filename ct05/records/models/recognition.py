"""Good deeds (người tốt việc tốt), exemplary models (mô hình, điển hình), commendations and criticism.
Each belongs to the organization that keeps the record: that is what the access resolver filters on."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from ct05.orgs.models import Member, Organization
from ct05.records.models.rules import CommendationLevel


class GoodDeed(models.Model):
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="good_deeds", verbose_name=_("đơn vị ghi nhận")
    )
    date = models.DateField(_("ngày"))
    member = models.ForeignKey(
        Member, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("đảng viên")
    )
    doer_unit = models.CharField(_("tập thể (nếu không phải một đảng viên)"), max_length=200, blank=True)
    deed = models.TextField(_("việc tốt"))
    beneficiary = models.CharField(_("người, nơi được giúp đỡ"), max_length=300, blank=True)
    verified_by = models.CharField(_("người xác nhận"), max_length=200, blank=True)
    search_text = models.CharField(max_length=500, editable=False, default="")

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("người tốt, việc tốt")

    def __str__(self) -> str:
        return self.deed[:80]

    @property
    def doer(self) -> str:
        return self.member.full_name if self.member_id and self.member else self.doer_unit


class ExemplaryModel(models.Model):
    class Kind(models.TextChoices):
        PRACTICE = "practice", _("Mô hình hay, cách làm hiệu quả")
        EXEMPLAR = "exemplar", _("Điển hình tiên tiến")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Đang thực hiện")
        REPLICATED = "replicated", _("Đã nhân rộng")
        STOPPED = "stopped", _("Đã dừng")

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="exemplary_models", verbose_name=_("đơn vị xây dựng")
    )
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices, default=Kind.PRACTICE)
    name = models.CharField(_("tên mô hình, điển hình"), max_length=300)
    member = models.ForeignKey(
        Member, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("cá nhân điển hình")
    )
    started_on = models.DateField(_("bắt đầu từ"))
    description = models.TextField(_("cách làm"), blank=True)
    results = models.TextField(_("kết quả"), blank=True)
    status = models.CharField(_("tình trạng"), max_length=12, choices=Status.choices, default=Status.ACTIVE)
    search_text = models.CharField(max_length=500, editable=False, default="")

    class Meta:
        ordering = ["-started_on", "-id"]
        verbose_name = _("mô hình, điển hình")

    def __str__(self) -> str:
        return self.name


class Replication(models.Model):
    model = models.ForeignKey(ExemplaryModel, on_delete=models.CASCADE, related_name="replications")
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị nhân rộng")
    )
    started_on = models.DateField(_("từ ngày"))
    results = models.TextField(_("kết quả"), blank=True)

    class Meta:
        ordering = ["started_on", "id"]
        constraints = [models.UniqueConstraint(fields=["model", "organization"], name="one_replication_per_unit")]

    def __str__(self) -> str:
        return f"{self.model_id} → {self.organization_id}"


class Commendation(models.Model):
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="commendations", verbose_name=_("đơn vị đề nghị, quản lý")
    )
    level = models.ForeignKey(
        CommendationLevel, on_delete=models.PROTECT, related_name="+", verbose_name=_("hình thức")
    )
    decision_number = models.CharField(_("số quyết định"), max_length=60)
    decision_date = models.DateField(_("ngày quyết định"))
    member = models.ForeignKey(
        Member, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("cá nhân")
    )
    recipient_unit = models.CharField(_("tập thể được khen"), max_length=200, blank=True)
    model = models.ForeignKey(
        ExemplaryModel,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="commendations",
        verbose_name=_("mô hình, điển hình"),
    )
    reason = models.TextField(_("thành tích"), blank=True)
    search_text = models.CharField(max_length=500, editable=False, default="")

    class Meta:
        ordering = ["-decision_date", "-id"]
        verbose_name = _("khen thưởng")

    def __str__(self) -> str:
        return f"{self.decision_number} {self.recipient}"

    @property
    def recipient(self) -> str:
        return self.member.full_name if self.member_id and self.member else self.recipient_unit


class Criticism(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Đang khắc phục")
        CORRECTED = "corrected", _("Đã khắc phục")

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="criticisms", verbose_name=_("đơn vị")
    )
    date = models.DateField(_("ngày"))
    member = models.ForeignKey(
        Member, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("đảng viên")
    )
    subject_unit = models.CharField(_("tập thể (nếu không phải một đảng viên)"), max_length=200, blank=True)
    issue = models.TextField(_("biểu hiện lệch lạc, khuyết điểm"))
    correction = models.TextField(_("biện pháp phê bình, uốn nắn"), blank=True)
    decided_by = models.CharField(_("cấp phê bình"), max_length=200, blank=True)
    status = models.CharField(_("tình trạng"), max_length=10, choices=Status.choices, default=Status.OPEN)
    corrected_on = models.DateField(_("ngày khắc phục xong"), null=True, blank=True)
    search_text = models.CharField(max_length=500, editable=False, default="")

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("phê bình, uốn nắn")

    def __str__(self) -> str:
        return self.issue[:80]

    @property
    def subject(self) -> str:
        return self.member.full_name if self.member_id and self.member else self.subject_unit
