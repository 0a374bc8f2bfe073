"""Receivers for data protection (connected in ``CommunityConfig.ready``).

- Logging in cancels a pending erasure: the cooling-off period's way out.
"""

from django.contrib import messages
from django.utils.translation import gettext as _

from community.services.privacy import account_login_seen


def welcome_back(sender, request, user, **kwargs):
    if account_login_seen(user=user) and request is not None:
        messages.info(request, _("Welcome back. You logged in, so your account will not be erased."))
