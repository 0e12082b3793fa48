from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "ct05.orgs"
    label = "orgs"
    verbose_name = "Tổ chức đảng và đảng viên"
