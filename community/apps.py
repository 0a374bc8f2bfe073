from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class CommunityConfig(AppConfig):
    """The domain: members and roles, tiers, and (soon) threads and posts."""

    default = True
    name = "community"
    verbose_name = _("Community")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import post_migrate
        from wagtail.signals import page_published, workflow_rejected

        from community import signals
        from community.receivers import welcome_back

        post_migrate.connect(_ensure_role_groups, sender=self)
        signals.message_queued.connect(_record_held_message, dispatch_uid="community_record_held_message")
        signals.message_review_closed.connect(_clear_held_message, dispatch_uid="community_clear_held_message")
        user_logged_in.connect(welcome_back, dispatch_uid="community_welcome_back")
        page_published.connect(_open_update_thread, dispatch_uid="community_open_update_thread")
        workflow_rejected.connect(_proposal_sent_back, dispatch_uid="community_proposal_sent_back")


def _ensure_role_groups(sender, using="default", **kwargs):
    from community.services import role_groups_ensure

    if using == "default":
        role_groups_ensure()


def _open_update_thread(sender, instance, **kwargs):
    """Publishing an update opens its discussion thread (the update-triggered mode)."""
    from cms.models import UpdatePage
    from community.services import update_thread_open

    if isinstance(instance, UpdatePage):
        update_thread_open(update_page=instance)


def _proposal_sent_back(sender, instance, **kwargs):
    """A counsellor rejected a member's update proposal in the Wagtail workflow."""
    from community.services import update_proposal_reject_notify

    update_proposal_reject_notify(workflow_state=instance)


def _record_held_message(sender, *, post, hits, urgent, **kwargs):
    """A held or flagged private message: the team inbox shows why, urgent ones first (issue 10)."""
    from community.services import conversation_hold_record

    conversation_hold_record(post=post, hits=hits, urgent=urgent)


def _clear_held_message(sender, *, post, **kwargs):
    from community.services import conversation_hold_clear

    conversation_hold_clear(post=post)


class CommunityUsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's user admin, with our display name and language on its forms."""

    user_viewset = "community.admin_views.UserViewSet"
