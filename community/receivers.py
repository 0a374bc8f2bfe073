"""Receivers for data protection (connected in ``CommunityConfig.ready``).

- Keeping the search index to what anyone may read: a thread's index entry holds
  the text of its published posts only (see ``Thread.published_text``), so a post
  that is held, rejected, hidden or withdrawn takes its text out of the index the
  moment its state changes.
- Logging in cancels a pending erasure: the cooling-off period's way out.
"""

from django.contrib import messages
from django.utils.translation import gettext as _
from wagtail.search.tasks import insert_or_update_object_task

from community.services.privacy import account_login_seen


def reindex_thread_of_post(sender, instance, raw=False, **kwargs):
    if raw or not instance.thread_id:
        return
    insert_or_update_object_task.enqueue("community", "thread", str(instance.thread_id))


def welcome_back(sender, request, user, **kwargs):
    if account_login_seen(user=user) and request is not None:
        messages.info(request, _("Welcome back. You logged in, so your account will not be erased."))
