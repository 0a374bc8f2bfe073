from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response

from api.filters import NotificationFilterSet
from api.pagination import FeedPagination, PagePagination
from api.serializers.accounts import (
    ErasureRequestSerializer,
    ErasureScheduledSerializer,
    ExportPreparingSerializer,
    FollowLevelSerializer,
    FollowSerializer,
    MeSerializer,
    NewFollowSerializer,
    NotificationSerializer,
    NotificationSettingsSerializer,
    ProfileUpdateSerializer,
)
from api.serializers.common import CountSerializer, InfoSerializer
from community import selectors, services
from community.models import Follow, Notification
from community.selectors import privacy as privacy_selectors
from community.services import privacy
from community.views.accounts import export_response
from moderation.selectors import active_restriction

from ._base import APIView


def _me(user) -> dict:
    user.restriction = active_restriction(user)
    return MeSerializer(user).data


class Me(APIView):
    @extend_schema(responses=MeSerializer, summary="Your own profile")
    def get(self, request):
        return Response(_me(request.user))

    @extend_schema(request=ProfileUpdateSerializer, responses=MeSerializer, summary="Change your display name, e-mail or language")
    def patch(self, request):
        data = self.valid(ProfileUpdateSerializer)
        user = request.user
        services.member_profile_update(
            user=user,
            display_name=data.get("display_name", user.display_name),
            email=data.get("email", user.email),
            preferred_language=data.get("preferred_language", user.preferred_language),
        )
        return Response(_me(user))


    @extend_schema(
        request=ErasureRequestSerializer,
        responses={202: ErasureScheduledSerializer},
        summary="Delete your account (after a cooling-off period; logging in cancels it)",
    )
    def delete(self, request):
        data = self.valid(ErasureRequestSerializer)
        erasure = privacy.account_erasure_request(
            user=request.user, password=data["password"], hide_posts=data.get("hide_posts", False)
        )
        return Response(
            {
                "message": _("Your account will be erased after the cooling-off period. Log in before then to cancel."),
                "due_at": erasure.due_at,
                "hide_posts": erasure.hide_posts,
            },
            status=status.HTTP_202_ACCEPTED,
        )


class MyDataExport(APIView):
    """A copy of your data (GDPR articles 15 and 20): a ZIP with data.json and a readable index.html."""

    @extend_schema(
        responses={
            (200, "application/zip"): bytes,
            202: ExportPreparingSerializer,
        },
        summary="Download your data (202 while it is being prepared; ask again later)",
    )
    def get(self, request):
        export = privacy.data_export_request(user=request.user)
        if export.status != "ready":
            return Response(
                {"status": export.status, "message": _("We are preparing your data. We will notify you when it is ready.")},
                status=status.HTTP_202_ACCEPTED,
            )
        return export_response(privacy_selectors.data_export_for_user(user=request.user, export_id=export.pk))


def _settings(user) -> dict:
    current = selectors.settings_for(user)
    return {"email_kinds": [kind.value for kind in selectors.kinds_for(user) if current.emails(kind)], "digest": current.digest}


class MyNotificationSettings(APIView):
    @extend_schema(responses=NotificationSettingsSerializer, summary="What we send you")
    def get(self, request):
        return Response(_settings(request.user))

    @extend_schema(request=NotificationSettingsSerializer, responses=NotificationSettingsSerializer, summary="Change what we send you")
    def put(self, request):
        data = self.valid(NotificationSettingsSerializer)
        services.notification_settings_update(user=request.user, email_kinds=data["email_kinds"], digest=data["digest"])
        return Response(_settings(request.user))


class Follows(APIView):
    pagination_class = PagePagination

    @extend_schema(responses=FollowSerializer(many=True), summary="What you follow")
    def get(self, request):
        return self.paginated(selectors.follows_for(user=request.user), FollowSerializer)

    @extend_schema(request=NewFollowSerializer, responses={201: FollowSerializer}, summary="Follow a space or a thread")
    def post(self, request):
        from django.core.exceptions import ValidationError

        data = self.valid(NewFollowSerializer)
        if bool(data.get("space")) == bool(data.get("thread")):
            raise ValidationError(_("Give a space or a thread to follow."), code="invalid")
        if data.get("space"):
            target = {"space": self.space(data["space"])}
        else:
            target = {"thread": selectors.thread_for_user(user=request.user, thread_id=data["thread"])}
        services.follow_set(user=request.user, following=True, level=data["level"], **target)
        follow = Follow.objects.select_related("space", "thread").get(user=request.user, **target)
        return Response(FollowSerializer(follow).data, status=status.HTTP_201_CREATED)


class FollowDetail(APIView):
    @extend_schema(request=FollowLevelSerializer, responses=FollowSerializer, summary="Watch, follow normally or mute")
    def patch(self, request, follow_id: int):
        data = self.valid(FollowLevelSerializer)
        get_object_or_404(Follow, pk=follow_id, user=request.user)
        follow = services.follow_level_set(user=request.user, follow_id=follow_id, level=data["level"])
        return Response(FollowSerializer(follow).data)

    @extend_schema(responses={200: InfoSerializer}, summary="Stop following")
    def delete(self, request, follow_id: int):
        follow = get_object_or_404(Follow.objects.select_related("space", "thread"), pk=follow_id, user=request.user)
        services.follow_set(user=request.user, space=follow.space, thread=follow.thread, following=False)
        return Response({"message": _("You no longer follow it.")})


class Notifications(APIView):
    pagination_class = FeedPagination
    feed_ordering = ("-timestamp",)
    filter_backends = [DjangoFilterBackend]
    filterset_class = NotificationFilterSet
    queryset = Notification.objects.none()  # names the model for the schema; the selector gives the rows

    @extend_schema(responses=NotificationSerializer(many=True), summary="Your notifications, newest first")
    def get(self, request):
        return self.paginated(self.filter_queryset(selectors.notifications_for(user=request.user)), NotificationSerializer)


class NotificationsUnreadCount(APIView):
    @extend_schema(responses=CountSerializer, summary="How many are unread")
    def get(self, request):
        return Response({"count": selectors.unread_count(user=request.user)})


class NotificationRead(APIView):
    @extend_schema(request=None, responses=NotificationSerializer, summary="Mark one as read")
    def post(self, request, notification_id: int):
        return Response(NotificationSerializer(services.notification_mark_read(user=request.user, notification_id=notification_id)).data)


class NotificationsReadAll(APIView):
    @extend_schema(request=None, responses=CountSerializer, summary="Mark all as read")
    def post(self, request):
        return Response({"count": services.notifications_mark_all_read(user=request.user)})
