from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "ct05.dashboard"
    label = "dashboard"
    verbose_name = "Chỉ số, bảng điều khiển, báo cáo"
