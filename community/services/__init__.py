"""Writes in the community domain.

Every function is keyword-only and atomic, checks the rules in
``community.policy`` and raises ``ValidationError`` (with field names where
they apply), ``PermissionDenied`` or ``Http404`` for what may not be done,
leaving nothing half-written. Web views and API views are thin callers.
"""

from .accounts import (
    display_name_validate,
    email_change_confirm,
    email_change_request,
    email_verification_send,
    email_verify,
    member_language_set,
    member_profile_update,
    member_sign_up,
    role_groups_ensure,
    rules_accept,
    user_create,
    user_roles_set,
)
from .coconstruction import (
    endorsement_add,
    endorsement_withdraw,
    helped_mark_set,
    reaction_set,
    summary_revise,
)
from .conversations import (
    conversation_claim,
    conversation_clear_urgent,
    conversation_conclude,
    conversation_hand_over,
    conversation_hold_clear,
    conversation_hold_record,
    conversation_mark_urgent,
    conversation_note_add,
    conversation_reopen,
    conversation_stage_set,
)
from .follows import follow_set, thread_visit_record
from .notifications import (
    follow_level_set,
    notification_mark_read,
    notification_settings_update,
    notifications_mark_all_read,
)
from .outreach import conversation_reach_out
from .private_talk import (
    private_talk_accept,
    private_talk_decline,
    private_talk_offer,
    private_talk_public_post_set,
)
from .referrals import referral_create, referral_follow_up_done
from .threads import conversation_start, post_create, post_edit, post_withdraw, wall_question_ask
from .updates import update_proposal_reject_notify, update_propose, update_thread_open

__all__ = [
    "email_change_confirm",
    "email_change_request",
    "conversation_clear_urgent",
    "conversation_hold_clear",
    "conversation_hold_record",
    "conversation_mark_urgent",
    "conversation_reach_out",
    "private_talk_accept",
    "private_talk_decline",
    "private_talk_offer",
    "private_talk_public_post_set",
    "referral_create",
    "referral_follow_up_done",
    "conversation_claim",
    "conversation_conclude",
    "conversation_hand_over",
    "conversation_note_add",
    "conversation_reopen",
    "conversation_stage_set",
    "conversation_start",
    "display_name_validate",
    "email_verification_send",
    "email_verify",
    "endorsement_add",
    "endorsement_withdraw",
    "follow_level_set",
    "follow_set",
    "notification_mark_read",
    "notification_settings_update",
    "notifications_mark_all_read",
    "helped_mark_set",
    "member_language_set",
    "member_profile_update",
    "member_sign_up",
    "post_create",
    "post_edit",
    "post_withdraw",
    "reaction_set",
    "role_groups_ensure",
    "rules_accept",
    "summary_revise",
    "thread_visit_record",
    "update_propose",
    "update_proposal_reject_notify",
    "update_thread_open",
    "user_create",
    "user_roles_set",
    "wall_question_ask",
]
