"""The notification centre and notification preferences."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from community import selectors, services
from community.models import Digest, FollowLevel

from ._helpers import error_messages


@login_required
@require_GET
def notification_list(request):
    unread_only = request.GET.get("show") == "unread"
    return render(
        request,
        "community/notifications.html",
        {
            "page": selectors.notifications_page(
                user=request.user, unread_only=unread_only, page_number=request.GET.get("page")
            ),
            "unread_only": unread_only,
        },
    )


@login_required
@require_GET
def notification_open(request, notification_id):
    """Follow a notification to the thing itself; it counts as read."""
    notification = services.notification_mark_read(user=request.user, notification_id=notification_id)
    target = notification.url or "/"
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    return HttpResponseRedirect(target)


@login_required
@require_POST
def notification_read(request, notification_id):
    services.notification_mark_read(user=request.user, notification_id=notification_id)
    return redirect("notifications")


@login_required
@require_POST
def notifications_read_all(request):
    count = services.notifications_mark_all_read(user=request.user)
    if count:
        messages.success(
            request,
            ngettext("%(count)d notification marked as read.", "%(count)d notifications marked as read.", count)
            % {"count": count},
        )
    else:
        messages.info(request, _("Nothing was unread."))
    return redirect("notifications")


@login_required
@require_http_methods(["GET", "POST"])
def notification_settings(request):
    user = request.user
    errors = []
    status = 200
    if request.method == "POST":
        try:
            services.notification_settings_update(
                user=user, email_kinds=request.POST.getlist("email_kinds"), digest=request.POST.get("digest", "")
            )
            for follow in selectors.follows_of(user=user):
                level = request.POST.get(f"follow-{follow.pk}")
                if level and level != follow.level:
                    services.follow_level_set(user=user, follow_id=follow.pk, level=level)
        except ValidationError as error:
            errors = error_messages(error)
            status = 400
        else:
            messages.success(request, _("Your notification settings are saved."))
            return redirect("notification_settings")
    current = selectors.settings_for(user)
    return render(
        request,
        "community/notification_settings.html",
        {
            "kinds": [(kind, current.emails(kind)) for kind in selectors.kinds_for(user)],
            "digest": current.digest,
            "digests": Digest.choices,
            "follows": selectors.follows_of(user=user),
            "levels": FollowLevel.choices,
            "errors": errors,
        },
        status=status,
    )
