"""The REST API, version 1. Every view calls the same services and selectors as the web."""

from django.urls import path
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)

from api.views import (
    accounts,
    conversations,
    moderation,
    screening,
    search,
    spaces,
    threads,
    tokens,
)

urlpatterns = [
    # Auth and you
    path("auth/token/", tokens.TokenObtain.as_view(), name="api_token"),
    path("auth/token/revoke/", tokens.TokenRevoke.as_view(), name="api_token_revoke"),
    path("auth/tokens/", tokens.Tokens.as_view(), name="api_tokens"),
    path("auth/tokens/<str:token_id>/", tokens.TokenDetail.as_view(), name="api_token_detail"),
    path("me/", accounts.Me.as_view(), name="api_me"),
    path("me/export/", accounts.MyDataExport.as_view(), name="api_me_export"),
    path("me/notification-settings/", accounts.MyNotificationSettings.as_view(), name="api_notification_settings"),
    path("follows/", accounts.Follows.as_view(), name="api_follows"),
    path("follows/<id:follow_id>/", accounts.FollowDetail.as_view(), name="api_follow"),
    path("notifications/", accounts.Notifications.as_view(), name="api_notifications"),
    path("notifications/unread-count/", accounts.NotificationsUnreadCount.as_view(), name="api_notifications_unread"),
    path("notifications/read-all/", accounts.NotificationsReadAll.as_view(), name="api_notifications_read_all"),
    path("notifications/<id:notification_id>/read/", accounts.NotificationRead.as_view(), name="api_notification_read"),
    # Hints while writing (stores nothing)
    path("screening/preview/", screening.ScreeningPreview.as_view(), name="api_screening_preview"),
    # Spaces and their pages
    path("spaces/", spaces.SpaceList.as_view(), name="api_spaces"),
    path("spaces/<id:space_id>/", spaces.SpaceDetail.as_view(), name="api_space"),
    path("spaces/<id:space_id>/threads/", spaces.SpaceThreads.as_view(), name="api_space_threads"),
    path("spaces/<id:space_id>/updates/", spaces.SpaceUpdates.as_view(), name="api_space_updates"),
    path("spaces/<id:space_id>/information/", spaces.SpaceInformation.as_view(), name="api_space_information"),
    path("spaces/<id:space_id>/update-proposals/", spaces.SpaceProposals.as_view(), name="api_space_proposals"),
    path("pages/<id:page_id>/", spaces.PageDetail.as_view(), name="api_page"),
    # Search (questions, answers, information pages and updates)
    path("search/", search.Search.as_view(), name="api_search"),
    # Threads and posts
    path("threads/<id:thread_id>/", threads.ThreadDetail.as_view(), name="api_thread"),
    path("threads/<id:thread_id>/posts/", threads.ThreadPosts.as_view(), name="api_thread_posts"),
    path("threads/<id:thread_id>/summary/", threads.ThreadSummary.as_view(), name="api_thread_summary"),
    path("threads/<id:thread_id>/summary/revisions/", threads.ThreadSummaryRevisions.as_view(), name="api_thread_summary_revisions"),
    path("posts/<id:post_id>/", threads.PostDetail.as_view(), name="api_post"),
    path("posts/<id:post_id>/withdraw/", threads.PostWithdraw.as_view(), name="api_post_withdraw"),
    path("posts/<id:post_id>/revisions/", threads.PostRevisions.as_view(), name="api_post_revisions"),
    path("posts/<id:post_id>/reactions/<str:kind>/", threads.PostReaction.as_view(), name="api_post_reaction"),
    path("posts/<id:post_id>/helped/", threads.PostHelped.as_view(), name="api_post_helped"),
    path("posts/<id:post_id>/endorsements/", threads.PostEndorsements.as_view(), name="api_post_endorsements"),
    path("posts/<id:post_id>/flags/", threads.PostFlags.as_view(), name="api_post_flags"),
    # Private conversations
    path("conversations/", conversations.ConversationList.as_view(), name="api_conversations"),
    path("conversations/<id:thread_id>/", conversations.ConversationDetail.as_view(), name="api_conversation"),
    path("conversations/<id:thread_id>/messages/", conversations.ConversationMessages.as_view(), name="api_conversation_messages"),
    path("conversations/<id:thread_id>/notes/", conversations.ConversationNotes.as_view(), name="api_conversation_notes"),
    path("conversations/<id:thread_id>/claim/", conversations.ConversationClaim.as_view(), name="api_conversation_claim"),
    path("conversations/<id:thread_id>/hand-over/", conversations.ConversationHandOver.as_view(), name="api_conversation_hand_over"),
    path("conversations/<id:thread_id>/stage/", conversations.ConversationStage.as_view(), name="api_conversation_stage"),
    path("conversations/<id:thread_id>/conclude/", conversations.ConversationConclude.as_view(), name="api_conversation_conclude"),
    path("conversations/<id:thread_id>/reopen/", conversations.ConversationReopen.as_view(), name="api_conversation_reopen"),
    # Reaching out, private talks, referrals (issue 10)
    path("conversations/<id:thread_id>/referrals/", conversations.ConversationRefer.as_view(), name="api_conversation_refer"),
    path("referral-services/", conversations.ReferralServiceList.as_view(), name="api_referral_services"),
    path("follow-ups/", conversations.FollowUpList.as_view(), name="api_follow_ups"),
    path("follow-ups/<id:referral_id>/done/", conversations.FollowUpDone.as_view(), name="api_follow_up_done"),
    path("posts/<id:post_id>/private-talk-offers/", conversations.PostPrivateTalkOffer.as_view(), name="api_post_private_talk"),
    path("private-talk-offers/", conversations.PrivateTalkOfferList.as_view(), name="api_private_talks"),
    path("private-talk-offers/<id:offer_id>/", conversations.PrivateTalkOfferDetail.as_view(), name="api_private_talk"),
    path("private-talk-offers/<id:offer_id>/accept/", conversations.PrivateTalkAccept.as_view(), name="api_private_talk_accept"),
    path("private-talk-offers/<id:offer_id>/decline/", conversations.PrivateTalkDecline.as_view(), name="api_private_talk_decline"),
    path("private-talk-offers/<id:offer_id>/public-post/", conversations.PrivateTalkPublicPost.as_view(), name="api_private_talk_public_post"),
    # Moderation
    path("moderation/queue/", moderation.Queue.as_view(), name="api_queue"),
    path("moderation/queue/bulk/", moderation.QueueBulk.as_view(), name="api_queue_bulk"),
    path("moderation/queue/<id:item_id>/", moderation.QueueItem.as_view(), name="api_queue_item"),
    path("moderation/queue/<id:item_id>/claim/", moderation.QueueItemClaim.as_view(), name="api_queue_claim"),
    path("moderation/queue/<id:item_id>/decision/", moderation.QueueItemDecision.as_view(), name="api_queue_decision"),
    path("moderation/sanctions/", moderation.Sanctions.as_view(), name="api_sanctions"),
    path("moderation/sanctions/<id:sanction_id>/revoke/", moderation.SanctionRevoke.as_view(), name="api_sanction_revoke"),
    path("moderation/audit/", moderation.Audit.as_view(), name="api_audit"),
    # Counsellors: what needs them now, and their duty; everyone: when counsellors answer
    path("counsellor/now/", moderation.CounsellorNow.as_view(), name="api_counsellor_now"),
    path("counsellor/duty/", moderation.CounsellorDuty.as_view(), name="api_counsellor_duty"),
    path("staffed-hours/", moderation.StaffedHours.as_view(), name="api_staffed_hours"),
    # The schema and its documentation
    path("schema/", SpectacularAPIView.as_view(), name="api_schema"),
    # The split view serves Swagger UI's start-up script as a file: no inline script (CSP).
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api_schema"), name="api_docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api_schema"), name="api_redoc"),
]
