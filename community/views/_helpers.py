"""Shared plumbing for the member-facing views: they only call services and selectors."""

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import get_object_or_404

from cms.models import CommunitySpacePage


def space_or_404(space_id) -> CommunitySpacePage:
    return get_object_or_404(CommunitySpacePage.objects.live(), pk=space_id)


def login_first(request):
    return redirect_to_login(request.get_full_path())


def error_messages(error) -> list[str]:
    """Every message of a ValidationError, field errors included."""
    if hasattr(error, "error_dict"):
        return [message for messages in error.message_dict.values() for message in messages]
    return list(error.messages)
