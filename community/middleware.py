from django.utils import translation

from community.selectors import supported_language


class PreferredLanguageMiddleware:
    """Serve a signed-in member in their own preferred language.

    LocaleMiddleware has already picked a language from the cookie or the
    browser; a signed-in member's saved choice wins, on every device.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            language = supported_language(user.preferred_language)
            if language:
                translation.activate(language)
                request.LANGUAGE_CODE = language
        return self.get_response(request)
