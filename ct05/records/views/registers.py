"""The simple registers — good deeds, exemplary models, commendations, criticism, propaganda activities,
documents — share one shape: a filtered list with its export, add (after choosing the unit), a record page,
edit and delete. Each is described once here; the views read the description."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import ProtectedError, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from ct05.access.resolver import org_scope
from ct05.core.web.forms import errors_onto_form
from ct05.core.web.lists import Column, ListPage, display, export_list
from ct05.orgs.params import org_param
from ct05.orgs.selectors import organizations as org_selectors
from ct05.records import forms as f
from ct05.records.models import (
    ActivityForm,
    CommendationLevel,
    Criticism,
    DocumentType,
    ExemplaryModel,
)
from ct05.records.selectors import registers as sel
from ct05.records.services import simple as svc
from ct05.records.views._common import choose_org, read_filters, render_list, stored_upload, today, unit_members


@dataclass
class Register:
    key: str
    title: str
    singular: str
    list_fn: Callable[..., QuerySet[Any]]
    form_cls: type[forms.Form]
    save_fn: Callable[..., Any]
    columns: list[Column]
    statuses: Callable[[], list[tuple[str, str]]] = list
    status_label: str = gettext_lazy("Tình trạng")
    fields: list[str] = field(default_factory=list)  # the form's fields, read back from a record for "edit"
    export_stem: str = "danh-sach"

    def page(self) -> ListPage:
        return ListPage(
            key=self.key,
            title=self.title,
            columns=self.columns,
            statuses=self.statuses(),
            status_label=self.status_label,
            detail_url=lambda o: reverse(f"records:{self.key}_detail", args=[o.pk]),
            create_url=reverse(f"records:{self.key}_create"),
            export_stem=self.export_stem,
        )


def _org(o: Any) -> str:
    return o.organization.name


REGISTERS: dict[str, Register] = {
    r.key: r
    for r in (
        Register(
            key="good_deed",
            title=gettext_lazy("Sổ vàng người tốt, việc tốt"),
            singular=gettext_lazy("người tốt, việc tốt"),
            list_fn=sel.good_deed_list,
            form_cls=f.GoodDeedForm,
            save_fn=svc.good_deed_save,
            columns=[
                Column(gettext_lazy("Ngày"), lambda o: o.date, link=True),
                Column(gettext_lazy("Người, tập thể"), lambda o: o.doer),
                Column(gettext_lazy("Việc tốt"), lambda o: o.deed),
                Column(gettext_lazy("Người, nơi được giúp đỡ"), lambda o: o.beneficiary, hide_sm=True),
                Column(gettext_lazy("Người xác nhận"), lambda o: o.verified_by, hide_sm=True),
                Column(gettext_lazy("Đơn vị"), _org, hide_sm=True),
            ],
            statuses=lambda: [(sel.VERIFIED, _("Đã xác nhận")), (sel.UNVERIFIED, _("Chưa xác nhận"))],
            fields=["date", "member", "doer_unit", "deed", "beneficiary", "verified_by"],
            export_stem="nguoi-tot-viec-tot",
        ),
        Register(
            key="exemplary_model",
            title=gettext_lazy("Mô hình hay, điển hình tiên tiến"),
            singular=gettext_lazy("mô hình, điển hình"),
            list_fn=sel.exemplary_model_list,
            form_cls=f.ExemplaryModelForm,
            save_fn=svc.exemplary_model_save,
            columns=[
                Column(gettext_lazy("Tên mô hình, điển hình"), lambda o: o.name, link=True),
                Column(gettext_lazy("Loại"), lambda o: o.get_kind_display(), hide_sm=True),
                Column(gettext_lazy("Đơn vị xây dựng"), _org),
                Column(gettext_lazy("Bắt đầu"), lambda o: o.started_on, hide_sm=True),
                Column(
                    gettext_lazy("Đơn vị nhân rộng"),
                    lambda o: ", ".join(r.organization.name for r in o.replications.all()),
                ),
                Column(gettext_lazy("Kết quả"), lambda o: o.results, hide_sm=True),
                Column(gettext_lazy("Tình trạng"), lambda o: o.get_status_display()),
            ],
            statuses=lambda: list(ExemplaryModel.Status.choices) + list(ExemplaryModel.Kind.choices),
            fields=["kind", "name", "member", "started_on", "description", "results", "status"],
            export_stem="mo-hinh-dien-hinh",
        ),
        Register(
            key="commendation",
            title=gettext_lazy("Khen thưởng"),
            singular=gettext_lazy("khen thưởng"),
            list_fn=sel.commendation_list,
            form_cls=f.CommendationForm,
            save_fn=svc.commendation_save,
            columns=[
                Column(gettext_lazy("Số quyết định"), lambda o: o.decision_number, link=True),
                Column(gettext_lazy("Ngày"), lambda o: o.decision_date),
                Column(gettext_lazy("Hình thức"), lambda o: o.level.name),
                Column(gettext_lazy("Khen cho"), lambda o: o.recipient),
                Column(gettext_lazy("Thành tích"), lambda o: o.reason, hide_sm=True),
                Column(gettext_lazy("Đơn vị"), _org, hide_sm=True),
            ],
            statuses=lambda: [(lv.code, lv.name) for lv in CommendationLevel.objects.all()],
            status_label=gettext_lazy("Hình thức"),
            fields=["level", "decision_number", "decision_date", "member", "recipient_unit", "model", "reason"],
            export_stem="khen-thuong",
        ),
        Register(
            key="criticism",
            title=gettext_lazy("Phê bình, uốn nắn"),
            singular=gettext_lazy("phê bình, uốn nắn"),
            list_fn=sel.criticism_list,
            form_cls=f.CriticismForm,
            save_fn=svc.criticism_save,
            columns=[
                Column(gettext_lazy("Ngày"), lambda o: o.date, link=True),
                Column(gettext_lazy("Đối tượng"), lambda o: o.subject),
                Column(gettext_lazy("Biểu hiện"), lambda o: o.issue),
                Column(gettext_lazy("Biện pháp"), lambda o: o.correction, hide_sm=True),
                Column(gettext_lazy("Tình trạng"), lambda o: o.get_status_display()),
                Column(gettext_lazy("Đơn vị"), _org, hide_sm=True),
            ],
            statuses=lambda: list(Criticism.Status.choices),
            fields=["date", "member", "subject_unit", "issue", "correction", "decided_by", "status", "corrected_on"],
            export_stem="phe-binh-uon-nan",
        ),
        Register(
            key="activity",
            title=gettext_lazy("Hoạt động tuyên truyền"),
            singular=gettext_lazy("hoạt động tuyên truyền"),
            list_fn=sel.activity_list,
            form_cls=f.ActivityEntryForm,
            save_fn=svc.activity_save,
            columns=[
                Column(gettext_lazy("Ngày"), lambda o: o.date, link=True),
                Column(gettext_lazy("Hình thức"), lambda o: o.form.name),
                Column(gettext_lazy("Nội dung"), lambda o: o.title),
                Column(gettext_lazy("Đối tượng"), lambda o: o.audience, hide_sm=True),
                Column(gettext_lazy("Số người"), lambda o: o.participants, hide_sm=True),
                Column(gettext_lazy("Minh chứng"), lambda o: o.evidence, hide_sm=True),
                Column(gettext_lazy("Đơn vị"), _org, hide_sm=True),
            ],
            statuses=lambda: [(a.code, a.name) for a in ActivityForm.objects.all()],
            status_label=gettext_lazy("Hình thức"),
            fields=["form", "date", "title", "organizer", "audience", "participants", "evidence"],
            export_stem="hoat-dong-tuyen-truyen",
        ),
        Register(
            key="document",
            title=gettext_lazy("Văn bản về Chỉ thị 05"),
            singular=gettext_lazy("văn bản"),
            list_fn=sel.document_list,
            form_cls=f.DocumentForm,
            save_fn=svc.document_save,
            columns=[
                Column(gettext_lazy("Số, ký hiệu"), lambda o: o.number, link=True),
                Column(gettext_lazy("Ngày"), lambda o: o.issued_on),
                Column(gettext_lazy("Loại"), lambda o: o.doc_type.name, hide_sm=True),
                Column(gettext_lazy("Trích yếu"), lambda o: o.summary),
                Column(gettext_lazy("Cơ quan ban hành"), lambda o: o.issuer, hide_sm=True),
                Column(gettext_lazy("Tệp"), lambda o: o.file_name, hide_sm=True),
                Column(gettext_lazy("Đơn vị lưu"), _org, hide_sm=True),
            ],
            statuses=lambda: [(d.code, d.name) for d in DocumentType.objects.all()],
            status_label=gettext_lazy("Loại văn bản"),
            fields=["doc_type", "number", "issued_on", "issuer", "summary"],
            export_stem="van-ban",
        ),
    )
}


def _register(key: str) -> Register:
    try:
        return REGISTERS[key]
    except KeyError:
        raise Http404 from None


@login_required
def register_list(request: HttpRequest, key: str) -> HttpResponse:
    reg = _register(key)
    filters = read_filters(request)
    return render_list(request, reg.page(), reg.list_fn(user=request.user, filters=filters), filters)


@login_required
def register_export(request: HttpRequest, key: str) -> HttpResponse:
    reg = _register(key)
    return export_list(reg.page(), reg.list_fn(user=request.user, filters=read_filters(request)))


def _save(request: HttpRequest, reg: Register, org: Any, form: forms.Form, instance: Any) -> Any:
    """Call the register's service with the form's data; for documents, store the upload first."""
    data = {k: v for k, v in form.cleaned_data.items() if k != "file"}
    if reg.key == "document":
        upload = request.FILES.get("file")
        if instance is None and upload is None:
            raise ValidationError({"file": _("Hãy chọn tệp văn bản để lưu.")})
        if upload is not None:
            data["file"], data["file_name"] = stored_upload(upload)
    return reg.save_fn(actor=request.user, org=org, instance=instance, today=today(), **data)


def register_form_page(
    request: HttpRequest, reg: Register, org: Any, instance: Any, too_big: bool = False
) -> HttpResponse:
    initial = {}
    if instance is not None:
        initial = {name: getattr(instance, name) for name in reg.fields}
    form = f.prepare(
        reg.form_cls(request.POST or None, request.FILES or None, initial=initial), org, unit_members(org), today()
    )
    if too_big:
        from ct05.records.filestore import too_big_message

        form.is_valid()
        form.add_error("file", too_big_message())
    elif request.method == "POST" and form.is_valid():
        try:
            obj = _save(request, reg, org, form, instance)
        except ValidationError as exc:
            errors_onto_form(form, exc)
        else:
            messages.success(request, _("Đã lưu."))
            return redirect(f"records:{reg.key}_detail", pk=obj.pk)
    title = (_("Sửa %(what)s") if instance else _("Thêm %(what)s")) % {"what": reg.singular}
    return render(
        request,
        "records/form.html",
        {
            "form": form,
            "title": title,
            "org": org,
            "reg": reg,
            "instance": instance,
            "cancel": reverse(f"records:{reg.key}_detail", args=[instance.pk])
            if instance
            else reverse(f"records:{reg.key}_list"),
            "multipart": reg.key == "document",
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def register_create(request: HttpRequest, key: str) -> HttpResponse:
    reg = _register(key)
    org = org_param(request, "manage")
    if org is None:
        return choose_org(request, title=_("Thêm %(what)s: chọn đơn vị") % {"what": reg.singular})
    return register_form_page(request, reg, org, None)


@login_required
@require_http_methods(["GET", "POST"])
def register_edit(request: HttpRequest, key: str, pk: int) -> HttpResponse:
    reg = _register(key)
    obj = sel.register_get(user=request.user, kind=reg.key, pk=pk, action="manage")
    return register_form_page(request, reg, obj.organization, obj)


@login_required
def register_detail(request: HttpRequest, key: str, pk: int) -> HttpResponse:
    reg = _register(key)
    obj = sel.register_get(user=request.user, kind=reg.key, pk=pk)
    can_manage = org_scope(request.user, "manage").contains(obj.organization)
    context: dict[str, Any] = {
        "reg": reg,
        "obj": obj,
        "pairs": [(c.label, display(c.value(obj))) for c in reg.columns],
        "can_manage": can_manage,
    }
    if reg.key == "exemplary_model":
        context["replications"] = obj.replications.select_related("organization")
        context["commendations"] = obj.commendations.select_related("level")
        if can_manage:
            context["replication_form"] = _replication_form(request, obj, None)
    if reg.key == "criticism" and obj.correction:
        context["pairs"].append((_("Cấp phê bình"), obj.decided_by))
    return render(request, "records/detail.html", context)


def _replication_form(request: HttpRequest, model: ExemplaryModel, data: Any) -> f.ReplicationForm:
    form = f.ReplicationForm(data)
    form.fields["organization"].queryset = (  # type: ignore[attr-defined]
        org_selectors.organization_list(user=request.user).exclude(pk=model.organization_id).order_by("path")
    )
    return form


@login_required
@require_POST
def replication_add(request: HttpRequest, pk: int) -> HttpResponse:
    model = sel.register_get(user=request.user, kind="exemplary_model", pk=pk, action="manage")
    form = _replication_form(request, model, request.POST)
    if form.is_valid():
        try:
            svc.replication_add(actor=request.user, model=model, today=today(), **form.cleaned_data)
        except ValidationError as exc:
            errors_onto_form(form, exc)
        else:
            messages.success(request, _("Đã ghi đơn vị nhân rộng."))
            return redirect("records:exemplary_model_detail", pk=model.pk)
    for errors in form.errors.values():
        for e in errors:
            messages.error(request, e)
    return redirect("records:exemplary_model_detail", pk=model.pk)


@login_required
@require_POST
def register_delete(request: HttpRequest, key: str, pk: int) -> HttpResponse:
    reg = _register(key)
    obj = sel.register_get(user=request.user, kind=reg.key, pk=pk, action="manage")
    try:
        svc.record_delete(actor=request.user, obj=obj)
    except ProtectedError:  # a model with commendations keeps its record
        messages.error(request, _("Không xóa được vì bản ghi đang được dùng ở nơi khác."))
        return redirect(f"records:{reg.key}_detail", pk=pk)
    messages.success(request, _("Đã xóa."))
    return redirect(f"records:{reg.key}_list")
