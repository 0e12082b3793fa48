from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ct05.core.text import clean, unreadable
from ct05.orgs.models import Duty, Member, Organization, OrgKind, Sector

DATE_INPUT = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"})
DATE_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d"]


class MemberForm(forms.ModelForm):
    class Meta:
        model = Member
        fields = [
            "full_name",
            "date_of_birth",
            "gender",
            "ethnicity",
            "card_number",
            "joined_on",
            "official_on",
            "party_position",
            "government_position",
            "is_key_leader",
            "is_exempt",
            "status",
        ]

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for name in ("date_of_birth", "joined_on", "official_on"):
            field = self.fields[name]
            assert isinstance(field, forms.DateField)
            field.widget = DATE_INPUT
            field.input_formats = DATE_FORMATS
        for name in ("full_name", "ethnicity", "card_number"):
            self.fields[name].error_messages["required"] = _("Trường “%(f)s” không được để trống.") % {
                "f": self.fields[name].label
            }

    def clean_full_name(self) -> str:
        name = clean(self.cleaned_data["full_name"])
        if problem := unreadable(name):
            raise forms.ValidationError(_("Họ và tên: %(m)s") % {"m": problem})
        return name

    def clean_card_number(self) -> str:
        return clean(self.cleaned_data["card_number"])


class DutyForm(forms.ModelForm):
    class Meta:
        model = Duty
        fields = ["text", "started_on", "ended_on"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3, "maxlength": 2000})}

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for name in ("started_on", "ended_on"):
            field = self.fields[name]
            assert isinstance(field, forms.DateField)
            field.widget = DATE_INPUT
            field.input_formats = DATE_FORMATS


class MemberCreateForm(MemberForm):
    class Meta(MemberForm.Meta):
        fields = [f for f in MemberForm.Meta.fields if f != "status"]


class OrgForm(forms.Form):
    code = forms.CharField(label=_("Mã đơn vị"), max_length=32)
    name = forms.CharField(label=_("Tên đơn vị"), max_length=255)
    kind = forms.ModelChoiceField(label=_("Loại tổ chức"), queryset=OrgKind.objects.filter(effective_to__isnull=True))
    sector = forms.ModelChoiceField(label=_("Loại hình"), queryset=Sector.objects.all(), required=False)
    active_from = forms.DateField(label=_("Hoạt động từ"), widget=DATE_INPUT, input_formats=DATE_FORMATS)
    date = forms.DateField(
        label=_("Ngày hiệu lực của thay đổi"),
        widget=DATE_INPUT,
        input_formats=DATE_FORMATS,
        required=False,
        help_text=_("Dùng cho lịch sử đơn vị khi đổi tên."),
    )


class OrgMoveForm(forms.Form):
    new_parent = forms.ModelChoiceField(label=_("Chuyển trực thuộc"), queryset=Organization.objects.none())
    date = forms.DateField(label=_("Ngày hiệu lực"), widget=DATE_INPUT, input_formats=DATE_FORMATS)

    def __init__(self, *args: object, parents: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["new_parent"].queryset = parents  # type: ignore[attr-defined]


class OrgMergeForm(forms.Form):
    target = forms.ModelChoiceField(label=_("Hợp nhất vào đơn vị"), queryset=Organization.objects.none())
    date = forms.DateField(label=_("Ngày hợp nhất"), widget=DATE_INPUT, input_formats=DATE_FORMATS)

    def __init__(self, *args: object, targets: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["target"].queryset = targets  # type: ignore[attr-defined]


class OrgSplitForm(forms.Form):
    """Up to three new cells; one choice per member of the cell being split."""

    date = forms.DateField(label=_("Ngày chia tách"), widget=DATE_INPUT, input_formats=DATE_FORMATS)
    code1 = forms.CharField(label=_("Mã đơn vị mới 1"), max_length=32)
    name1 = forms.CharField(label=_("Tên đơn vị mới 1"), max_length=255)
    code2 = forms.CharField(label=_("Mã đơn vị mới 2"), max_length=32)
    name2 = forms.CharField(label=_("Tên đơn vị mới 2"), max_length=255)
    code3 = forms.CharField(label=_("Mã đơn vị mới 3 (nếu có)"), max_length=32, required=False)
    name3 = forms.CharField(label=_("Tên đơn vị mới 3 (nếu có)"), max_length=255, required=False)
    close_source = forms.BooleanField(label=_("Kết thúc hoạt động của chi bộ cũ"), required=False, initial=True)

    def __init__(self, *args: object, members: list[Member], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        choices = [
            ("0", _("Đơn vị mới 1")),
            ("1", _("Đơn vị mới 2")),
            ("2", _("Đơn vị mới 3")),
            ("", _("Ở lại chi bộ cũ")),
        ]
        for m in members:
            self.fields[f"m{m.pk}"] = forms.ChoiceField(label=m.full_name, choices=choices, required=False)

    def new_units(self) -> list[tuple[str, str]]:
        units = [
            (self.cleaned_data["code1"], self.cleaned_data["name1"]),
            (self.cleaned_data["code2"], self.cleaned_data["name2"]),
        ]
        if self.cleaned_data.get("code3") and self.cleaned_data.get("name3"):
            units.append((self.cleaned_data["code3"], self.cleaned_data["name3"]))
        return units

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if bool(data.get("code3")) != bool(data.get("name3")):
            self.add_error("name3", _("Đơn vị mới 3 cần có cả mã và tên."))
        n_units = 3 if data.get("code3") else 2
        for key, value in data.items():
            if key.startswith("m") and key[1:].isdigit() and value and int(str(value)) >= n_units:
                self.add_error(key, _("Đơn vị mới 3 chưa được khai báo."))
        return data
