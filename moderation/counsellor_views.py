"""The counsellors' pages on the site: "needs you now" and going on or off duty. Thin callers of selectors and services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from . import selectors, services


@login_required
@require_GET
def needs_you_now(request):
    groups = selectors.needs_you_now_for_user(user=request.user)
    return render(
        request,
        "moderation/needs_you_now.html",
        {
            "groups": groups,
            "total": sum(group.count for group in groups),
            "on_duty": selectors.counsellor_on_duty(user=request.user),
        },
    )


@login_required
@require_POST
def duty(request):
    value = request.POST.get("on_duty", "")
    try:
        duty = services.counsellor_duty_set(counsellor=request.user, on_duty={"1": True, "0": False}.get(value, value))
    except ValidationError as error:
        return render(
            request,
            "moderation/needs_you_now.html",
            {"groups": [], "total": 0, "on_duty": selectors.counsellor_on_duty(user=request.user), "errors": error.messages},
            status=400,
        )
    messages.success(request, _("You are on duty.") if duty.on_duty else _("You are off duty."))
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("needs_you_now")
    return redirect(target)
