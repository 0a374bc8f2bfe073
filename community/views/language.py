from django.conf import settings
from django.http import HttpResponseBadRequest, HttpResponseRedirect
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cms.language_urls import with_language_prefix
from community import services
from community.forms import LanguageForm
from community.views.accounts import safe_next


@require_POST
def language_set(request):
    """The language switcher: remembers the choice in a cookie and, when signed in, on the account.

    It leads back to the page in the chosen language: its ``/da/``-style address for a language
    other than the default, its bare address for the default (cms.language_urls).
    """
    form = LanguageForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(_("Please choose one of the offered languages."))
    language = form.cleaned_data["language"]
    if request.user.is_authenticated:
        services.member_language_set(user=request.user, language=language)
    translation.activate(language)
    response = HttpResponseRedirect(with_language_prefix(safe_next(request), language))
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response
