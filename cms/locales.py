"""Which language a CMS page is read in, and which page the community belongs to.

CMS pages (home, spaces, information pages, updates, the privacy notice and the rules) may be
translated with wagtail-localize: a translation is a page of its own in another locale's tree,
tied to its source by ``translation_key``. A page's address is the same in every language, and
may carry a language in front (``/da/...``: cms/language_urls.py, which only strips it and makes
that the reader's language):

- a request is always routed through the default language's tree (``HomePage.route``), so a
  missing translation, or a translated slug, never makes an address 404;
- the page found is then served in the reader's language (the address's prefix, or else the
  interface language from the account or the language cookie) when a live translation exists, in the default language
  otherwise (``TranslatedPageMixin.serve``);
- community data (threads, follows, moderation, statistics) belongs to the page in the default
  language, never to a translation: a translated space shows the same wall and a translated
  update the same discussion, because both look them up through ``source_page``.
"""

from django.conf import settings
from django.core.cache import cache
from django.db.models import OuterRef, Subquery
from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page

LOCALE_ID_TIMEOUT = 60 * 60


def default_language() -> str:
    return get_supported_content_language_variant(settings.LANGUAGE_CODE)


def reading_language() -> str:
    """The content language the reader reads in (their interface language, if it is a content language)."""
    try:
        return get_supported_content_language_variant(translation.get_language() or settings.LANGUAGE_CODE)
    except LookupError:
        return default_language()


def in_default_locale(pages):
    """Only the pages in the default language: the ones community data belongs to (a join, no extra query)."""
    return pages.filter(locale__language_code=default_language())


def default_locale():
    return Locale.objects.filter(language_code=default_language()).first()


def default_locale_id() -> int | None:
    """The default locale's id, from the shared cache: asked for every page link in a list."""
    key = f"cms:default-locale:{default_language()}"
    locale_id = cache.get(key)
    if locale_id is None:
        locale = default_locale()
        if locale is None:
            return None
        locale_id = locale.pk
        cache.set(key, locale_id, LOCALE_ID_TIMEOUT)
    return locale_id


def source_page(page):
    """The page in the default language that ``page`` translates; ``page`` itself if it is one or has none."""
    if page is None:
        return None
    default_id = default_locale_id()
    if default_id is None or page.locale_id == default_id:
        return page
    return type(page).objects.filter(translation_key=page.translation_key, locale_id=default_id).first() or page


def translation_for_reader(page):
    """``page``'s live translation in the reader's language, or ``page`` itself when there is none."""
    language = reading_language()
    if language == default_language():
        return page  # what is routed is already in the default language
    translated = (
        type(page)
        .objects.filter(translation_key=page.translation_key, locale__language_code=language, live=True)
        .exclude(pk=page.pk)
        .first()
    )
    return translated or page


def translate_for_reader(pages, fields=("title",)) -> list:
    """Show a list of default-language pages with the reader's translations of ``fields``, in one query.

    The pages stay the source pages (their ids and addresses are what the community uses); only
    the listed text fields are taken from a live translation where one exists. Never saved.
    """
    pages = list(pages)
    language = reading_language()
    if not pages or language == default_language():
        return pages
    model = type(pages[0])
    translations = {
        row["translation_key"]: row
        for row in model.objects.filter(
            translation_key__in=[page.translation_key for page in pages], locale__language_code=language, live=True
        ).values("translation_key", *fields)
    }
    for page in pages:
        row = translations.get(page.translation_key)
        if row:
            for field in fields:
                if row[field]:
                    setattr(page, field, row[field])
    return pages


def titles_for_reader(page_ids) -> dict[int, str]:
    """The titles of pages (of any kind) in the reader's language, by page id, in one query.

    Only pages with a live translation in the reader's language are in the answer; a reader of the
    default language costs no query. For lists that show titles of several kinds of page (search
    results, notifications naming spaces and updates, breadcrumbs).
    """
    ids = {int(page_id) for page_id in page_ids if page_id is not None}
    language = reading_language()
    if not ids or language == default_language():
        return {}
    sources = Page.objects.filter(pk__in=ids)
    rows = (
        Page.objects.filter(
            translation_key__in=sources.values("translation_key"), locale__language_code=language, live=True
        )
        .exclude(pk__in=ids)
        .annotate(source_id=Subquery(sources.filter(translation_key=OuterRef("translation_key")).values("pk")[:1]))
        .values_list("source_id", "title")
    )
    return {source_id: title for source_id, title in rows if title}


def translate_titles(pages) -> list:
    """Pages of any kind (and ``None`` for none) with their titles in the reader's language, in one query.

    As ``translate_for_reader``: the pages stay what they are, only ``title`` is set (never saved).
    """
    pages = list(pages)
    titles = titles_for_reader(page.pk for page in pages if page is not None)
    for page in pages:
        if page is not None and page.pk in titles:
            page.title = titles[page.pk]
    return pages


class TranslatedPageMixin:
    """Serve a default-language page in the reader's language when a live translation exists."""

    def serve(self, request, *args, **kwargs):
        if not getattr(request, "is_preview", False):
            translated = self.reader_translation()
            if translated.pk != self.pk:
                if args and getattr(args[0], "__self__", None) is self:
                    # A routable page's view, bound to the page routed to: bind it to the translation.
                    args = (getattr(translated, args[0].__name__), *args[1:])
                return translated.serve(request, *args, **kwargs)
        return super().serve(request, *args, **kwargs)

    def reader_translation(self):
        """The page to show this reader: its live translation in their language, or itself."""
        return translation_for_reader(self)

    def original(self):
        """The page this one translates (itself if it is in the default language): whose author and
        first publication are the page's own, since a translation's owner is its translator."""
        return source_page(self)

    def get_url_parts(self, request=None):
        # A translation lives at its source's address (routing goes through the default tree).
        source = source_page(self)
        if source.pk != self.pk:
            return source.specific.get_url_parts(request)
        return super().get_url_parts(request)
