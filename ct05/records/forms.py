"""Forms of the records pages. They parse and check types; the services check the rules. Dates dd/mm/yyyy."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from ct05.core import clock
from ct05.core.text import clean, unreadable
from ct05.orgs.forms import DATE_FORMATS, DATE_INPUT
from ct05.orgs.models import Member, Organization
from ct05.records.models import (
    ActivityForm,
    Attendance,
    CommendationLevel,
    Criticism,
    DocumentType,
    ExemplaryModel,
    MeetingKind,
    MeetingRequirement,
    ResolutionItem,
    StandardCategory,
)


def date_field(label: str, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=DATE_INPUT,
        input_formats=DATE_FORMATS,
        error_messages={
            "required": _("Trường “%(f)s” không được để trống.") % {"f": label},
            "invalid": _("“%(f)s”: ngày không hợp lệ, hãy ghi theo dạng dd/mm/yyyy.") % {"f": label},
        },
    )


def text_field(label: str, max_length: int, required: bool = False, rows: int = 0) -> forms.CharField:
    widget = forms.Textarea(attrs={"rows": rows, "maxlength": max_length}) if rows else None
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        widget=widget,
        strip=True,
        error_messages={
            "required": _("Trường “%(f)s” không được để trống.") % {"f": label},
            "max_length": _("Trường “%(f)s” quá dài (tối đa %(n)s ký tự).") % {"f": label, "n": max_length},
        },
    )


class _Base(forms.Form):
    """Labels the "required" and "invalid choice" messages with the field's name."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            label = field.label
            field.error_messages.setdefault("required", _("Trường “%(f)s” không được để trống.") % {"f": label})
            field.error_messages["required"] = _("Trường “%(f)s” không được để trống.") % {"f": label}
            if "invalid_choice" in field.error_messages:
                field.error_messages["invalid_choice"] = _("“%(f)s”: lựa chọn không hợp lệ.") % {"f": label}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for key, value in list(data.items()):
            if isinstance(value, str):
                data[key] = value if "\n" in value else clean(value)
                if problem := unreadable(data[key]):  # a legacy encoding left unrepaired (issue 16, item 7)
                    self.add_error(key, problem[:1].upper() + problem[1:])
        return data


# Meetings ---------------------------------------------------------------------------------------------


