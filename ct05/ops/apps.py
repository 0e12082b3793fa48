from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _create_cache_table(using: str = "default", **kwargs: Any) -> None:
    """CACHE_URL=db:// needs its table: `ct05 migrate` makes it (createcachetable does nothing when it exists)."""
    from django.conf import settings
    from django.core.management import call_command

    if any(c["BACKEND"].endswith("db.DatabaseCache") for c in settings.CACHES.values()) and using == "default":
        call_command("createcachetable", database=using, verbosity=0)


class OpsConfig(AppConfig):
    """Running an installation: backup and restore, request ids and logs, metrics, readiness, `ct05 doctor`."""

    name = "ct05.ops"
    label = "ops"
    verbose_name = "Vận hành"

    def ready(self) -> None:
        from ct05.ops import requestid  # noqa: F401  (connects the task signals that carry the request id)

        # ops has no models, so Django sends it no post_migrate: hang the table on core's (always migrated)
        core = self.apps.get_app_config("core")
        post_migrate.connect(_create_cache_table, sender=core, dispatch_uid="ct05.ops.cache_table")
