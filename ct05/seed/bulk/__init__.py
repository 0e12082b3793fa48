"""`ct05 seed province` and `ct05 seed national`: load and benchmark data at scale. `tree` writes the units
and members that `layout` plans; `records` and `cycle` add the province's meetings and registrations."""

from django.db import connection


def statistics_refresh() -> None:
    """ANALYZE on PostgreSQL. Tables filled in bulk a moment ago have no planner statistics until autovacuum
    reaches them, and the analysis and the dashboard's rollups that follow the seed were planned as if they were
    empty (the rollups of a province: 153 s without statistics, 27 s with them)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
