"""The records of issue 5, one module per sub-domain."""

from ct05.records.models.archive import Activity, Document, StoredFile
from ct05.records.models.meetings import AgendaItem, Attendance, Contribution, Meeting, ResolutionItem
from ct05.records.models.recognition import Commendation, Criticism, ExemplaryModel, GoodDeed, Replication
from ct05.records.models.rules import (
    ActivityForm,
    CommendationLevel,
    DocumentType,
    MeetingKind,
    MeetingRequirement,
    RecordSetting,
    StandardCategory,
    setting_int,
    setting_value,
)
from ct05.records.models.standards import StandardItem, StandardRevision, UnitStandard

__all__ = [
    "Activity",
    "ActivityForm",
    "AgendaItem",
    "Attendance",
    "Commendation",
    "CommendationLevel",
    "Contribution",
    "Criticism",
    "Document",
    "DocumentType",
    "ExemplaryModel",
    "GoodDeed",
    "Meeting",
    "MeetingKind",
    "MeetingRequirement",
    "RecordSetting",
    "Replication",
    "ResolutionItem",
    "StandardCategory",
    "StandardItem",
    "StandardRevision",
    "StoredFile",
    "UnitStandard",
    "setting_int",
    "setting_value",
]
