"""Shared plumbing for the member-facing views: they only call services and selectors."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from cms import selectors as cms_selectors
from cms.models import CommunitySpacePage


def space_or_404(space_id) -> CommunitySpacePage:
    return cms_selectors.space_or_404(space_id)


def login_first(request):
    return redirect_to_login(request.get_full_path())


def error_messages(error) -> list[str]:
    """Every message of a ValidationError, field errors included."""
    if hasattr(error, "error_dict"):
        return [message for messages in error.message_dict.values() for message in messages]
    return list(error.messages)


def after_writing(request, verdict, default_url):
    """Where to go after posting: straight to help if the text signalled a crisis, else back.

    A young person in crisis must see at once where to get help and that a
    counsellor will be in touch; the post itself is held for a counsellor.
    """
    if verdict is not None and verdict.urgent:
        messages.warning(request, _("A counsellor will read what you wrote and get in touch with you."))
        return redirect(reverse("help_now") + "?after=post")
    if verdict is not None and verdict.held:
        messages.info(request, verdict.reason or _("A counsellor will read your post before it is shown."))
    return redirect(default_url)
