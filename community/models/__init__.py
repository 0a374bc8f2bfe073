from .conversations import (
    Conversation,
    ConversationEvent,
    ConversationEventKind,
    ConversationNote,
    ConversationStatus,
    HeldMessage,
    Stage,
)
from .legal import CommunityRulesPage, PrivacyNoticePage
from .members import User
from .notifications import COUNSELLOR_KINDS, Digest, EventKind, Notification, NotificationSettings
from .posts import (
    AuthorRole,
    Endorsement,
    HiddenReason,
    Post,
    PostKind,
    PostRevision,
    Reaction,
    ReactionKind,
)
from .privacy import (
    DataExport,
    DisplayNameQuarantine,
    ErasureRequest,
    ExportStatus,
    PrivacySettings,
    RetentionRun,
)
from .private_talk import OfferStatus, PrivateTalkOffer, PublicPostOutcome
from .referrals import Referral, ReferralService, ServiceLanguage
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
    "CommunityRulesPage",
    "Conversation",
    "ConversationEvent",
    "ConversationEventKind",
    "ConversationNote",
    "ConversationStatus",
    "DataExport",
    "DisplayNameQuarantine",
    "ErasureRequest",
    "ExportStatus",
    "PrivacyNoticePage",
    "PrivacySettings",
    "RetentionRun",
    "Endorsement",
    "HeldMessage",
    "OfferStatus",
    "PrivateTalkOffer",
    "PublicPostOutcome",
    "Referral",
    "ReferralService",
    "ServiceLanguage",
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
