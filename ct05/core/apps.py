from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "ct05.core"
    label = "core"
    verbose_name = "Chung"

    def ready(self) -> None:
        from ct05.core import leases  # noqa: F401 (connects the task_started/task_finished receivers)
