"""The user admin, audited: adding, changing, deleting an account and setting its password leave an event.

Django registers its own UserAdmin, which writes without a trace; this one replaces it. The password hash
never goes into an event, only the fact that it changed.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.db import models, transaction
from django.http import HttpRequest, HttpResponse

from ct05.core.audit import changed, record, snapshot

# What an event may hold about an account: no password hash, no last_login noise.
USER_FIELDS = ["username", "first_name", "last_name", "email", "is_active", "is_staff", "is_superuser"]


def user_snapshot(user: User) -> dict[str, Any]:
    return snapshot(user, USER_FIELDS)


admin.site.unregister(User)


@admin.register(User)
class AuditedUserAdmin(UserAdmin):
    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        with transaction.atomic():
            before = user_snapshot(User.objects.get(pk=obj.pk)) if change and obj.pk else {}
            password_before = User.objects.filter(pk=obj.pk).values_list("password", flat=True).first()
            super().save_model(request, obj, form, change)
            b, a = changed(before, user_snapshot(obj))
            if change and password_before != obj.password:
                a["password"] = "changed"
            record(actor=request.user, action=f"user.{'update' if change else 'create'}", target=obj, before=b, after=a)

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        with transaction.atomic():
            record(actor=request.user, action="user.delete", target=obj, before=user_snapshot(obj))
            super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: models.QuerySet[Any]) -> None:
        with transaction.atomic():
            for user in queryset:
                record(actor=request.user, action="user.delete", target=user, before=user_snapshot(user))
            super().delete_queryset(request, queryset)

    def user_change_password(self, request: HttpRequest, id: str, form_url: str = "") -> HttpResponse:
        with transaction.atomic():
            response = super().user_change_password(request, id, form_url)
            if request.method == "POST" and response.status_code == 302:  # the form was valid and saved
                user = User.objects.get(pk=id)
                record(actor=request.user, action="user.password_set", target=user, after={"password": "changed"})
        return response
