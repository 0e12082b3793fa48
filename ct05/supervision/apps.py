from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "ct05.supervision"
    label = "supervision"
    verbose_name = "Kiểm tra, giám sát, cảnh báo"