class MeetingForm(_Base):
    kind = forms.ChoiceField(label=_("Loại sinh hoạt"), choices=MeetingKind.choices)
    date = date_field(_("Ngày họp"))
    makeup = forms.BooleanField(
        label=_("Buổi sinh hoạt định kỳ bù cho tháng trước (lịch tuân thủ sẽ ghi tháng trước là “trễ”)"),
        required=False,
    )
    place = text_field(_("Địa điểm"), 200)
    chair = forms.ModelChoiceField(label=_("Chủ trì"), queryset=Member.objects.none(), required=False)
    recorder = forms.ModelChoiceField(label=_("Thư ký"), queryset=Member.objects.none(), required=False)
    topic = text_field(_("Tên chuyên đề (sinh hoạt chuyên đề)"), 300)
    content = text_field(_("Nội dung chuyên đề, nội dung chính"), 20000, rows=4)
    discussion = text_field(_("Ý kiến thảo luận chung"), 20000, rows=3)
    extra_agenda = text_field(_("Nội dung khác (mỗi dòng một nội dung)"), 3000, rows=2)

    def __init__(self, *args: Any, members: QuerySet[Member], day: dt.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["chair"].queryset = members  # type: ignore[attr-defined]
        self.fields["recorder"].queryset = members  # type: ignore[attr-defined]
        self.requirements = list(
            MeetingRequirement.objects.in_effect(day).filter(shape=MeetingRequirement.Shape.AGENDA)
        )
        for req in self.requirements:
            kind = MeetingKind(req.meeting_kind).label
            star = " *" if req.is_required else ""
            self.fields[f"agenda_{req.pk}"] = forms.BooleanField(
                label=f"{kind}: {req.text}{star}", required=False, initial=req.is_required
            )

    def agenda_fields(self) -> list[forms.BoundField]:
        return [self[f"agenda_{r.pk}"] for r in self.requirements]

    def plain_fields(self) -> list[forms.BoundField]:
        return [f for f in self if not f.name.startswith("agenda_")]

    def agenda_done(self) -> frozenset[int]:
        return frozenset(r.pk for r in self.requirements if self.cleaned_data.get(f"agenda_{r.pk}"))

    def extra_lines(self) -> tuple[str, ...]:
        return tuple(line for line in (self.cleaned_data.get("extra_agenda") or "").splitlines() if line.strip())


ATTENDANCE_CHOICES = Attendance.Status.choices


class ItemProgressForm(_Base):
    status = forms.ChoiceField(label=_("Tình trạng"), choices=ResolutionItem.Status.choices)
    evidence = text_field(_("Kết quả, minh chứng"), 5000, rows=2)
    completed_on = date_field(_("Ngày hoàn thành"), required=False)


# Standards ------------------------------------------------------------------------------------------


class StandardHeadForm(_Base):
    title = text_field(_("Tên bộ chuẩn mực"), 300, required=True)
    issued_on = date_field(_("Ngày ban hành (hoặc sửa đổi)"))
    note = text_field(_("Ghi chú lần sửa đổi"), 500)


class ReviewForm(_Base):
    date = date_field(_("Ngày rà soát"))
    note = text_field(_("Ghi chú"), 500)


def standard_categories() -> QuerySet[StandardCategory]:
    return StandardCategory.objects.in_effect(clock.today())


# Simple registers -------------------------------------------------------------------------------------


class GoodDeedForm(_Base):
    date = date_field(_("Ngày"))
    member = forms.ModelChoiceField(label=_("Đảng viên"), queryset=Member.objects.none(), required=False)
    doer_unit = text_field(_("Hoặc tập thể"), 200)
    deed = text_field(_("Việc tốt"), 5000, required=True, rows=3)
    beneficiary = text_field(_("Người, nơi được giúp đỡ"), 300)
    verified_by = text_field(_("Người xác nhận"), 200)


class ExemplaryModelForm(_Base):
    kind = forms.ChoiceField(label=_("Loại"), choices=ExemplaryModel.Kind.choices)
    name = text_field(_("Tên mô hình, điển hình"), 300, required=True)
    member = forms.ModelChoiceField(label=_("Cá nhân điển hình"), queryset=Member.objects.none(), required=False)
    started_on = date_field(_("Bắt đầu từ"))
    description = text_field(_("Cách làm"), 10000, rows=3)
    results = text_field(_("Kết quả"), 10000, rows=3)
    status = forms.ChoiceField(label=_("Tình trạng"), choices=ExemplaryModel.Status.choices)


class ReplicationForm(_Base):
    organization = forms.ModelChoiceField(label=_("Đơn vị nhân rộng"), queryset=Organization.objects.none())
    started_on = date_field(_("Từ ngày"))
    results = text_field(_("Kết quả"), 5000, rows=2)


class CommendationForm(_Base):
    level = forms.ModelChoiceField(label=_("Hình thức, cấp khen thưởng"), queryset=CommendationLevel.objects.none())
    decision_number = text_field(_("Số quyết định"), 60, required=True)
    decision_date = date_field(_("Ngày quyết định"))
    member = forms.ModelChoiceField(label=_("Cá nhân"), queryset=Member.objects.none(), required=False)
    recipient_unit = text_field(_("Hoặc tập thể được khen"), 200)
    model = forms.ModelChoiceField(
        label=_("Mô hình, điển hình"), queryset=ExemplaryModel.objects.none(), required=False
    )
    reason = text_field(_("Thành tích"), 5000, rows=3)


class CriticismForm(_Base):
    date = date_field(_("Ngày"))
    member = forms.ModelChoiceField(label=_("Đảng viên"), queryset=Member.objects.none(), required=False)
    subject_unit = text_field(_("Hoặc tập thể"), 200)
    issue = text_field(_("Biểu hiện lệch lạc, khuyết điểm"), 5000, required=True, rows=3)
    correction = text_field(_("Biện pháp phê bình, uốn nắn"), 5000, rows=3)
    decided_by = text_field(_("Cấp phê bình"), 200)
    status = forms.ChoiceField(label=_("Tình trạng"), choices=Criticism.Status.choices)
    corrected_on = date_field(_("Ngày khắc phục xong"), required=False)


class ActivityEntryForm(_Base):
    form = forms.ModelChoiceField(label=_("Hình thức"), queryset=ActivityForm.objects.none())
    date = date_field(_("Ngày"))
    title = text_field(_("Nội dung"), 300, required=True)
    organizer = text_field(_("Người, bộ phận thực hiện"), 200)
    audience = text_field(_("Đối tượng"), 200)
    participants = forms.IntegerField(
        label=_("Số người tham dự, lượt tiếp cận"),
        required=False,
        min_value=0,
        error_messages={"invalid": _("“Số người tham dự”: hãy ghi một số.")},
    )
    evidence = text_field(_("Minh chứng (đường dẫn, số báo, ghi chú)"), 5000, rows=2)


class DocumentForm(_Base):
    doc_type = forms.ModelChoiceField(label=_("Loại văn bản"), queryset=DocumentType.objects.none())
    number = text_field(_("Số, ký hiệu (ví dụ: 251-KH/TU)"), 60, required=True)
    issued_on = date_field(_("Ngày ban hành"))
    issuer = text_field(_("Cơ quan ban hành"), 200, required=True)
    summary = text_field(_("Trích yếu"), 500, required=True, rows=2)
    file = forms.FileField(
        label=_("Tệp (PDF, DOCX, XLSX, JPG, PNG; tối đa 20 MB)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.xlsx,.jpg,.jpeg,.png"}),
    )


def prepare(form: forms.Form, org: Organization, members: QuerySet[Member], today: dt.date) -> forms.Form:
    """Fill the choice lists of a register form for one unit: its members, today's rule data."""
    fields = form.fields
    if "member" in fields:
        fields["member"].queryset = members  # type: ignore[attr-defined]
    if "level" in fields:
        fields["level"].queryset = CommendationLevel.objects.in_effect(today)  # type: ignore[attr-defined]
    if "form" in fields and isinstance(form, ActivityEntryForm):
        fields["form"].queryset = ActivityForm.objects.in_effect(today)  # type: ignore[attr-defined]
    if "doc_type" in fields:
        fields["doc_type"].queryset = DocumentType.objects.in_effect(today)  # type: ignore[attr-defined]
    if "model" in fields:
        fields["model"].queryset = ExemplaryModel.objects.filter(  # type: ignore[attr-defined]
            organization__path__startswith=org.path
        )
    return form
