"""The notification centre and notification preferences."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseStopPolling

from community import selectors, services
from community.models import Digest, FollowLevel

from ._helpers import enhanced, error_messages, fragment

# The unread count in the header, as the page shows it: htmx refreshes both with each action.
COUNT_PIECES = ("includes/notification_bell.html", "includes/notification_count.html")


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


@enhanced
@login_required
@require_POST
def notification_read(request, notification_id):
    notification = services.notification_mark_read(user=request.user, notification_id=notification_id)
    if request.htmx:
        return fragment(
            request,
            "community/includes/notification_item.html",
            {"notification": notification, "unread_notifications": selectors.unread_count(user=request.user)},
            extra=COUNT_PIECES,
            announce=_("Marked as read."),
        )
    return redirect("notifications")


@enhanced
@login_required
@require_POST
def notifications_read_all(request):
    count = services.notifications_mark_all_read(user=request.user)
    if count:
        said = ngettext(
            "%(count)d notification marked as read.", "%(count)d notifications marked as read.", count
        ) % {"count": count}
    else:
        said = _("Nothing was unread.")
    unread_only = request.POST.get("show") == "unread"
    if request.htmx:
        page = selectors.notifications_page(
            user=request.user, unread_only=unread_only, page_number=request.POST.get("page")
        )
        context = {"page": page, "unread_only": unread_only, "unread_notifications": 0}
        return fragment(
            request, "community/includes/notification_list.html", context, extra=COUNT_PIECES, announce=said
        )
    if count:
        messages.success(request, said)
    else:
        messages.info(request, said)
    return redirect(reverse("notifications") + ("?show=unread" if unread_only else ""))


@never_cache
@require_GET
def notifications_badge(request):
    """The header's unread count, for htmx to refresh every minute: one count query, no page chrome.

    Rendered without the request, so none of the page's context processors run. Without htmx (a
    link followed, a bookmark) it is the notification centre; signed out, htmx stops polling.
    """
    if not request.htmx:
        return redirect("notifications")
    if not request.user.is_authenticated:
        return HttpResponseStopPolling()
    context = {"unread_notifications": selectors.unread_count(user=request.user)}
    return HttpResponse(
        render_to_string(COUNT_PIECES[0], context)
        + render_to_string(COUNT_PIECES[1], {**context, "oob": True})
    )


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
