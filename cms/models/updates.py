"""Counsellor updates: topical news that starts a discussion."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from cms.locales import TranslatedPageMixin, source_page
from cms.page_cache import cache_for_anonymous


class UpdatePage(TranslatedPageMixin, Page):
    """A counsellor's update on a topical matter: a deadline, a new programme, labour-market news.

    Updates are CMS content (drafts, review, scheduled publishing, revisions).
    Publishing one opens its discussion thread (the update-triggered mode).
    """

    body = RichTextField(
        _("body"),
        features=["bold", "italic", "link", "ol", "ul", "h3", "blockquote"],
    )
    deadline = models.DateField(
        _("deadline"),
        null=True,
        blank=True,
        help_text=_("If the update is about a deadline, its date. Shown prominently."),
    )

    content_panels = Page.content_panels + [FieldPanel("deadline"), FieldPanel("body")]
    search_fields = Page.search_fields + [
        index.SearchField("body"),
        index.FilterField("deadline"),
    ]

    parent_page_types = ["cms.CommunitySpacePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("update")
        verbose_name_plural = _("updates")

    def get_context(self, request, *args, **kwargs):
        from cms import selectors

        context = super().get_context(request, *args, **kwargs)
        # The discussion belongs to the update in the default language, whichever translation is read.
        source = source_page(self)
        context["space"] = selectors.page_space(source)
        cache_for_anonymous(request, space_id=context["space"].pk if context["space"] else None)
        context.update(selectors.update_discussion(update=source, request=request))
        return context
