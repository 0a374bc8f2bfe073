"""Forms for data protection: sign-up for minors, accepting the rules, asking to be erased.
They collect input; the rules live in the services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from community.forms import SignUpForm


class AccountDeleteForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("So that nobody else can delete your account."),
    )
    posts = forms.ChoiceField(
        label=_("Your public posts and answers"),
        choices=[
            ("keep", _("Keep them, shown as written by “Former member”, so others can still learn from them")),
            ("hide", _("Hide them, and erase their text")),
        ],
        initial="keep",
        widget=forms.RadioSelect,
    )

    def service_arguments(self) -> dict:
        return {"password": self.cleaned_data["password"], "hide_posts": self.cleaned_data["posts"] == "hide"}


class MemberSignUpForm(SignUpForm):
    """Sign-up with what data protection for minors needs: a birth year, and the rules and notice accepted."""

    birth_year = forms.IntegerField(
        label=_("Year you were born"),
        min_value=1900,
        help_text=_("Only to check that you may sign up yourself. Nobody else sees it."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "autocomplete": "bday-year"}),
    )
    accept = forms.BooleanField(
        label=_("I have read the community rules and the privacy notice, and I accept them."),
        required=True,
    )

    def __init__(self, *args, require_acceptance: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not require_acceptance:
            # Nothing to accept until the organisation publishes its rules and notice.
            del self.fields["accept"]

    def service_arguments(self) -> dict:
        return {**super().service_arguments(), "birth_year": self.cleaned_data["birth_year"]}


class RulesAcceptForm(forms.Form):
    accept = forms.BooleanField(label=_("I have read the community rules, and I accept them."), required=True)
