"""Footer links to the privacy notice and the community rules."""

from django import template

from community import legal

register = template.Library()


@register.inclusion_tag("community/includes/legal_links.html")
def legal_links():
    return {"notice": legal.privacy_notice(), "rules": legal.community_rules()}
