from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "ct05.dashboard"
    label = "dashboard"
    verbose_name = "Chỉ số, bảng điều khiển, báo cáo"

    def ready(self) -> None:
        # Rollups kept fresh on write: handlers on the other apps' models (ct05/dashboard/signals.py).
        from ct05.dashboard.signals import connect_all

        connect_all()
