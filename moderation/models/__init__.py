from .audit import AuditAction, AuditEntry
from .queue import Decision, DecisionAction, Flag, FlagReason, ItemStatus, ModerationItem, RejectionReason, Rule
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
    "ItemStatus",
    "ModerationItem",
    "RejectionReason",
    "Rule",
    "Sanction",
    "SanctionKind",
    "WatchedWord",
    "WordAction",
]
