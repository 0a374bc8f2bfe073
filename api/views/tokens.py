"""Log-in tokens: one per device, expiring, listed and revoked by their member."""

from django.contrib.auth import authenticate
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from knox.models import AuthToken
from knox.settings import knox_settings
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from api.errors import error_body
from api.serializers.accounts import TokenRequestSerializer
from api.serializers.common import InfoSerializer
from api.throttles import LoginThrottle
from cms.lockout import lockout_message, wait_seconds
from community import policy
from community.selectors.accounts import has_authenticator, second_factor_required
from community.services import mfa, privacy

from ._base import APIView


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(help_text="Send as `Authorization: Token <token>`.")
    expiry = serializers.DateTimeField(help_text="When the token stops working.")


class DeviceTokenSerializer(serializers.Serializer):
    id = serializers.CharField(source="token_key", help_text="The token's first characters; not enough to use it.")
    created = serializers.DateTimeField()
    expiry = serializers.DateTimeField()
    current = serializers.BooleanField(help_text="The token this request was made with.")


class TokenObtain(APIView):
    """Log in with a username and password: a new token for this device, valid for a limited time."""

    permission_classes = [AllowAny]
    throttle_classes = [LoginThrottle]
    authentication_classes = []

    def get_permissions(self):
        return [AllowAny()]

    @extend_schema(
        request=TokenRequestSerializer,
        responses={200: TokenSerializer, 400: None, 403: None, 429: None},
        auth=[],
        summary="Get a token (log in on this device)",
    )
    def post(self, request):
        data = self.valid(TokenRequestSerializer)
        # django-axes counts failures per account and address on the plain request (its middleware answers a lockout).
        user = authenticate(request._request, username=data["username"], password=data["password"])
        if getattr(request._request, "axes_locked_out", False):
            return Response(error_body("locked_out", lockout_message()), status=429, headers={"Retry-After": str(wait_seconds())})
        if user is None:
            raise ValidationError(_("Please enter a correct username and password."), code="invalid_credentials")
        policy.require_may_sign_in(user)
        refusal = self.second_factor_refusal(user, data.get("otp_code", ""))
        if refusal is not None:
            return refusal
        privacy.account_login_seen(user=user)  # logging in cancels a pending erasure
        instance, token = AuthToken.objects.create(user=user, expiry=knox_settings.TOKEN_TTL)
        return Response({"token": token, "expiry": instance.expiry})


    def second_factor_refusal(self, user, code: str) -> Response | None:
        """Staff tokens need the authenticator's code too; None when this log-in may go on.

        Tokens made before two-factor log-in existed keep working until they expire
        (API_TOKEN_DAYS); the README says how to end them sooner.
        """
        if not second_factor_required(user):
            return None
        if not has_authenticator(user):
            message = _("Staff accounts log in with a second step. Log in on the website once to set up an authenticator app, then send its code as otp_code.")
            return Response(error_body("second_factor_setup_required", message), status=403)
        if not code:
            message = _("Staff accounts need a code from the authenticator app: send it as otp_code with your username and password.")
            return Response(error_body("second_factor_required", message, {"otp_code": [_("This field is required.")]}), status=403)
        try:
            mfa.second_factor_verify(user=user, code=code)
        except mfa.CodeThrottled as throttled:
            return Response(error_body("throttled", throttled.messages[0]), status=429, headers={"Retry-After": str(throttled.wait_seconds)})
        except ValidationError as error:
            return Response(error_body("invalid_otp_code", error.messages[0], {"otp_code": error.messages}), status=400)
        return None


class TokenRevoke(APIView):
    @extend_schema(request=None, responses={200: InfoSerializer}, summary="Log out on this device: its token stops working")
    def delete(self, request):
        if isinstance(request.auth, AuthToken):
            request.auth.delete()
        return Response({"message": _("You are logged out.")})


class Tokens(APIView):
    """Your devices' tokens (a handful: one list, no pages)."""

    pagination_class = None

    @extend_schema(responses=DeviceTokenSerializer(many=True), summary="Your log-in tokens, one per device")
    def get(self, request):
        current = request.auth.pk if isinstance(request.auth, AuthToken) else None
        tokens = AuthToken.objects.filter(user=request.user).order_by("-created")
        for token in tokens:
            token.current = token.pk == current
        return Response(DeviceTokenSerializer(tokens, many=True).data)

    @extend_schema(
        request=None,
        responses={200: InfoSerializer},
        operation_id="auth_tokens_destroy_all",
        summary="Log out everywhere: every token stops working",
    )
    def delete(self, request):
        AuthToken.objects.filter(user=request.user).delete()
        return Response({"message": _("You are logged out on every device.")})


class TokenDetail(APIView):
    @extend_schema(request=None, responses={200: InfoSerializer}, summary="Log out one device: its token stops working")
    def delete(self, request, token_id: str):
        token = get_object_or_404(AuthToken, user=request.user, token_key=token_id)
        token.delete()
        return Response({"message": _("That device is logged out.")})
