from django.apps import AppConfig


class CycleConfig(AppConfig):
    name = "ct05.cycle"
    label = "cycle"
    verbose_name = "Đăng ký làm theo hằng năm"
