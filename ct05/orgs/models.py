from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ct05.core.clock import today
from ct05.core.rules import EffectiveDated
from ct05.core.text import fold, name_sort_key, split_name


class OrgKind(EffectiveDated):
    """A kind of party organization (tỉnh ủy, đảng bộ trực thuộc, …): data, so the names can change."""

    code = models.SlugField(_("mã"), max_length=32, unique=True)
    name = models.CharField(_("tên"), max_length=120)
    level = models.PositiveSmallIntegerField(_("cấp"), help_text=_("0 = tỉnh; số lớn hơn = cấp dưới"))
    is_cell = models.BooleanField(_("là chi bộ"), default=False)
    is_grassroots = models.BooleanField(_("là tổ chức cơ sở đảng"), default=False)
    doc_symbol = models.CharField(
        _("ký hiệu cơ quan ban hành"),
        max_length=16,
        blank=True,
        help_text=_("Phần sau dấu “/” trong số, ký hiệu văn bản (Hướng dẫn 36-HD/VPTW), ví dụ: TU, ĐU, CB."),
    )
    effective_from = models.DateField(_("hiệu lực từ"), default=dt.date(2016, 1, 1))

    class Meta:
        ordering = ["level", "name"]
        verbose_name = _("loại tổ chức đảng")

    def __str__(self) -> str:
        return self.name


class Sector(EffectiveDated):
    """Loại hình: xã/phường, cơ quan, đơn vị sự nghiệp, doanh nghiệp, lực lượng vũ trang, thôn/bản."""

    code = models.SlugField(_("mã"), max_length=32, unique=True)
    name = models.CharField(_("tên"), max_length=120)
    effective_from = models.DateField(_("hiệu lực từ"), default=dt.date(2016, 1, 1))

    class Meta:
        ordering = ["name"]
        verbose_name = _("loại hình")

    def __str__(self) -> str:
        return self.name


PATH_STEP = 10  # digits per level in Organization.path: ids up to 10^10


def path_segment(pk: int) -> str:
    return f"{pk:0{PATH_STEP}d}/"


class OrganizationQuerySet(models.QuerySet["Organization"]):
    def active_on(self, day: dt.date) -> OrganizationQuerySet:
        """The units working on `day` (founded by then, not closed before)."""
        return self.filter(Q(active_to__isnull=True) | Q(active_to__gte=day), active_from__lte=day)

    def not_closed_on(self, day: dt.date) -> OrganizationQuerySet:
        """The units not closed before `day` (new units included, whatever their founding date)."""
        return self.filter(Q(active_to__isnull=True) | Q(active_to__gte=day))

    def active_between(self, start: dt.date, end: dt.date) -> OrganizationQuerySet:
        """The units working on at least one day of `start`..`end`."""
        return self.filter(Q(active_to__isnull=True) | Q(active_to__gte=start), active_from__lte=end)


class Organization(models.Model):
    """A party organization, at any depth. `path` is the chain of ancestor ids (materialized path), so a
    subtree is one indexed prefix match; it is rewritten for the whole subtree when a unit moves."""

    code = models.CharField(_("mã"), max_length=32, unique=True)
    name = models.CharField(_("tên"), max_length=255)
    kind = models.ForeignKey(OrgKind, on_delete=models.PROTECT, verbose_name=_("loại"))
    sector = models.ForeignKey(Sector, null=True, blank=True, on_delete=models.PROTECT, verbose_name=_("loại hình"))
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("trực thuộc"),
    )
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    active_from = models.DateField(_("hoạt động từ"), default=dt.date(2016, 1, 1))
    active_to = models.DateField(_("hoạt động đến"), null=True, blank=True)
    search_text = models.CharField(max_length=300, editable=False, default="")

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        ordering = ["path"]
        verbose_name = _("tổ chức đảng")
        indexes = [
            # LIKE 'prefix%' uses this index on PostgreSQL whatever the database collation.
            models.Index(fields=["path"], name="org_path_pattern", opclasses=["varchar_pattern_ops"]),
        ]

    def __str__(self) -> str:
        return self.name

    def refresh_search_text(self) -> None:
        self.search_text = fold(f"{self.name} {self.code}")[:300]

    def is_active_on(self, day: dt.date) -> bool:
        return self.active_from <= day and (self.active_to is None or day <= self.active_to)

    @property
    def is_active(self) -> bool:
        return self.is_active_on(today())

    def ancestors(self) -> models.QuerySet[Organization]:
        ids = [int(seg) for seg in self.path.strip("/").split("/")[:-1] if seg]
        return Organization.objects.filter(pk__in=ids).order_by("depth")


