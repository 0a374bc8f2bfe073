"""Forms for reaching out, offering a private talk and referring (issue 10). Services check everything again."""

from django import forms
from django.utils.translation import gettext_lazy as _

from community.models import PublicPostOutcome

MESSAGE_WIDGET = forms.Textarea(attrs={"rows": 6})


class ReachOutForm(forms.Form):
    body = forms.CharField(
        label=_("Your message to the member"),
        max_length=5000,
        widget=MESSAGE_WIDGET,
        help_text=_("Only the member and the counsellor team can read it. The member's e-mail says only that you wrote."),
    )


class PrivateTalkOfferForm(forms.Form):
    message = forms.CharField(
        label=_("Your message to the member"),
        max_length=5000,
        widget=MESSAGE_WIDGET,
        help_text=_("The member sees it with the offer and decides. If they accept, it opens the private conversation."),
    )


class PublicPostForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("What happens to the public post?"),
        widget=forms.RadioSelect,
        choices=[(value, label) for value, label in PublicPostOutcome.choices if value],
    )


class ReferralForm(forms.Form):
    service = forms.TypedChoiceField(label=_("Service"), coerce=int)
    note = forms.CharField(
        label=_("Note to the member (optional)"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    follow_up_days = forms.IntegerField(
        label=_("Remind me to follow up after (days)"), min_value=1, max_value=365, required=False
    )
