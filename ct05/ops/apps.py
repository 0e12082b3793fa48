from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Running an installation: backup and restore, request ids and logs, metrics, readiness, `ct05 doctor`."""

    name = "ct05.ops"
    label = "ops"
    verbose_name = "Vận hành"

    def ready(self) -> None:
        from ct05.ops import requestid  # noqa: F401  (connects the task signals that carry the request id)
