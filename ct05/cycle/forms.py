"""Forms of the yearly cycle. They parse and label; the rules live in the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ct05.cycle.models import Commitment, RatingLevel, Registration, Standard144
from ct05.cycle.services.registrations import CommitmentInput
from ct05.orgs.forms import DATE_FORMATS, DATE_INPUT

TEXTAREA = {"rows": 2}


class CommitmentForm(forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    content = forms.CharField(
        label=_("Nội dung đăng ký"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 3, "class": "commitment-content"}),
        help_text=_("Ai làm gì, bao nhiêu, khi nào, minh chứng là gì."),
    )
    duty = forms.TypedChoiceField(
        label=_("Gắn với nhiệm vụ được phân công"), required=False, coerce=int, empty_value=None
    )
    shortcoming = forms.CharField(
        label=_("Hạn chế năm trước cần khắc phục"), required=False, widget=forms.Textarea(attrs=TEXTAREA)
    )
    standard = forms.ChoiceField(
        label=_("Chuẩn mực (Quy định 144-QĐ/TW)"), required=False, choices=[("", "—"), *Standard144.choices]
    )
    measures = forms.CharField(label=_("Giải pháp, biện pháp"), required=False, widget=forms.Textarea(attrs=TEXTAREA))
    milestones = forms.CharField(
        label=_("Mốc thời gian"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("ví dụ: hằng tháng; quý II")}),
    )
    deadline = forms.DateField(
        label=_("Thời hạn hoàn thành"), required=False, widget=DATE_INPUT, input_formats=DATE_FORMATS
    )
    expected_result = forms.CharField(
        label=_("Kết quả, sản phẩm dự kiến"), required=False, widget=forms.Textarea(attrs=TEXTAREA)
    )

    def __init__(self, *args: Any, duties: list[tuple[int, str]] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.fields["duty"].choices = [("", _("— không gắn —")), *[(pk, text[:120]) for pk, text in duties]]

    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return not any(
            (data.get(k) or "").strip() if isinstance(data.get(k), str) else data.get(k)
            for k in ("content", "shortcoming", "measures", "milestones", "deadline", "expected_result")
        )

    def to_input(self) -> CommitmentInput:
        d = self.cleaned_data
        return CommitmentInput(
            id=d.get("id"),
            content=d.get("content") or "",
            duty_id=d.get("duty"),
            shortcoming=d.get("shortcoming") or "",
            standard=d.get("standard") or "",
            measures=d.get("measures") or "",
            milestones=d.get("milestones") or "",
            deadline=d.get("deadline"),
            expected_result=d.get("expected_result") or "",
        )


class BaseCommitmentFormSet(forms.BaseFormSet):  # type: ignore[type-arg]
    def __init__(self, *args: Any, duties: list[tuple[int, str]] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        self.duties = list(duties)
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        return {"duties": self.duties}

    def inputs(self) -> list[CommitmentInput]:
        return [
            f.to_input() for f in self.forms if f.is_valid() and not f.is_blank() and not self._should_delete_form(f)
        ]


CommitmentFormSet = forms.formset_factory(
    CommitmentForm, formset=BaseCommitmentFormSet, extra=1, can_delete=True, max_num=20, absolute_max=40
)


def initial_commitments(commitments: list[Commitment]) -> list[dict[str, Any]]:
    return [
        {
            "id": c.pk,
            "content": c.content,
            "duty": c.duty_id,
            "shortcoming": c.shortcoming,
            "standard": c.standard,
            "measures": c.measures,
            "milestones": c.milestones,
            "deadline": c.deadline,
            "expected_result": c.expected_result,
        }
        for c in commitments
    ]


class NewRegistrationForm(forms.Form):
    year = forms.IntegerField(label=_("Năm"), min_value=2016, max_value=2100)
    member = forms.TypedChoiceField(label=_("Đảng viên"), coerce=int, required=False, empty_value=None)
    track = forms.ChoiceField(label=_("Loại"), choices=Registration.Track.choices, required=False)
    term_plan = forms.CharField(
        label=_("Kế hoạch toàn khóa (nếu có)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, members: list[tuple[int, str]] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.fields["member"].choices = [("", "—"), *members]


class ReturnForm(forms.Form):
    comment = forms.CharField(label=_("Lý do trả lại, cần sửa gì"), widget=forms.Textarea(attrs={"rows": 3}))


class AcceptForm(forms.Form):
    cell_review_on = forms.DateField(
        label=_("Ngày thông qua trước chi bộ"), required=False, widget=DATE_INPUT, input_formats=DATE_FORMATS
    )


class CheckInForm(forms.Form):
    commitment = forms.IntegerField(widget=forms.HiddenInput)
    quarter = forms.TypedChoiceField(label=_("Quý"), coerce=int, choices=[(q, f"Quý {q}") for q in (1, 2, 3, 4)])
    progress = forms.CharField(label=_("Tiến độ, kết quả"), widget=forms.Textarea(attrs={"rows": 2}))
    evidence = forms.CharField(label=_("Minh chứng"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    percent = forms.IntegerField(label=_("Mức hoàn thành (%)"), required=False)


class AssessForm(forms.Form):
    rating = forms.ModelChoiceField(label=_("Xếp loại"), queryset=RatingLevel.objects.none())
    comment = forms.CharField(label=_("Nhận xét của chi bộ"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, year: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        import datetime as dt

        day = dt.date(year, 12, 31)
        self.fields["rating"].queryset = RatingLevel.objects.in_effect(day)  # type: ignore[attr-defined]


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Tệp .xlsx theo mẫu"))
    year = forms.IntegerField(label=_("Năm"), min_value=2016, max_value=2100)
