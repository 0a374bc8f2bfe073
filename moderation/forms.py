from django import forms
from django.utils.translation import gettext_lazy as _

from .models import FlagReason, RejectionReason, SanctionKind


class FlagForm(forms.Form):
    reason = forms.ChoiceField(label=_("Why are you reporting this?"), choices=FlagReason.choices, widget=forms.RadioSelect)
    note = forms.CharField(label=_("Anything else we should know? (optional)"), max_length=500, required=False)


class RejectForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=RejectionReason.choices)
    note = forms.CharField(label=_("Note to the author (optional)"), max_length=500, required=False)
    final = forms.BooleanField(
        label=_("Final: the author cannot edit the post back into review"), required=False
    )


class EditApproveForm(forms.Form):
    body = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 6}), max_length=5000)
    note = forms.CharField(label=_("Note (optional)"), max_length=500, required=False)


class EscalateForm(forms.Form):
    to_user = forms.TypedChoiceField(label=_("Colleague"), coerce=int)
    note = forms.CharField(label=_("Note"), max_length=500)


class SanctionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Sanction"), choices=SanctionKind.choices)
    days = forms.IntegerField(
        label=_("For how many days"), required=False, min_value=1, max_value=3650,
        help_text=_(
            "Required for a silence. For a suspension, leave it empty to suspend until revoked. "
            "Not used for a warning."
        ),
    )
    reason = forms.CharField(label=_("Reason (the member sees this)"), widget=forms.Textarea(attrs={"rows": 3}), max_length=1000)
