from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "ct05.records"
    label = "records"
    verbose_name = "Sinh hoạt chi bộ, chuẩn mực, người tốt việc tốt, tuyên truyền, văn bản"
