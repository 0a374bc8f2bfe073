"""Information pages: quality-assured guidance written by counsellors."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.blocks import GuidanceStreamBlock
from cms.locales import TranslatedPageMixin, source_page
from cms.page_cache import cache_for_anonymous


class InformationPage(TranslatedPageMixin, Page):
    """Counsellor-written guidance on one topic, e.g. "Applying through quota 2".

    Quality-assured information that answers from peers can link to, so peer
    experience stands next to checked facts.
    """

    summary = models.TextField(
        _("summary"),
        max_length=300,
        blank=True,
        help_text=_("One or two sentences shown in lists and search results."),
    )
    body = StreamField(GuidanceStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("summary"), FieldPanel("body")]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
    ]

    parent_page_types = ["cms.CommunitySpacePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("information page")
        verbose_name_plural = _("information pages")

    def get_context(self, request, *args, **kwargs):
        from cms import selectors

        context = super().get_context(request, *args, **kwargs)
        context["space"] = selectors.page_space(source_page(self))
        cache_for_anonymous(request, space_id=context["space"].pk if context["space"] else None)
        return context
