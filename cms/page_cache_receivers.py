"""What invalidates every anonymous page: CMS pages and the site's settings (connected in CmsConfig.ready).

Pages appear in the home page's and their space's lists, in breadcrumbs and in links from
threads, so a publish, unpublish, move or deletion invalidates the whole site; they are rare
next to posts, which invalidate only their space.
"""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from cms.models import CommunitySettings
from cms.page_cache import site_pages_invalidate


def _invalidate(**kwargs) -> None:
    site_pages_invalidate()


def _invalidate_for_page(sender, **kwargs) -> None:
    if issubclass(sender, Page):
        site_pages_invalidate()


def connect() -> None:
    for signal in (page_published, page_unpublished, post_page_move, page_slug_changed):
        signal.connect(_invalidate, dispatch_uid=f"page_cache_{id(signal)}")
    # Any save too: pages made in code (imports, fixtures) never pass through publishing.
    post_save.connect(_invalidate_for_page, dispatch_uid="page_cache_page_saved")
    post_delete.connect(_invalidate_for_page, dispatch_uid="page_cache_page_deleted")
    post_save.connect(_invalidate, sender=CommunitySettings, dispatch_uid="page_cache_settings")
    post_save.connect(_invalidate, sender=Site, dispatch_uid="page_cache_site")
    post_delete.connect(_invalidate, sender=Site, dispatch_uid="page_cache_site_deleted")
    # A page made private (or public again) leaves (or joins) every list of public pages.
    post_save.connect(_invalidate, sender=PageViewRestriction, dispatch_uid="page_cache_restriction_saved")
    post_delete.connect(_invalidate, sender=PageViewRestriction, dispatch_uid="page_cache_restriction_deleted")
