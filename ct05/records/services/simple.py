"""Writes for the simple registers: good deeds, exemplary models and their replication, commendations,
criticism, propaganda activities, documents. Each call validates everything first (messages name the
field), then saves in one transaction with one audit event."""

from __future__ import annotations

import datetime as dt
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from ct05.core import clock
from ct05.core.audit import changed, record, snapshot
from ct05.dashboard.stale import rollup_mark_stale
from ct05.orgs.models import Member, Organization
from ct05.records.figures import REGISTERS
from ct05.records.models import (
    Activity,
    ActivityForm,
    Commendation,
    CommendationLevel,
    Criticism,
    Document,
    DocumentType,
    ExemplaryModel,
    GoodDeed,
    Replication,
    StoredFile,
)
from ct05.records.services._common import ddmmyyyy, member_of, not_future, raise_if, search_text, text

M = TypeVar("M", bound=models.Model)


def _stale(obj: models.Model, before: dict[str, Any] | None = None) -> None:
    """The unit's figures of the record's year (and of its year before an edit) change; a register in no
    figure (documents) marks nothing."""
    if type(obj) not in REGISTERS:
        return
    field = REGISTERS[type(obj)][0]
    org_ids: list[int | None] = [getattr(obj, "organization_id", None)]
    days: list[dt.date | int | None] = [getattr(obj, field)]
    if before:
        org_ids.append(before.get("organization"))
        days.append(int(str(before[field])[:4]) if before.get(field) else None)
    rollup_mark_stale(org_ids=org_ids, days=days)


def _persist(actor: Any, obj: M, org: Organization, fields: list[str], action: str, before: dict[str, Any] | None) -> M:
    creating = obj.pk is None
    obj.save()
    after = snapshot(obj, fields)
    if creating:
        record(actor=actor, action=f"{action}.create", target=obj, organization_id=org.pk, after=after)
    else:
        b, a = changed(before or {}, after)
        record(actor=actor, action=f"{action}.update", target=obj, organization_id=org.pk, before=b, after=a)
    _stale(obj, before)
    return obj


def _start(cls: type[M], instance: M | None, org: Organization, fields: list[str]) -> tuple[M, dict[str, Any] | None]:
    if instance is None:
        return cls(organization=org), None  # type: ignore[call-arg]
    obj = cls.objects.select_for_update().get(pk=instance.pk)  # type: ignore[attr-defined]
    return obj, snapshot(obj, fields)


def _who(member: Member | None, unit: str, errors: dict[str, str], org: Organization, field: str, label: str) -> str:
    unit = text(unit, 200, errors, field, label)
    if member is None and not unit:
        errors["member"] = _("Chọn một đảng viên hoặc ghi tên tập thể (%(f)s).") % {"f": label}
    member_of(member, org, errors, "member")
    return "" if member is not None else unit


@transaction.atomic
def record_delete(*, actor: Any, obj: models.Model) -> None:
    """Delete one record of the simple registers (kept in the audit log with its values)."""
    org_id = getattr(obj, "organization_id", None)
    label = obj._meta.model_name
    record(actor=actor, action=f"{label}.delete", target=obj, organization_id=org_id, before=snapshot(obj))
    _stale(obj)
    obj.delete()


GOOD_DEED_FIELDS = ["organization", "date", "member", "doer_unit", "deed", "beneficiary", "verified_by"]


@transaction.atomic
def good_deed_save(
    *,
    actor: Any,
    org: Organization,
    instance: GoodDeed | None = None,
    date: dt.date,
    deed: str,
    member: Member | None = None,
    doer_unit: str = "",
    beneficiary: str = "",
    verified_by: str = "",
    today: dt.date | None = None,
) -> GoodDeed:
    errors: dict[str, str] = {}
    obj, before = _start(GoodDeed, instance, org, GOOD_DEED_FIELDS)
    not_future(date, errors, "date", _("Ngày"), today or clock.today())
    obj.date, obj.member = date, member
    obj.doer_unit = _who(member, doer_unit, errors, org, "doer_unit", _("tập thể"))
    obj.deed = text(deed, 5000, errors, "deed", _("Việc tốt"), required=True)
    obj.beneficiary = text(beneficiary, 300, errors, "beneficiary", _("Người, nơi được giúp đỡ"))
    obj.verified_by = text(verified_by, 200, errors, "verified_by", _("Người xác nhận"))
    raise_if(errors)
    obj.search_text = search_text(obj.doer, obj.deed[:300], obj.beneficiary, obj.verified_by)
    return _persist(actor, obj, org, GOOD_DEED_FIELDS, "good_deed", before)


MODEL_FIELDS = ["organization", "kind", "name", "member", "started_on", "description", "results", "status"]


