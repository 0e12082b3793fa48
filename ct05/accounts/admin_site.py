"""The admin site, for superusers only (issue 12, item 4): staff flags alone no longer open it."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest


class SuperuserAdminSite(admin.AdminSite):
    site_header = "CT05 — quản trị"
    site_title = "CT05"

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return bool(user.is_active and user.is_superuser)
