"""Wagtail admin user management with the fields this service needs."""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import DeleteView as WagtailUserDeleteView
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from community import roles, services
from community.models import RetentionRun
from community.selectors.privacy import privacy_settings
from community.services import privacy


class _DisplayNameMixin(forms.Form):
    display_name = forms.CharField(label=_("Display name"), max_length=30)

    def clean_display_name(self):
        try:
            return services.display_name_validate(
                display_name=self.cleaned_data["display_name"],
                user=self.instance if self.instance.pk else None,
                # Staff choose real names; the role check happens against the
                # groups chosen in this same form, so be permissive here and
                # strict on members' own sign-up and profile forms.
                staff=True,
            )
        except ValidationError as error:
            raise forms.ValidationError(error.messages) from error


class CommunityUserCreationForm(_DisplayNameMixin, UserCreationForm):
    class Meta(UserCreationForm.Meta):
        fields = [*UserCreationForm.Meta.fields, "display_name", "preferred_language"]


class CommunityUserEditForm(_DisplayNameMixin, UserEditForm):
    class Meta(UserEditForm.Meta):
        fields = [*UserEditForm.Meta.fields, "display_name", "preferred_language"]


class UserEraseView(WagtailUserDeleteView):
    """"Delete" in the user admin erases the account (posts, conversations and the audit log
    keep pointing at its row, so the row itself cannot go); the audit log records who did it."""

    page_title = _("Erase user")
    success_message = _("The account of “%(object)s” is erased.")

    def dispatch(self, request, *args, **kwargs):
        target = self.get_object()
        if roles.is_counsellor(target) and not request.user.is_superuser:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @property
    def confirmation_message(self):
        return _(
            "Erase this account? Its log-in, e-mail address and display name are removed at once; its public "
            "posts stay under “Former member”; its private conversations are erased after the retention period."
        )

    def delete_action(self):
        self.erased_name = str(self.object)
        privacy.account_erase(user=self.object, by=self.request.user)

    def get_success_message(self):
        return self.success_message % {"object": getattr(self, "erased_name", self.object)}


class UserViewSet(WagtailUserViewSet):
    delete_view_class = UserEraseView

    def get_form_class(self, for_update=False):
        return CommunityUserEditForm if for_update else CommunityUserCreationForm


RETENTION_REPORT_RUNS = 30


def retention_report(request):
    """What the retention rules removed, run by run: for moderators and the data protection officer."""
    if not roles.is_moderator(request.user):
        raise PermissionDenied
    labels = {
        "accounts_erased": _("Accounts erased at their owner's request"),
        "private_conversations": _("Private conversations erased"),
        "unpublished_posts": _("Rejected or hidden posts whose text was erased"),
        "notifications": _("Notifications deleted"),
        "expired_exports": _("Expired data exports deleted"),
        "inactive_accounts_warned": _("Inactive accounts warned by e-mail"),
        "inactive_accounts_erased": _("Inactive accounts erased"),
    }
    runs = [
        {"ran_at": run.ran_at, "removed": [(labels.get(key, key), count) for key, count in run.removed.items()]}
        for run in RetentionRun.objects.all()[:RETENTION_REPORT_RUNS]
    ]
    return render(request, "community/admin/retention_report.html", {"runs": runs, "settings": privacy_settings()})
