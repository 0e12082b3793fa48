from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Sign-in and the accounts themselves (issue 12, item 4): audited user admin, password changes."""

    name = "ct05.accounts"
    label = "accounts"
    verbose_name = "Tài khoản"
