"""Token authentication that asks the one sign-in rule: a suspended member's token stops working."""

from django.core.exceptions import PermissionDenied
from rest_framework.authentication import TokenAuthentication
from rest_framework.exceptions import AuthenticationFailed

from community import policy


class MemberTokenAuthentication(TokenAuthentication):
    def authenticate_credentials(self, key):
        user, token = super().authenticate_credentials(key)
        try:
            policy.require_may_sign_in(user)
        except PermissionDenied as refusal:
            raise AuthenticationFailed(str(refusal)) from refusal
        return user, token
