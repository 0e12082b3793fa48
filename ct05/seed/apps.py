from django.apps import AppConfig


class SeedConfig(AppConfig):
    name = "ct05.seed"
    label = "seed"
    verbose_name = "Dữ liệu mẫu"
