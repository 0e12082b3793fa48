from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "ct05.access"
    label = "access"
    verbose_name = "Phân quyền"
