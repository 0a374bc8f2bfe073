"""What every API view shares: strict input through a serializer, then a service call."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import APIException
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import AllowAny, IsAuthenticated

from cms import selectors as cms_selectors


class TooLarge(APIException):
    status_code = 413
    default_code = "too_large"
    default_detail = _("The request body is too large.")


class APIView(GenericAPIView):
    """Signed-in by default; views that the web also shows to visitors set ``public = True``."""

    public = False

    def initial(self, request, *args, **kwargs):
        # Refuse oversized bodies before reading them: posts are a few KiB at most.
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.API_MAX_BODY_BYTES:
            raise TooLarge
        super().initial(request, *args, **kwargs)

    def get_permissions(self):
        if self.public and self.request.method in ("GET", "HEAD", "OPTIONS"):
            return [AllowAny()]
        return [IsAuthenticated()]

    def valid(self, serializer_class, *, partial: bool = False) -> dict:
        serializer = serializer_class(data=self.request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    def space(self, space_id):
        return cms_selectors.space_for_request(space=cms_selectors.space_or_404(space_id), request=self.request)

    def paginated(self, queryset, serializer_class, decorate=None):
        page = self.paginate_queryset(queryset)
        items = decorate(page) if decorate else page
        return self.get_paginated_response(serializer_class(items, many=True, context={"request": self.request}).data)