@transaction.atomic
def exemplary_model_save(
    *,
    actor: Any,
    org: Organization,
    instance: ExemplaryModel | None = None,
    kind: str,
    name: str,
    started_on: dt.date,
    member: Member | None = None,
    description: str = "",
    results: str = "",
    status: str = "active",
    today: dt.date | None = None,
) -> ExemplaryModel:
    errors: dict[str, str] = {}
    obj, before = _start(ExemplaryModel, instance, org, MODEL_FIELDS)
    if kind not in ExemplaryModel.Kind.values:
        errors["kind"] = _("Loại mô hình không hợp lệ.")
    if status not in ExemplaryModel.Status.values:
        errors["status"] = _("Tình trạng không hợp lệ.")
    not_future(started_on, errors, "started_on", _("Ngày bắt đầu"), today or clock.today())
    member_of(member, org, errors, "member")
    if kind == ExemplaryModel.Kind.EXEMPLAR and member is None:
        errors["member"] = _("Điển hình tiên tiến là một cá nhân: chọn đảng viên (cá nhân điển hình).")
    obj.kind, obj.started_on, obj.member, obj.status = kind, started_on, member, status
    obj.name = text(name, 300, errors, "name", _("Tên mô hình, điển hình"), required=True)
    obj.description = text(description, 10000, errors, "description", _("Cách làm"))
    obj.results = text(results, 10000, errors, "results", _("Kết quả"))
    raise_if(errors)
    obj.search_text = search_text(obj.name, member.full_name if member else "", obj.description[:200])
    return _persist(actor, obj, org, MODEL_FIELDS, "exemplary_model", before)


@transaction.atomic
def replication_add(
    *,
    actor: Any,
    model: ExemplaryModel,
    organization: Organization,
    started_on: dt.date,
    results: str = "",
    today: dt.date | None = None,
) -> Replication:
    """A unit took up the model. The origin unit itself does not replicate its own model."""
    errors: dict[str, str] = {}
    not_future(started_on, errors, "started_on", _("Ngày nhân rộng"), today or clock.today())
    if started_on < model.started_on:
        errors["started_on"] = _("Ngày nhân rộng trước ngày mô hình bắt đầu (%(d)s).") % {
            "d": ddmmyyyy(model.started_on)
        }
    if organization.pk == model.organization_id:
        errors["organization"] = _("Đơn vị nhân rộng phải khác đơn vị xây dựng mô hình.")
    elif Replication.objects.filter(model=model, organization=organization).exists():
        errors["organization"] = _("%(org)s đã được ghi là đơn vị nhân rộng mô hình này.") % {"org": organization.name}
    results = text(results, 5000, errors, "results", _("Kết quả"))
    raise_if(errors)
    rep = Replication.objects.create(model=model, organization=organization, started_on=started_on, results=results)
    if model.status == ExemplaryModel.Status.ACTIVE:
        ExemplaryModel.objects.filter(pk=model.pk).update(status=ExemplaryModel.Status.REPLICATED)
    record(
        actor=actor,
        action="exemplary_model.replicate",
        target=model,
        organization_id=model.organization_id,
        after={"organization": organization.pk, "started_on": started_on.isoformat(), "results": results},
    )
    _stale(rep)
    return rep


COMMENDATION_FIELDS = [
    "organization",
    "level",
    "decision_number",
    "decision_date",
    "member",
    "recipient_unit",
    "model",
    "reason",
]


@transaction.atomic
def commendation_save(
    *,
    actor: Any,
    org: Organization,
    instance: Commendation | None = None,
    level: CommendationLevel | None,
    decision_number: str,
    decision_date: dt.date,
    member: Member | None = None,
    recipient_unit: str = "",
    model: ExemplaryModel | None = None,
    reason: str = "",
    today: dt.date | None = None,
) -> Commendation:
    errors: dict[str, str] = {}
    obj, before = _start(Commendation, instance, org, COMMENDATION_FIELDS)
    if level is None:
        errors["level"] = _("Chọn hình thức, cấp khen thưởng.")
    obj.decision_number = text(decision_number, 60, errors, "decision_number", _("Số quyết định"), required=True)
    not_future(decision_date, errors, "decision_date", _("Ngày quyết định"), today or clock.today())
    obj.recipient_unit = _who(member, recipient_unit, errors, org, "recipient_unit", _("tập thể được khen"))
    if (
        model is not None
        and not model.organization.path.startswith(org.path)
        and not org.path.startswith(model.organization.path)
    ):
        errors["model"] = _("Mô hình “%(m)s” không thuộc đơn vị này.") % {"m": model.name}
    obj.reason = text(reason, 5000, errors, "reason", _("Thành tích"))
    raise_if(errors)
    obj.level, obj.decision_date, obj.member, obj.model = level, decision_date, member, model
    obj.search_text = search_text(obj.decision_number, obj.recipient, obj.reason[:200])
    return _persist(actor, obj, org, COMMENDATION_FIELDS, "commendation", before)


CRITICISM_FIELDS = [
    "organization",
    "date",
    "member",
    "subject_unit",
    "issue",
    "correction",
    "decided_by",
    "status",
    "corrected_on",
]


