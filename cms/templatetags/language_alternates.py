"""``{% language_alternates %}``: a CMS page's address in every interface language, for its <head>."""

from django import template
from django.utils.html import format_html_join
from wagtail.models import Page

from cms.language_urls import language_alternates as alternates_for

register = template.Library()


@register.simple_tag(takes_context=True)
def language_alternates(context):
    """``<link rel="alternate" hreflang=..>`` for each language and x-default, on a published page only."""
    request, page = context.get("request"), context.get("page")
    if request is None or not isinstance(page, Page) or getattr(request, "is_preview", False):
        return ""
    return format_html_join(
        "\n    ", '<link rel="alternate" hreflang="{}" href="{}">', alternates_for(request)
    )
