"""Members' account pages: sign-up, profile; Django's auth views do the rest."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LogoutView
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from cms.dates import format_when
from community import legal, services
from community.forms import ProfileForm, add_service_errors
from community.forms_privacy import AccountDeleteForm, MemberSignUpForm, RulesAcceptForm
from community.selectors import privacy as privacy_selectors
from community.selectors.accounts import backup_codes_left, second_factor_required
from community.services import privacy
from community.services.accounts import NeedsParentalConsent


def safe_next(request, fallback: str = "/") -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return candidate
    return fallback


@sensitive_post_parameters("password1", "password2")
@require_http_methods(["GET", "POST"])
def sign_up(request):
    if request.user.is_authenticated:
        return redirect(safe_next(request))
    rules, notice = legal.community_rules(), legal.privacy_notice()
    form = MemberSignUpForm(
        request.POST or None,
        initial={"preferred_language": request.LANGUAGE_CODE},
        require_acceptance=bool(rules or notice),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.member_sign_up(**form.service_arguments())
        except NeedsParentalConsent:
            # Nothing is stored: a child under the consent age goes the organisation's way instead.
            consent_url = privacy_selectors.privacy_settings().parental_consent_url
            return render(request, "registration/parental_consent.html", {"consent_url": consent_url, "notice": notice})
        except ValidationError as error:
            add_service_errors(form, error, {"password": "password1"})
        else:
            # The same answer whether or not the username or address already has an account:
            # what happened is told by e-mail, to the address's owner only.
            return render(request, "registration/sign_up_done.html", {"email": form.cleaned_data["email"]})
    return render(
        request,
        "registration/sign_up.html",
        {"form": form, "next": safe_next(request, ""), "rules": rules, "notice": notice},
    )


@require_http_methods(["GET"])
def verify_email(request, token):
    """The link from the confirmation e-mail."""
    try:
        user = services.email_verify(token=token)
    except ValidationError as error:
        return render(request, "registration/verify_email.html", {"error": " ".join(error.messages)}, status=400)
    if request.user.is_authenticated and request.user.pk == user.pk:
        messages.success(request, _("Thank you, your e-mail address is confirmed."))
        return redirect("account_profile")
    messages.success(request, _("Thank you, your e-mail address is confirmed. You can log in now."))
    return redirect("account_login")


@require_http_methods(["GET"])
def email_change_confirm(request, token):
    """The link sent to a new address: it becomes the account's address."""
    try:
        user = services.email_change_confirm(token=token)
    except ValidationError as error:
        return render(request, "registration/verify_email.html", {"error": " ".join(error.messages)}, status=400)
    message = _("Thank you, your new e-mail address is confirmed. We use it from now on.")
    messages.success(request, message)
    if request.user.is_authenticated and request.user.pk == user.pk:
        return redirect("account_profile")
    return redirect("account_login")


@login_required
@require_http_methods(["POST"])
def verify_email_resend(request):
    if not request.user.email_verified:
        services.email_verification_send(user=request.user)
        messages.info(request, _("We have sent you a new link. Please check your e-mail."))
    return redirect("account_profile")


@login_required
@require_http_methods(["GET", "POST"])
def rules_accept(request):
    """A new version of the community rules: read them, accept them, write again."""
    rules = legal.rules_to_accept(request.user)
    form = RulesAcceptForm(request.POST or None)
    if request.method == "POST" and rules is not None and form.is_valid():
        services.rules_accept(user=request.user)
        messages.success(request, _("Thank you. You can write again."))
        return redirect(safe_next(request, "/"))
    return render(request, "registration/rules_accept.html", {"form": form, "rules": rules, "next": safe_next(request, "")})


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    user = request.user
    form = ProfileForm(
        request.POST or None,
        initial={"display_name": user.display_name, "email": user.email, "preferred_language": user.preferred_language},
    )
    if request.method == "POST" and form.is_valid():
        current_email = user.email
        try:
            services.member_profile_update(user=user, **form.cleaned_data)
        except ValidationError as error:
            user.refresh_from_db()
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your profile is saved."))
            if form.cleaned_data["email"].lower() != current_email.lower():
                # The same words whether or not the address has an account here (no enumeration).
                messages.info(
                    request,
                    _(
                        "We have sent a link to %(email)s. Your e-mail address changes when you open it; "
                        "until then we keep using %(current)s."
                    )
                    % {"email": user.pending_email, "current": user.email},
                )
            return redirect("account_profile")
    context = {"form": form, "second_factor": second_factor_required(user)}
    if context["second_factor"]:
        context["backup_codes_left"] = backup_codes_left(user)
    return render(request, "registration/profile.html", context)


class LogOutView(LogoutView):
    """Log out (POST only) and say so, so a shared computer is visibly safe to leave."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.info(request, _("You are logged out."))
        return response


# ---------------------------------------------------------------- your data


def export_response(export) -> HttpResponse:
    """The ZIP as a download; never cached, since it is one person's data."""
    response = HttpResponse(bytes(export.archive), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="my-data-{export.created_at:%Y-%m-%d}.zip"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def data_export(request):
    """Download a copy of one's data (GDPR articles 15 and 20)."""
    if request.method == "POST":
        export = privacy.data_export_request(user=request.user)
        if export.status == "ready":
            messages.success(request, _("Your data is ready to download."))
        else:
            messages.info(request, _("We are preparing your data. We will notify you when it is ready."))
        return redirect("account_data_export")
    export = privacy_selectors.latest_export_for(request.user)
    return render(request, "registration/data_export.html", {"export": export})


@login_required
@require_http_methods(["GET"])
def data_export_download(request, export_id):
    try:
        export = privacy_selectors.data_export_for_user(user=request.user, export_id=export_id)
    except privacy_selectors.ExportExpired:
        return render(request, "registration/data_export.html", {"export": None, "expired": True}, status=410)
    return export_response(export)


@sensitive_post_parameters("password")
@login_required
@require_http_methods(["GET", "POST"])
def account_delete(request):
    """Ask for one's account to be erased, after a cooling-off period in which logging in cancels it."""
    form = AccountDeleteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            erasure = privacy.account_erasure_request(user=request.user, **form.service_arguments())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            logout(request)
            messages.info(
                request,
                _("Your account will be erased on %(when)s. Changed your mind? Log in before then.")
                % {"when": format_when(erasure.due_at, "date")},
            )
            return redirect("/")
    days = privacy_selectors.privacy_settings().erasure_cooling_off_days
    return render(request, "registration/account_delete.html", {"form": form, "cooling_off_days": days})
