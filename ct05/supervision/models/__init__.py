"""The supervision app's records, one module per sub-domain."""

from ct05.supervision.models.findings import Conclusion, ConclusionPoint, Finding, RemediationTask, ordinal
from ct05.supervision.models.missions import (
    Mission,
    MissionAccess,
    MissionMember,
    MissionUnit,
    ReportAnswer,
    ReportAttachment,
    ReportRequest,
)
from ct05.supervision.models.plans import InspectionPlan, SelfInspection
from ct05.supervision.models.rules import THRESHOLD_HELP, RuleCode, Severity, Shortcoming, WarningRule
from ct05.supervision.models.warnings import EvaluationRun, Warning

__all__ = [
    "THRESHOLD_HELP",
    "Conclusion",
    "ConclusionPoint",
    "EvaluationRun",
    "Finding",
    "InspectionPlan",
    "Mission",
    "MissionAccess",
    "MissionMember",
    "MissionUnit",
    "RemediationTask",
    "ReportAnswer",
    "ReportAttachment",
    "ReportRequest",
    "RuleCode",
    "SelfInspection",
    "Severity",
    "Shortcoming",
    "Warning",
    "WarningRule",
    "ordinal",
]