class OrgEvent(models.Model):
    """The recorded history of a unit: renames, moves, merges, splits, closing. Records made before an
    event stay attached to the unit they belonged to; the event links old and new units."""

    class Kind(models.TextChoices):
        CREATED = "created", _("Thành lập")
        RENAMED = "renamed", _("Đổi tên")
        UPDATED = "updated", _("Cập nhật")
        MOVED = "moved", _("Chuyển trực thuộc")
        MERGED_INTO = "merged_into", _("Hợp nhất vào")
        MERGED_FROM = "merged_from", _("Tiếp nhận hợp nhất từ")
        SPLIT_INTO = "split_into", _("Chia tách thành")
        SPLIT_FROM = "split_from", _("Chia tách từ")
        CLOSED = "closed", _("Giải thể / kết thúc hoạt động")

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("sự kiện"), max_length=16, choices=Kind.choices)
    date = models.DateField(_("ngày"))
    related = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("đơn vị liên quan"),
    )
    details = models.JSONField(default=dict, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["date", "id"]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.get_kind_display()} {self.organization_id}"


class Member(models.Model):
    class Gender(models.TextChoices):
        MALE = "M", _("Nam")
        FEMALE = "F", _("Nữ")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Đang sinh hoạt")
        TRANSFERRED = "transferred", _("Đã chuyển sinh hoạt đi")

    full_name = models.CharField(_("họ và tên"), max_length=120)
    date_of_birth = models.DateField(_("ngày sinh"))
    gender = models.CharField(_("giới tính"), max_length=1, choices=Gender.choices)
    ethnicity = models.CharField(_("dân tộc"), max_length=40, default="Kinh")
    card_number = models.CharField(_("số thẻ đảng viên"), max_length=20, unique=True)
    joined_on = models.DateField(_("ngày vào Đảng"))
    official_on = models.DateField(_("ngày chính thức"), null=True, blank=True)
    cell = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="members", verbose_name=_("chi bộ"))
    party_position = models.CharField(_("chức vụ đảng"), max_length=120, blank=True)
    government_position = models.CharField(_("chức vụ chính quyền, đoàn thể"), max_length=160, blank=True)
    is_key_leader = models.BooleanField(_("người đứng đầu, cán bộ chủ chốt"), default=False)
    is_exempt = models.BooleanField(_("miễn sinh hoạt"), default=False)
    status = models.CharField(_("trạng thái"), max_length=16, choices=Status.choices, default=Status.ACTIVE)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="member",
        verbose_name=_("tài khoản"),
    )
    sort_key = models.CharField(max_length=500, editable=False, default="", db_index=True)
    search_text = models.CharField(max_length=300, editable=False, default="")

    class Meta:
        ordering = ["sort_key", "id"]
        verbose_name = _("đảng viên")
        indexes = [models.Index(fields=["cell", "sort_key"])]

    def __str__(self) -> str:
        return self.full_name

    def refresh_derived(self) -> None:
        self.sort_key = name_sort_key(self.full_name)
        self.search_text = fold(f"{self.full_name} {self.card_number}")[:300]

    @property
    def name_parts(self) -> tuple[str, str, str]:
        return split_name(self.full_name)

    def current_duties(self) -> models.QuerySet[Duty]:
        return self.duties.filter(Q(ended_on__isnull=True) | Q(ended_on__gte=today()))


class Duty(models.Model):
    """A task assigned to a member for a period: what commitments will be checked against."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="duties")
    text = models.TextField(_("nhiệm vụ được phân công"))
    started_on = models.DateField(_("từ ngày"))
    ended_on = models.DateField(_("đến ngày"), null=True, blank=True)

    class Meta:
        ordering = ["-started_on", "id"]
        verbose_name = _("nhiệm vụ được phân công")

    def __str__(self) -> str:
        return self.text[:80]


class MemberTransfer(models.Model):
    """A member's move between cells (by transfer or because the cell merged or split)."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="transfers")
    from_cell = models.ForeignKey(Organization, null=True, on_delete=models.PROTECT, related_name="+")
    to_cell = models.ForeignKey(Organization, null=True, on_delete=models.PROTECT, related_name="+")
    date = models.DateField(_("ngày"))
    reason = models.CharField(_("lý do"), max_length=255, blank=True)

    class Meta:
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.member_id}: {self.from_cell_id} → {self.to_cell_id}"
