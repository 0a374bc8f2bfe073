"""Reads in the community domain, permission-checked for the viewing user."""

from .accounts import counsellor_display_name_skeletons, supported_language
from .conversations import InboxTab, conversation_page, counsellor_inbox, counsellors, member_inbox
from .labels import AuthorLabel, post_author_label
from .notifications import follows_of, kinds_for, notification_for_user, notifications_page, settings_for, unread_count
from .threads import (
    WallFilter,
    allowed,
    follows_space,
    post_for_user,
    post_revisions,
    refusal,
    similar_questions,
    summary_diff,
    summary_revisions_for_user,
    summary_view,
    thread_for_user,
    thread_page,
    threads_for_user,
    wall_feed,
)

__all__ = [
    "AuthorLabel",
    "InboxTab",
    "WallFilter",
    "allowed",
    "conversation_page",
    "counsellor_display_name_skeletons",
    "counsellor_inbox",
    "counsellors",
    "follows_of",
    "follows_space",
    "kinds_for",
    "notification_for_user",
    "notifications_page",
    "settings_for",
    "unread_count",
    "member_inbox",
    "post_author_label",
    "post_for_user",
    "post_revisions",
    "refusal",
    "similar_questions",
    "summary_diff",
    "summary_revisions_for_user",
    "summary_view",
    "supported_language",
    "thread_for_user",
    "thread_page",
    "threads_for_user",
    "wall_feed",
]
