"""The site's home page."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from cms.locales import TranslatedPageMixin, source_page
from cms.page_cache import cache_for_anonymous


class HomePage(TranslatedPageMixin, Page):
    """The community's front door: says what the service is and lists its spaces."""

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("A short welcome that says who the community is for."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["cms.CommunitySpacePage", "community.PrivacyNoticePage", "community.CommunityRulesPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def route(self, request, path_components):
        # Wagtail starts routing at the home page in the reader's language; every address is
        # found in the default language's tree instead, then served translated (cms/locales.py).
        source = source_page(self)
        if source.pk != self.pk:
            return source.specific.route(request, path_components)
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        from cms import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.home_overview(home=source_page(self), request=request))
        cache_for_anonymous(request)
        return context
