"""Rules as data with effective dates (DESIGN.md section 4): which meetings and agenda items are required,
the Quy định 144-QĐ/TW taxonomy of ethical standards, commendation levels, activity forms, document types,
and small settings such as the standards review period. Seeded with today's defaults (migration 0002),
editable by the province admin in the admin site."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _

from ct05.core.clock import today
from ct05.core.rules import EffectiveDated


class MeetingKind(models.TextChoices):
    REGULAR = "regular", _("Sinh hoạt định kỳ")
    THEMATIC = "thematic", _("Sinh hoạt chuyên đề")
    EXTRAORDINARY = "extraordinary", _("Sinh hoạt bất thường")


class MeetingRequirement(EffectiveDated):
    """A rule about cell meetings. Two shapes:

    - "held": at least `min_count` meetings of `meeting_kind` in every period (month or quarter);
    - "agenda": an agenda item offered on every meeting of `meeting_kind`; when `is_required`, a meeting
      without it does not satisfy the rule and the compliance calendar shows the month as missing.
    """

    class Shape(models.TextChoices):
        HELD = "held", _("Số cuộc sinh hoạt tối thiểu")
        AGENDA = "agenda", _("Nội dung sinh hoạt")

    class Period(models.TextChoices):
        MONTH = "month", _("Hằng tháng")
        QUARTER = "quarter", _("Hằng quý")

    code = models.SlugField(_("mã"), max_length=40)
    shape = models.CharField(_("loại quy định"), max_length=10, choices=Shape.choices)
    meeting_kind = models.CharField(_("loại sinh hoạt"), max_length=16, choices=MeetingKind.choices)
    period = models.CharField(_("chu kỳ"), max_length=10, choices=Period.choices, default=Period.MONTH)
    min_count = models.PositiveSmallIntegerField(_("số cuộc tối thiểu"), default=1)
    label = models.CharField(_("tên hiển thị"), max_length=120)
    text = models.CharField(_("nội dung"), max_length=300)
    is_required = models.BooleanField(_("bắt buộc"), default=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("quy định sinh hoạt chi bộ")
        verbose_name_plural = _("quy định sinh hoạt chi bộ")

    def __str__(self) -> str:
        return self.label


class StandardCategory(EffectiveDated):
    """One of the five standards of Quy định 144-QĐ/TW (09/5/2024); items of unit standards are tagged with it."""

    code = models.SlugField(_("mã"), max_length=40)
    number = models.PositiveSmallIntegerField(_("điều"))
    name = models.CharField(_("tên chuẩn mực"), max_length=200)

    class Meta:
        ordering = ["number", "id"]
        verbose_name = _("chuẩn mực theo Quy định 144-QĐ/TW")
        verbose_name_plural = _("chuẩn mực theo Quy định 144-QĐ/TW")

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"


class CommendationLevel(EffectiveDated):
    code = models.SlugField(_("mã"), max_length=40)
    name = models.CharField(_("hình thức, cấp khen thưởng"), max_length=200)
    rank = models.PositiveSmallIntegerField(_("thứ bậc"), help_text=_("số lớn hơn = cấp cao hơn"))

    class Meta:
        ordering = ["rank", "id"]
        verbose_name = _("cấp khen thưởng")
        verbose_name_plural = _("cấp khen thưởng")

    def __str__(self) -> str:
        return self.name


class ActivityForm(EffectiveDated):
    code = models.SlugField(_("mã"), max_length=40)
    name = models.CharField(_("hình thức tuyên truyền"), max_length=120)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("hình thức tuyên truyền")
        verbose_name_plural = _("hình thức tuyên truyền")

    def __str__(self) -> str:
        return self.name


class DocumentType(EffectiveDated):
    code = models.SlugField(_("mã"), max_length=40)
    name = models.CharField(_("loại văn bản"), max_length=120)
    abbreviation = models.CharField(_("viết tắt"), max_length=10, blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("loại văn bản")
        verbose_name_plural = _("loại văn bản")

    def __str__(self) -> str:
        return self.name


class RecordSetting(EffectiveDated):
    """A small setting with effective dates; the value in effect on a day wins (see `setting_value`)."""

    class Key(models.TextChoices):
        STANDARDS_REVIEW_MONTHS = "standards_review_months", _("Chu kỳ rà soát chuẩn mực đạo đức (tháng)")
        MINUTES_PLACE = "minutes_place", _("Địa danh ghi trên biên bản")
        STANDARD_MAX_ITEMS = "standard_max_items", _("Số điều chuẩn mực tối đa khuyến nghị")

    key = models.CharField(_("khóa"), max_length=40, choices=Key.choices)
    value = models.CharField(_("giá trị"), max_length=200)

    class Meta:
        ordering = ["key", "-effective_from"]
        verbose_name = _("tham số sổ sách")
        verbose_name_plural = _("tham số sổ sách")

    def __str__(self) -> str:
        return f"{self.get_key_display()} = {self.value}"


DEFAULT_SETTINGS = {
    RecordSetting.Key.STANDARDS_REVIEW_MONTHS: "12",
    RecordSetting.Key.MINUTES_PLACE: "Điện Biên Phủ",
    RecordSetting.Key.STANDARD_MAX_ITEMS: "10",
}


def setting_value(key: str, day: dt.date | None = None) -> str:
    day = day or today()
    row = RecordSetting.objects.in_effect(day).filter(key=key).order_by("-effective_from").first()
    return row.value if row else DEFAULT_SETTINGS[RecordSetting.Key(key)]


def setting_int(key: str, day: dt.date | None = None) -> int:
    try:
        return int(setting_value(key, day))
    except ValueError:
        return int(DEFAULT_SETTINGS[RecordSetting.Key(key)])
