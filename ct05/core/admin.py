from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models, transaction
from django.http import HttpRequest

from ct05.core.audit import changed, record, snapshot
from ct05.core.models import AuditEvent, BackgroundJob, OutboxMail

admin.site.site_header = "CT05 — quản trị"
admin.site.site_title = "CT05"


class AuditedAdmin(admin.ModelAdmin):
    """Admin pages write through here so that changes made in the admin are audited like any other."""

    def save_model(self, request: HttpRequest, obj: models.Model, form: Any, change: bool) -> None:
        with transaction.atomic():
            before = snapshot(type(obj).objects.get(pk=obj.pk)) if change and obj.pk else {}
            super().save_model(request, obj, form, change)
            b, a = changed(before, snapshot(obj))
            record(actor=request.user, action=f"admin.{'change' if change else 'add'}", target=obj, before=b, after=a)

    def delete_model(self, request: HttpRequest, obj: models.Model) -> None:
        with transaction.atomic():
            record(actor=request.user, action="admin.delete", target=obj, before=snapshot(obj))
            super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: models.QuerySet[Any]) -> None:
        # The "delete selected" bulk action comes here, not through delete_model: one event per object.
        with transaction.atomic():
            for obj in queryset:
                record(actor=request.user, action="admin.delete", target=obj, before=snapshot(obj))
            super().delete_queryset(request, queryset)


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read only: no add, no change, no delete (nor the bulk delete action); the database refuses them too."""

    list_display = ["at", "actor_name", "action", "target_type", "target_id"]
    list_filter = ["action", "target_type"]
    search_fields = ["actor_name", "target_id"]
    readonly_fields = [f.name for f in AuditEvent._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(BackgroundJob)
class BackgroundJobAdmin(admin.ModelAdmin):
    list_display = ["kind", "owner", "status", "done", "total", "created_at"]


@admin.register(OutboxMail)
class OutboxMailAdmin(admin.ModelAdmin):
    """E-mails waiting, sent or given up (ct05/core/mail.py): read-only; a given-up mail's last error says why."""

    list_display = ["to", "subject", "created_at", "attempts", "next_attempt_at", "sent_at", "gave_up_at"]
    list_filter = ["sent_at", "gave_up_at"]
    search_fields = ["to", "subject"]
    readonly_fields = [f.name for f in OutboxMail._meta.get_fields()]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
