"""Writes in moderation: screening records, flags, queue decisions, sanctions.

Keyword-only, atomic; bad input raises ValidationError, a missing right
PermissionDenied. Every verdict, decision and sanction is written to the
append-only audit log in the same transaction; the author hears about a
decision once the transaction has committed.
"""

from moderation.screening import RuleHit, ScreeningBlocked, Verdict, screen

from .alerts import counsellor_duty_set, realert_recipient_ids, urgent_items_realert
from .audit import audit_record
from .decisions import (
    BulkResult,
    item_approve,
    item_claim,
    item_edit_and_approve,
    item_escalate,
    item_reject,
    items_bulk_decide,
)
from .flags import flag_create
from .peer_guides import peer_guide_set
from .records import screening_apply, summary_screening_apply
from .sanctions import sanction_impose, sanction_revoke

__all__ = [
    "BulkResult",
    "RuleHit",
    "ScreeningBlocked",
    "Verdict",
    "audit_record",
    "counsellor_duty_set",
    "realert_recipient_ids",
    "urgent_items_realert",
    "flag_create",
    "item_approve",
    "item_claim",
    "item_edit_and_approve",
    "item_escalate",
    "item_reject",
    "items_bulk_decide",
    "peer_guide_set",
    "sanction_impose",
    "sanction_revoke",
    "screen",
    "screening_apply",
    "summary_screening_apply",
]
