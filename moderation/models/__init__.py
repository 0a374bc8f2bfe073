from .audit import AuditAction, AuditEntry
from .queue import Decision, DecisionAction, Flag, FlagReason, ModerationItem, RejectionReason
from .rules import CrisisCategory, CrisisRule, HelpResource, WatchedWord, WordAction
from .sanctions import Sanction, SanctionKind

__all__ = [
    "AuditAction",
    "AuditEntry",
    "CrisisCategory",
    "CrisisRule",
    "Decision",
    "DecisionAction",
    "Flag",
    "FlagReason",
    "HelpResource",
    "ModerationItem",
    "RejectionReason",
    "Sanction",
    "SanctionKind",
    "WatchedWord",
    "WordAction",
]
