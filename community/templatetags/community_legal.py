"""Footer links to the privacy notice and the community rules."""

from django import template

from community import legal

register = template.Library()


@register.inclusion_tag("community/includes/legal_links.html")
def legal_links():
    notice, rules = legal.current_legal_pages()
    return {"notice": notice, "rules": rules}
