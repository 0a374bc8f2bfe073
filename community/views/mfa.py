"""Staff log-in's second step: setting up an authenticator app, giving its code, backup codes."""

from base64 import b32encode

import segno
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods
from django_otp.plugins.otp_static.models import StaticDevice

from community.mfa import needs_second_factor_now, session_second_factor_passed
from community.selectors.accounts import (
    backup_codes_left,
    has_authenticator,
    second_factor_required,
)
from community.services import mfa

from .accounts import safe_next


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=32,
        help_text=gettext_lazy("The 6 digits your authenticator app shows now, or one of your backup codes."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autocapitalize": "off", "spellcheck": "false"}),
    )


class FirstCodeForm(CodeForm):
    code = forms.CharField(
        label=gettext_lazy("Code from the app"),
        max_length=16,
        help_text=gettext_lazy("The 6 digits the app shows for this account, to check it is set up."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


def _backup_codes_page(request, codes: list[str], next_url: str):
    response = render(request, "registration/backup_codes.html", {"codes": codes, "next": next_url or "/"})
    response["Cache-Control"] = "private, no-store"  # shown once: never from a cache or the back button
    return response


@sensitive_post_parameters("code")
@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def second_factor(request):
    """The code after the password, for staff (the middleware sends them here)."""
    if not needs_second_factor_now(request):
        return redirect(safe_next(request))
    if not has_authenticator(request.user):
        return redirect("account_second_factor_setup")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = mfa.second_factor_verify(user=request.user, code=form.cleaned_data["code"])
        except ValidationError as error:
            form.add_error("code", error)
        else:
            session_second_factor_passed(request, device)
            if isinstance(device, StaticDevice):
                left = backup_codes_left(request.user)
                messages.warning(
                    request,
                    ngettext(
                        "You used a backup code; %(left)d is left. Make new ones on your profile.",
                        "You used a backup code; %(left)d are left. Make new ones on your profile.",
                        left,
                    )
                    % {"left": left},
                )
            return redirect(safe_next(request))
    return render(request, "registration/second_factor.html", {"form": form, "next": safe_next(request, "")})


@sensitive_post_parameters("code")
@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def second_factor_setup(request):
    """A staff member without an authenticator app sets one up: QR code or secret, then a first code."""
    if has_authenticator(request.user) and needs_second_factor_now(request):
        return redirect("account_second_factor")
    if has_authenticator(request.user) or not second_factor_required(request.user):
        return redirect(safe_next(request))
    device = mfa.authenticator_enrolment_start(user=request.user)
    form = FirstCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device, codes = mfa.authenticator_enrolment_confirm(user=request.user, code=form.cleaned_data["code"])
        except ValidationError as error:
            form.add_error("code", error)
        else:
            session_second_factor_passed(request, device)
            return _backup_codes_page(request, codes, safe_next(request))
    secret = b32encode(device.bin_key).decode()
    qr = segno.make(device.config_url, error="m").svg_inline(
        scale=4, border=4, dark="#000", light="#fff", title=_("QR code for your authenticator app")
    )
    context = {
        "form": form,
        "qr_svg": qr,
        # Groups of four are easier to type into an app by hand.
        "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        "next": safe_next(request, ""),
    }
    response = render(request, "registration/second_factor_setup.html", context)
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_http_methods(["POST"])
def backup_codes_new(request):
    """New backup codes (the old ones stop working), from a session that passed the second step."""
    if not second_factor_required(request.user) or not has_authenticator(request.user):
        messages.error(request, _("Backup codes come with two-factor log-in, which your account does not use."))
        return redirect("account_profile")
    return _backup_codes_page(request, mfa.backup_codes_issue(user=request.user), reverse("account_profile"))
