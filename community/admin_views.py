"""Wagtail admin user management with the fields this service needs."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from community import services


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


class UserViewSet(WagtailUserViewSet):
    def get_form_class(self, for_update=False):
        return CommunityUserEditForm if for_update else CommunityUserCreationForm
