"""Shared plumbing for the member-facing views: they only call services and selectors."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRedirect, reswap, retarget

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


# ---------------------------------------------------------------- htmx: the same action, without a reload
#
# A button enhanced with htmx posts to the same view as the plain form. The view runs the same
# service; a plain request is redirected as before, an htmx request gets back the fragment the full
# page includes (one template per piece), re-rendered with the new state, and a sentence for the
# page's polite live region. A refusal keeps its status (400/403/404) and is shown in the page's
# alert region instead of replacing the button.

ACTION_STATUS = "#action-status"


def fragment(request, template: str, context: dict, *, announce: str = "", extra: tuple = (), status: int = 200):
    """A piece of a page for an htmx request: the template, any out-of-band pieces, and what to announce."""
    parts = [render_to_string(template, context, request=request)]
    parts += [render_to_string(name, {**context, "oob": True}, request=request) for name in extra]
    if announce:
        parts.append(render_to_string("includes/announce.html", {"message": announce}))
    return HttpResponse("".join(parts), status=status)


def refused(request, message: str, *, status: int, extra: tuple = (), context: dict | None = None):
    """A refusal for an htmx request: the reason in the page's alert region, with the refusal's status.

    ``extra`` re-renders pieces out of band (their current state), in case the page showed an old one.
    """
    parts = [render_to_string("includes/action_refusal.html", {"messages": [message] if isinstance(message, str) else message})]
    parts += [render_to_string(name, {**(context or {}), "oob": True}, request=request) for name in extra]
    response = HttpResponse("".join(parts), status=status)
    return reswap(retarget(response, ACTION_STATUS), "innerHTML")


def enhanced(view):
    """An action that htmx may call: refusals come back as a message, not as an error page.

    Without htmx nothing changes (the log-in redirect, the 403 and 404 pages). With htmx, a signed-out
    person is sent to log in with a full navigation, and a 403 or 404 is said in the alert region.
    Put it outside ``login_required``.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.htmx:
            return view(request, *args, **kwargs)
        if not request.user.is_authenticated:
            return HttpResponseClientRedirect(redirect_to_login(request.htmx.current_url_abs_path or "/").url)
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied as error:
            message = str(error) or _("You cannot do that here.")
            return refused(request, message, status=403)
        except Http404:
            return refused(request, _("This is not here any more. Reload the page to see what changed."), status=404)

    return wrapper
