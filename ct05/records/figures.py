"""What the registers' figures count, defined once (the shape of ct05/cycle/figures.py): each register's
records are counted by the month of one date, under one figure code. The dashboard's rollups
(`ct05.dashboard.sources`) count with this table and the register services mark the same date's year
stale (`ct05.records.services.simple`), so the two cannot drift apart."""

from __future__ import annotations

from django.db import models

from ct05.records.models import Activity, Commendation, Criticism, ExemplaryModel, GoodDeed, Replication

# register model → (the date its records are counted by, the monthly figure code)
REGISTERS: dict[type[models.Model], tuple[str, str]] = {
    GoodDeed: ("date", "deeds_m"),
    ExemplaryModel: ("started_on", "models_m"),
    Replication: ("started_on", "replications_m"),
    Commendation: ("decision_date", "commendations_m"),
    Criticism: ("date", "criticisms_m"),
    Activity: ("date", "activities_m"),
}
