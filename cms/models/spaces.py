"""Community spaces: where a community gathers around one career topic."""

from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from cms.locales import TranslatedPageMixin, source_page
from cms.page_cache import cache_for_anonymous, site_cached
from community.tiers import TIER_DESCRIPTIONS, Tier, feature_overview, member_can

from .site_settings import CommunitySettings


class CommunitySpacePage(TranslatedPageMixin, RoutablePageMixin, Page):
    """A community space, such as "Choosing upper secondary school".

    Each space has a tier (Kettunen's usage level) that decides which features
    are open in it; empty means the site's default level. Information pages
    and counsellor updates live under it; threads (issue 3) belong to it.
    """

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link", "ul"],
        help_text=_("Who the space is for and what can be asked here."),
    )
    tier = models.PositiveSmallIntegerField(
        _("level"),
        choices=Tier.choices,
        null=True,
        blank=True,
        help_text=_("Leave empty to use the site's default level (Settings → Community settings)."),
    )
    premoderate_all_posts = models.BooleanField(
        _("pre-moderate every post"),
        default=False,
        help_text=_("Hold every post in this space for a counsellor to approve before anyone sees it."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    settings_panels = Page.settings_panels + [
        # Only moderators and admins change what a space allows.
        MultiFieldPanel(
            [
                FieldPanel("tier", permission="cms.change_space_settings"),
                FieldPanel("premoderate_all_posts", permission="cms.change_space_settings"),
            ],
            heading=_("Community features and moderation"),
        )
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.FilterField("tier"),
    ]

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.InformationPage", "cms.UpdatePage"]

    class Meta:
        verbose_name = _("community space")
        verbose_name_plural = _("community spaces")
        permissions = [("change_space_settings", _("Can change a space's level and pre-moderation"))]

    def resolve_tier(self, site_default: int) -> Tier:
        return Tier(self.tier or site_default)

    @cached_property
    def effective_tier(self) -> Tier:
        """The space's own level, or the default of the site it belongs to.

        Listing selectors fill this in for many spaces with one settings query.
        """
        source = source_page(self)
        if source.pk != self.pk:
            return source.effective_tier  # a translation opens what its space opens
        # Every write and page asks this; the site's default only changes with a page move or a
        # settings save, and either starts a new generation of the site cache. (Read even for a space
        # with its own level: the first read creates the site's settings, which starts a generation;
        # that should happen on the first write, not in the middle of someone's page.)
        return self.resolve_tier(site_cached(f"space-default-tier:{self.pk}", self._site_default_tier))

    def _site_default_tier(self) -> int:
        site = self.get_site()
        return CommunitySettings.for_site(site).default_tier if site else Tier.EMERGENCE

    @property
    def tier_description(self):
        return TIER_DESCRIPTIONS[self.effective_tier]

    @property
    def features(self):
        return feature_overview(self.effective_tier)

    @property
    def member_can(self):
        """What a member can do here, in plain words (staff see the levels and the feature table)."""
        return member_can(self.effective_tier)

    def get_context(self, request, *args, overview=True, **kwargs):
        from cms import selectors

        context = super().get_context(request, *args, **kwargs)
        # ``page`` is what is read (maybe a translation); ``space`` is the space the community
        # belongs to (the page in the default language): its wall, follows and forms.
        space = source_page(self)
        context["space"] = space
        if overview:
            context.update(selectors.space_overview(space=space, request=request))
        cache_for_anonymous(request, space_id=space.pk)
        return context

    @path("updates/", name="updates")
    def updates(self, request):
        """Every update in the space, newest first, paginated."""
        from cms import selectors

        space = selectors.space_for_request(space=source_page(self), request=request)
        updates_page = selectors.space_updates_page(space=space, page_number=request.GET.get("page"))
        return self.render(
            request,
            overview=False,
            template="cms/space_updates.html",
            context_overrides={"updates_page": updates_page},
        )
