from .audit import AuditAction, AuditEntry
from .queue import (
    Decision,
    DecisionAction,
    Flag,
    FlagReason,
    ItemStatus,
    ModerationItem,
    RejectionReason,
    Rule,
    UrgentOutcome,
)
from .rules import CrisisCategory, CrisisRule, HelpResource, WatchedWord, WordAction
from .sanctions import Sanction, SanctionKind
from .staffed_hours import CounsellorDuty, StaffedClosure, StaffedHours, StaffedSlot, Weekday

__all__ = [
    "AuditAction",
    "AuditEntry",
    "CounsellorDuty",
    "CrisisCategory",
    "CrisisRule",
    "Decision",
    "DecisionAction",
    "Flag",
    "FlagReason",
    "HelpResource",
    "ItemStatus",
    "ModerationItem",
    "RejectionReason",
    "Rule",
    "Sanction",
    "SanctionKind",
    "StaffedClosure",
    "StaffedHours",
    "StaffedSlot",
    "UrgentOutcome",
    "WatchedWord",
    "Weekday",
    "WordAction",
]
