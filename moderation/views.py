"""Member-facing moderation pages: report a post, help right now, my posts and sanctions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from wagtail.models import Site

from cms import selectors as cms_selectors
from community import selectors as community_selectors
from community.forms import add_service_errors

from . import selectors, services
from .forms import FlagForm


@login_required
@require_http_methods(["GET", "POST"])
def report(request, post_id):
    post = community_selectors.post_for_user(user=request.user, post_id=post_id)
    form = FlagForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.flag_create(user=request.user, post=post, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                if form.cleaned_data["reason"] == "worried":
                    messages.success(request, _("Thank you for caring. A counsellor will look at this straight away."))
                else:
                    messages.success(request, _("Thank you. A counsellor will look at the post."))
                return redirect(post.thread.get_absolute_url())
    return render(request, "moderation/report.html", {"post": post, "form": form}, status=status)


@require_GET
def help_now(request):
    """Help lines in the reader's language; shown at once to an author whose post signalled a crisis."""
    resources = selectors.help_resources(language=get_language(), site=Site.find_for_request(request))
    return render(
        request,
        "moderation/help.html",
        {
            "resources": resources,
            "after_post": request.GET.get("after") == "post",
            "hours": selectors.counsellor_hours(request=request),
        },
    )


@login_required
@require_GET
def my_posts(request):
    return render(
        request,
        "moderation/my_posts.html",
        {
            "page": selectors.own_posts(user=request.user, page_number=request.GET.get("page")),
            "sanctions": selectors.sanctions_for_member(member=request.user),
            "proposals": cms_selectors.update_proposals_for_member(user=request.user),
        },
    )
