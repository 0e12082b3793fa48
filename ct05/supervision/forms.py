"""Forms of the supervision pages: they parse and check types (dates dd/mm/yyyy); the services check the
rules and name the field in their messages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from ct05.core.text import clean
from ct05.orgs.models import Member, Organization
from ct05.records.forms import date_field, text_field
from ct05.supervision.models import Finding, Mission, MissionMember, RemediationTask, Shortcoming


class Base(forms.Form):
    """Names the field in "required" and "invalid choice" messages; NFC and trimmed single-line text."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.error_messages["required"] = _("Trường “%(f)s” không được để trống.") % {"f": field.label}
            if "invalid_choice" in field.error_messages:
                field.error_messages["invalid_choice"] = _("“%(f)s”: lựa chọn không hợp lệ.") % {"f": field.label}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for key, value in data.items():
            if isinstance(value, str):
                data[key] = value.strip() if "\n" in value else clean(value)
        return data


class PlanForm(Base):
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    number = text_field(_("Số, ký hiệu"), 60)
    issued_on = date_field(_("Ngày ban hành"))
    title = text_field(_("Tên kế hoạch"), 300, required=True)
    content = text_field(_("Nội dung, đối tượng, thời gian"), 20000, required=True, rows=8)


class SelfInspectionForm(Base):
    date = date_field(_("Ngày tự kiểm tra"))
    subject = text_field(_("Nội dung tự kiểm tra"), 300, required=True)
    result = text_field(_("Kết quả"), 20000, required=True, rows=5)
    follow_up = text_field(_("Việc cần khắc phục"), 20000, rows=3)


class MissionForm(Base):
    kind = forms.ChoiceField(label=_("Loại đoàn"), choices=Mission.Kind.choices)
    title = text_field(_("Tên đoàn"), 300, required=True)
    issuer_name = text_field(_("Cơ quan ban hành"), 200, required=True)
    decision_number = text_field(_("Số quyết định"), 60, required=True)
    decision_date = date_field(_("Ngày quyết định"), required=False)
    purpose = text_field(_("Mục đích, yêu cầu, nội dung"), 20000, required=True, rows=6)
    start_date = date_field(_("Từ ngày"))
    end_date = date_field(_("Đến ngày"))


class MissionReportForm(Base):
    report_number = text_field(_("Số báo cáo"), 60)
    report_date = date_field(_("Ngày báo cáo"), required=False)
    signer_on_behalf = text_field(_("Thay mặt"), 120)
    signer_title = text_field(_("Chức vụ người ký"), 120)
    signer_name = text_field(_("Người ký"), 120)
    recipients = text_field(_("Nơi nhận (mỗi dòng một nơi)"), 3000, rows=4)
    follow_up_on = date_field(_("Ngày kiểm tra lại"), required=False)


class MemberAddForm(Base):
    user = forms.ModelChoiceField(label=_("Cán bộ"), queryset=User.objects.none(), empty_label="—")
    role = forms.ChoiceField(label=_("Nhiệm vụ trong đoàn"), choices=MissionMember.Role.choices)

    def __init__(self, *args: Any, users: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = users  # type: ignore[attr-defined]


class UnitAddForm(Base):
    organization = forms.ModelChoiceField(label=_("Đơn vị"), queryset=Organization.objects.none(), empty_label="—")
    reason = text_field(_("Lý do chọn"), 500)

    def __init__(self, *args: Any, orgs: QuerySet[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = orgs  # type: ignore[attr-defined]


class SampleForm(Base):
    size = forms.IntegerField(label=_("Số đơn vị cần chọn"), min_value=1, max_value=50, initial=6)


class RequestForm(Base):
    organization = forms.ModelChoiceField(label=_("Đơn vị"), queryset=Organization.objects.none(), empty_label="—")
    topic = text_field(_("Chủ đề báo cáo"), 300, required=True)
    detail = text_field(_("Yêu cầu cụ thể"), 5000, rows=3)
    deadline = date_field(_("Hạn gửi"))

    def __init__(self, *args: Any, orgs: QuerySet[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = orgs  # type: ignore[attr-defined]


class AnswerForm(Base):
    text = text_field(_("Nội dung báo cáo"), 50000, required=True, rows=12)


class FindingForm(Base):
    kind = forms.ChoiceField(label=_("Loại"), choices=Finding.Kind.choices)
    shortcoming = forms.ModelChoiceField(
        label=_("Danh mục tồn tại, hạn chế"),
        queryset=Shortcoming.objects.filter(active=True),
        required=False,
        empty_label="—",
    )
    text = text_field(_("Nội dung"), 5000, rows=3)


class ConclusionForm(Base):
    commendation = text_field(_("Kết quả, ưu điểm ghi nhận"), 20000, rows=6)
    shortcomings = text_field(_("Tồn tại, hạn chế chung"), 20000, rows=6)
    points = text_field(
        _("Nhiệm vụ đề nghị (mỗi dòng một nhiệm vụ: Một là …, Hai là …)"), 30000, required=True, rows=10
    )

    def point_list(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["points"].splitlines() if line.strip()]


class TaskForm(Base):
    point_number = forms.TypedChoiceField(label=_("Theo nhiệm vụ"), coerce=int, required=False, empty_value=None)
    organization = forms.ModelChoiceField(
        label=_("Đơn vị thực hiện"), queryset=Organization.objects.none(), required=False, empty_label="—"
    )
    owner = forms.ModelChoiceField(
        label=_("Người chịu trách nhiệm"), queryset=Member.objects.none(), required=False, empty_label="—"
    )
    deadline = date_field(_("Thời hạn"), required=False)
    text = text_field(_("Việc phải làm"), 3000, rows=3)

    def __init__(
        self,
        *args: Any,
        points: list[tuple[int, str]],
        orgs: QuerySet[Organization],
        members: QuerySet[Member],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["point_number"].choices = [("", "—"), *points]  # type: ignore[attr-defined]
        self.fields["organization"].queryset = orgs  # type: ignore[attr-defined]
        self.fields["owner"].queryset = members  # type: ignore[attr-defined]


class TaskUpdateForm(Base):
    status = forms.ChoiceField(label=_("Tình trạng"), choices=RemediationTask.Status.choices)
    evidence = text_field(_("Kết quả, minh chứng"), 20000, rows=4)
    completed_on = date_field(_("Ngày hoàn thành"), required=False)


class FollowUpForm(Base):
    follow_up_on = date_field(_("Ngày kiểm tra lại"))
    follow_up_result = text_field(_("Kết quả kiểm tra lại"), 20000, rows=3)


class EvaluateForm(Base):
    organization = forms.ModelChoiceField(
        label=_("Đơn vị"), queryset=Organization.objects.none(), required=False, empty_label=_("Toàn bộ phạm vi")
    )
