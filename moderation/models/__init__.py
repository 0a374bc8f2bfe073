from .audit import AuditAction, AuditEntry
from .queue import Decision, DecisionAction, Flag, FlagReason, ModerationItem, RejectionReason, Rule
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
    "Rule",
    "Sanction",
    "SanctionKind",
    "WatchedWord",
    "WordAction",
]
