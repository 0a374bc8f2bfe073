from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from community.forms import MemberAuthenticationForm
from community.views import accounts, conversations, language, mfa, notifications, threads, updates

urlpatterns = [
    path("account/sign-up/", accounts.sign_up, name="account_sign_up"),
    path(
        "account/log-in/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True, authentication_form=MemberAuthenticationForm),
        name="account_login",
    ),
    path("account/log-out/", accounts.LogOutView.as_view(), name="account_logout"),
    path("account/two-factor/", mfa.second_factor, name="account_second_factor"),
    path("account/two-factor/set-up/", mfa.second_factor_setup, name="account_second_factor_setup"),
    path("account/two-factor/backup-codes/", mfa.backup_codes_new, name="account_backup_codes_new"),
    path("account/profile/", accounts.profile, name="account_profile"),
    path("account/rules/", accounts.rules_accept, name="account_rules_accept"),
    path("account/verify/resend/", accounts.verify_email_resend, name="account_verify_email_resend"),
    path("account/verify/<str:token>/", accounts.verify_email, name="account_verify_email"),
    path("account/email/confirm/<str:token>/", accounts.email_change_confirm, name="account_email_change_confirm"),
    path("account/my-data/", accounts.data_export, name="account_data_export"),
    path("account/my-data/<int:export_id>/download/", accounts.data_export_download, name="account_data_export_download"),
    path("account/delete/", accounts.account_delete, name="account_delete"),
    path(
        "account/password/",
        auth_views.PasswordChangeView.as_view(success_url=reverse_lazy("account_password_change_done")),
        name="account_password_change",
    ),
    path(
        "account/password/changed/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="account_password_change_done",
    ),
    path(
        "account/password/reset/",
        auth_views.PasswordResetView.as_view(
            success_url=reverse_lazy("account_password_reset_done"),
            email_template_name="registration/password_reset_email.txt",
            subject_template_name="registration/password_reset_subject.txt",
            extra_email_context={"site_name": settings.WAGTAIL_SITE_NAME},
        ),
        name="account_password_reset",
    ),
    path(
        "account/password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="account_password_reset_done",
    ),
    path(
        "account/password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            success_url=reverse_lazy("account_password_reset_complete")
        ),
        name="account_password_reset_confirm",
    ),
    path(
        "account/password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="account_password_reset_complete",
    ),
    path("language/", language.language_set, name="language_set"),
    # Spaces
    path("spaces/<id:space_id>/ask/", threads.ask, name="wall_ask"),
    path("spaces/<id:space_id>/follow/", threads.follow_space, name="space_follow"),
    path("spaces/<id:space_id>/write/", conversations.conversation_new, name="conversation_new"),
    path("spaces/<id:space_id>/propose-update/", updates.propose_update, name="update_propose"),
    # Threads and posts
    path("threads/<id:thread_id>/", threads.thread_detail, name="thread_detail"),
    path("threads/<id:thread_id>/answer/", threads.answer, name="thread_answer"),
    path("threads/<id:thread_id>/follow/", threads.follow_thread, name="thread_follow"),
    path("threads/<id:thread_id>/summary/edit/", threads.summary_edit, name="summary_edit"),
    path("threads/<id:thread_id>/summary/history/", threads.summary_history, name="summary_history"),
    path("posts/<id:post_id>/edit/", threads.edit_post, name="post_edit"),
    path("posts/<id:post_id>/history/", threads.post_history, name="post_history"),
    path("posts/<id:post_id>/withdraw/", threads.withdraw, name="post_withdraw"),
    path("posts/<id:post_id>/react/", threads.react, name="post_react"),
    path("posts/<id:post_id>/helped/", threads.mark_helped, name="post_helped"),
    path("posts/<id:post_id>/endorse/", threads.endorse, name="post_endorse"),
    # Private conversations
    path("inbox/", conversations.inbox, name="inbox"),
    path("conversations/<id:thread_id>/", conversations.conversation_detail, name="conversation_detail"),
    path("conversations/<id:thread_id>/claim/", conversations.claim, name="conversation_claim"),
    path("conversations/<id:thread_id>/hand-over/", conversations.hand_over, name="conversation_hand_over"),
    path("conversations/<id:thread_id>/notes/", conversations.add_note, name="conversation_note"),
    path("conversations/<id:thread_id>/stage/", conversations.set_stage, name="conversation_stage"),
    path("conversations/<id:thread_id>/conclude/", conversations.conclude, name="conversation_conclude"),
    path("conversations/<id:thread_id>/reopen/", conversations.reopen, name="conversation_reopen"),
    path("counsellor/conversations/", conversations.counsellor_inbox, name="counsellor_inbox"),
    # Reaching out, private talks, referrals (issue 10)
    path("counsellor/reach-out/", conversations.reach_out, name="reach_out"),
    path("counsellor/follow-ups/", conversations.follow_ups, name="follow_ups"),
    path("conversations/<id:thread_id>/refer/", conversations.refer, name="conversation_refer"),
    path("referrals/<id:referral_id>/followed-up/", conversations.follow_up_done, name="referral_follow_up_done"),
    path("posts/<id:post_id>/offer-private-talk/", conversations.private_talk_offer_new, name="private_talk_offer_new"),
    path("private-talks/", conversations.private_talks, name="private_talks"),
    path("private-talks/<id:offer_id>/", conversations.private_talk_offer, name="private_talk_offer"),
    path("private-talks/<id:offer_id>/accept/", conversations.private_talk_accept, name="private_talk_accept"),
    path("private-talks/<id:offer_id>/decline/", conversations.private_talk_decline, name="private_talk_decline"),
    path("private-talks/<id:offer_id>/public-post/", conversations.private_talk_public_post, name="private_talk_public_post"),
    # Notifications
    path("notifications/", notifications.notification_list, name="notifications"),
    path("notifications/badge/", notifications.notifications_badge, name="notifications_badge"),
    path("notifications/read-all/", notifications.notifications_read_all, name="notifications_read_all"),
    path("notifications/<id:notification_id>/", notifications.notification_open, name="notification_open"),
    path("notifications/<id:notification_id>/read/", notifications.notification_read, name="notification_read"),
    path("account/notifications/", notifications.notification_settings, name="notification_settings"),
]
