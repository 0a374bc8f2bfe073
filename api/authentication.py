"""API authentication: expiring per-device tokens (django-rest-knox) that end with the member's access.

A token is refused when it has expired, when its member is inactive (erased or
deactivated), and when the one sign-in rule (``policy.require_may_sign_in``)
refuses the member, e.g. while suspended. Tokens are also deleted outright when
the password changes, when a suspension is imposed and when the account goes
(api/signals.py).
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from knox.auth import TokenAuthentication
from rest_framework.exceptions import AuthenticationFailed

from community import policy


class MemberTokenAuthentication(TokenAuthentication):
    """``Authorization: Token <token>``, refused for a member who may not sign in."""

    def validate_user(self, auth_token):
        user = auth_token.user
        if not user.is_active:
            raise AuthenticationFailed(_("This account is no longer active."))
        try:
            policy.require_may_sign_in(user)
        except PermissionDenied as refusal:
            raise AuthenticationFailed(str(refusal)) from refusal
        return user, auth_token


class MemberTokenScheme(OpenApiAuthenticationExtension):
    """The schema's name for it stays "tokenAuth", as with DRF's tokens before."""

    target_class = MemberTokenAuthentication
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": 'A token from `POST /api/v1/auth/token/`, sent as "Token <token>"; it expires.',
        }