@transaction.atomic
def criticism_save(
    *,
    actor: Any,
    org: Organization,
    instance: Criticism | None = None,
    date: dt.date,
    issue: str,
    member: Member | None = None,
    subject_unit: str = "",
    correction: str = "",
    decided_by: str = "",
    status: str = "open",
    corrected_on: dt.date | None = None,
    today: dt.date | None = None,
) -> Criticism:
    today = today or clock.today()
    errors: dict[str, str] = {}
    obj, before = _start(Criticism, instance, org, CRITICISM_FIELDS)
    not_future(date, errors, "date", _("Ngày"), today)
    obj.subject_unit = _who(member, subject_unit, errors, org, "subject_unit", _("tập thể"))
    obj.issue = text(issue, 5000, errors, "issue", _("Biểu hiện lệch lạc, khuyết điểm"), required=True)
    obj.correction = text(correction, 5000, errors, "correction", _("Biện pháp phê bình, uốn nắn"))
    obj.decided_by = text(decided_by, 200, errors, "decided_by", _("Cấp phê bình"))
    if status not in Criticism.Status.values:
        errors["status"] = _("Tình trạng không hợp lệ.")
    if status == Criticism.Status.CORRECTED:
        if corrected_on is None:
            errors["corrected_on"] = _("Đã khắc phục thì cần ghi ngày khắc phục xong.")
        else:
            not_future(corrected_on, errors, "corrected_on", _("Ngày khắc phục xong"), today)
            if corrected_on < date:
                errors["corrected_on"] = _("Ngày khắc phục xong trước ngày phê bình.")
    else:
        corrected_on = None
    raise_if(errors)
    obj.date, obj.member, obj.status, obj.corrected_on = date, member, status, corrected_on
    obj.search_text = search_text(obj.subject, obj.issue[:300], obj.decided_by)
    return _persist(actor, obj, org, CRITICISM_FIELDS, "criticism", before)


ACTIVITY_FIELDS = ["organization", "form", "date", "title", "organizer", "audience", "participants", "evidence"]


@transaction.atomic
def activity_save(
    *,
    actor: Any,
    org: Organization,
    instance: Activity | None = None,
    form: ActivityForm | None,
    date: dt.date,
    title: str,
    organizer: str = "",
    audience: str = "",
    participants: int | None = None,
    evidence: str = "",
    today: dt.date | None = None,
) -> Activity:
    errors: dict[str, str] = {}
    obj, before = _start(Activity, instance, org, ACTIVITY_FIELDS)
    if form is None:
        errors["form"] = _("Chọn hình thức tuyên truyền.")
    not_future(date, errors, "date", _("Ngày"), today or clock.today())
    obj.title = text(title, 300, errors, "title", _("Nội dung"), required=True)
    obj.organizer = text(organizer, 200, errors, "organizer", _("Người, bộ phận thực hiện"))
    obj.audience = text(audience, 200, errors, "audience", _("Đối tượng"))
    obj.evidence = text(evidence, 5000, errors, "evidence", _("Minh chứng"))
    if participants is not None and participants < 0:
        errors["participants"] = _("Số người tham dự không thể âm.")
    raise_if(errors)
    obj.form, obj.date, obj.participants = form, date, participants
    obj.search_text = search_text(obj.title, obj.organizer, obj.audience, form.name if form else "")
    return _persist(actor, obj, org, ACTIVITY_FIELDS, "activity", before)


DOCUMENT_FIELDS = ["organization", "doc_type", "number", "issued_on", "issuer", "summary", "file", "file_name"]


@transaction.atomic
def document_save(
    *,
    actor: Any,
    org: Organization,
    instance: Document | None = None,
    doc_type: DocumentType | None,
    number: str,
    issued_on: dt.date,
    issuer: str,
    summary: str,
    file: StoredFile | None = None,
    file_name: str = "",
    today: dt.date | None = None,
) -> Document:
    """Save a document's record; a new file (already checked and stored) replaces the old one."""
    errors: dict[str, str] = {}
    obj, before = _start(Document, instance, org, DOCUMENT_FIELDS)
    if doc_type is None:
        errors["doc_type"] = _("Chọn loại văn bản.")
    obj.number = text(number, 60, errors, "number", _("Số, ký hiệu"), required=True)
    not_future(issued_on, errors, "issued_on", _("Ngày ban hành"), today or clock.today())
    obj.issuer = text(issuer, 200, errors, "issuer", _("Cơ quan ban hành"), required=True)
    obj.summary = text(summary, 500, errors, "summary", _("Trích yếu"), required=True)
    raise_if(errors)
    obj.doc_type, obj.issued_on = doc_type, issued_on
    if file is not None:
        obj.file, obj.file_name = file, file_name[:200]
    if instance is None:
        obj.uploaded_by = actor if getattr(actor, "is_authenticated", False) else None
    obj.search_text = search_text(obj.number, obj.summary, obj.issuer)
    return _persist(actor, obj, org, DOCUMENT_FIELDS, "document", before)


__all__ = [
    "ValidationError",
    "activity_save",
    "commendation_save",
    "criticism_save",
    "document_save",
    "exemplary_model_save",
    "good_deed_save",
    "record_delete",
    "replication_add",
]
