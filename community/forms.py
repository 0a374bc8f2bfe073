"""Forms for members' own account pages. They collect input; rules live in services."""

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.password_validation import password_validators_help_text_html
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _

from community import policy
from community.display_names import MAX_LENGTH


class SignUpForm(forms.Form):
    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        help_text=_("For logging in only; nobody else sees it. Letters, digits and @ . + - _ only."),
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none"}),
    )
    display_name = forms.CharField(
        label=_("Display name"),
        max_length=MAX_LENGTH,
        help_text=_(
            "The name other members see. Choose a nickname rather than your real name if you "
            "like: you can stay anonymous towards other members."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("Never shown to anyone. Used to reset your password and, if you want, for notifications."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validators_help_text_html,
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Type the same password again, to be sure it is what you meant."),
    )
    preferred_language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("password1") and cleaned.get("password2") and cleaned["password1"] != cleaned["password2"]:
            self.add_error("password2", _("The two passwords are not the same."))
        return cleaned

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "username": data["username"],
            "display_name": data["display_name"],
            "email": data["email"],
            "password": data["password1"],
            "preferred_language": data["preferred_language"],
        }


class ProfileForm(forms.Form):
    display_name = SignUpForm.base_fields["display_name"]
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("Never shown to anyone."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    preferred_language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)


class LanguageForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    next = forms.CharField(required=False)


def add_service_errors(form: forms.Form, error: ValidationError, aliases: dict[str, str] | None = None) -> None:
    """Show a service's ValidationError on the form, under the fields it names.

    Services name their own arguments ("password"); forms may call the field
    something else ("password1"). Errors for fields the form does not have
    are shown at the top of the form rather than lost.
    """
    aliases = aliases or {}
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        field = aliases.get(field, field)
        form.add_error(field if field in form.fields else None, errors)


# ---------------------------------------------------------------- threads and posts

BODY_WIDGET = forms.Textarea(attrs={"rows": 6})


class AskForm(forms.Form):
    title = forms.CharField(
        label=_("Your question in one line"),
        max_length=150,
        help_text=_("For example: “Can I switch from HHX to STX after the first year?”"),
    )
    body = forms.CharField(
        label=_("Tell us more"),
        max_length=5000,
        widget=BODY_WIDGET,
        help_text=_("What have you found out so far? Don't write your full name, phone number or ID number."),
    )
    anonymous = forms.BooleanField(
        label=_("Hide my name from other members"),
        required=False,
        help_text=_("Other members will see “Anonymous member”. Counsellors can still see who asked."),
    )
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)


class PostForm(forms.Form):
    body = forms.CharField(label=_("Your answer"), max_length=5000, widget=BODY_WIDGET)
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)


class EditPostForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=150, required=False)
    body = forms.CharField(label=_("Text"), max_length=5000, widget=BODY_WIDGET)


class EndorseForm(forms.Form):
    note = forms.CharField(
        label=_("Note (optional)"),
        max_length=280,
        required=False,
        help_text=_("For example: “Correct, and the deadline is 15 March.”"),
    )


class SummaryForm(forms.Form):
    body = forms.CharField(
        label=_("Co-constructed answer"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("Sum up the best answer to the question. Blank lines make paragraphs."),
    )
    change_note = forms.CharField(label=_("What did you change? (optional)"), max_length=200, required=False)
    cited_posts = forms.TypedMultipleChoiceField(
        label=_("Answers this draws on"),
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Their authors are credited as contributors."),
    )
    based_on = forms.IntegerField(required=False, widget=forms.HiddenInput)


class ConversationStartForm(forms.Form):
    subject = forms.CharField(label=_("Subject (optional)"), max_length=150, required=False)
    body = forms.CharField(
        label=_("Your message to the counsellors"),
        max_length=5000,
        widget=BODY_WIDGET,
        help_text=_("Only the counsellor team can read this. Write as much or as little as you like."),
    )


class MessageForm(forms.Form):
    body = forms.CharField(label=_("Your message"), max_length=5000, widget=BODY_WIDGET)


class NoteForm(forms.Form):
    body = forms.CharField(
        label=_("Internal note"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only counsellors see notes; the member never does."),
    )


class HandOverForm(forms.Form):
    to_user = forms.TypedChoiceField(label=_("Hand over to"), coerce=int)
    note = forms.CharField(
        label=_("Handover note"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Where does the conversation stand, and what should your colleague do next?"),
    )


class ProposeUpdateForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=150)
    body = forms.CharField(label=_("Your update"), max_length=5000, widget=BODY_WIDGET)
    deadline = forms.DateField(
        label=_("Deadline (optional)"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class MemberAuthenticationForm(AuthenticationForm):
    """Log-in that tells a suspended member why they cannot come in, and until when."""

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        try:
            policy.require_may_sign_in(user)
        except PermissionDenied as refusal:
            raise ValidationError(str(refusal), code="suspended") from refusal
