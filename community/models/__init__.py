from .conversations import (
    Conversation,
    ConversationEvent,
    ConversationEventKind,
    ConversationNote,
    ConversationStatus,
    Stage,
)
from .members import User
from .notifications import COUNSELLOR_KINDS, Digest, EventKind, Notification, NotificationSettings
from .posts import AuthorRole, Endorsement, HiddenReason, Post, PostKind, PostRevision, Reaction, ReactionKind
from .summaries import SummaryAnswer, SummaryRevision
from .threads import Follow, FollowLevel, Mode, ModerationState, Thread, ThreadVisit

__all__ = [
    "COUNSELLOR_KINDS",
    "Digest",
    "EventKind",
    "FollowLevel",
    "Notification",
    "NotificationSettings",
    "AuthorRole",
    "Conversation",
    "ConversationEvent",
    "ConversationEventKind",
    "ConversationNote",
    "ConversationStatus",
    "Endorsement",
    "Follow",
    "HiddenReason",
    "Mode",
    "ModerationState",
    "Post",
    "PostKind",
    "PostRevision",
    "Reaction",
    "ReactionKind",
    "Stage",
    "SummaryAnswer",
    "SummaryRevision",
    "Thread",
    "ThreadVisit",
    "User",
]
