"""The privacy notice and the community rules: Wagtail pages that members accept at sign-up."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from cms.locales import TranslatedPageMixin


class _VersionedPage(TranslatedPageMixin, Page):
    version = models.PositiveIntegerField(
        _("version"),
        default=1,
        help_text=_("Raise it when the text changes in substance: members are then asked to read and accept it again."),
    )
    body = RichTextField(_("text"))

    content_panels = Page.content_panels + [FieldPanel("version"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("body")]

    parent_page_types = ["cms.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        abstract = True

    def reader_translation(self):
        # Members accept the current version: a translation of an older one is not what they accept,
        # so it is shown only once its translator has brought it up to the same version.
        translated = super().reader_translation()
        return translated if translated.version >= self.version else self


class PrivacyNoticePage(_VersionedPage):
    """The organisation's privacy notice: what the service stores about members, why, for how long,
    and their rights. Linked from sign-up and every page's footer; its version is recorded at sign-up."""

    template = "community/legal_page.html"

    class Meta:
        verbose_name = _("privacy notice")


class CommunityRulesPage(_VersionedPage):
    """The community rules members accept at sign-up. Publishing a higher version asks every member
    to read and accept them again before they next write in public."""

    template = "community/legal_page.html"

    class Meta:
        verbose_name = _("community rules")
