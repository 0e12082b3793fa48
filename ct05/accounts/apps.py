from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class AccountsConfig(AppConfig):
    """Sign-in and the accounts themselves (issue 12, item 4): lockout, timeouts, first-sign-in password,
    password reset, the audited user admin."""

    name = "ct05.accounts"
    label = "accounts"
    verbose_name = "Tài khoản"

    def ready(self) -> None:
        from ct05.accounts import signals  # noqa: F401


class AdminConfig(admin_apps.AdminConfig):
    default = False  # named in INSTALLED_APPS in place of django.contrib.admin
    default_site = "ct05.accounts.admin_site.SuperuserAdminSite"
