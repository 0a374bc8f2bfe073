"""``{{ page|reader_title }}``: a CMS page's title in the reader's language (see cms.locales).

For a single page a template names beside other content (a breadcrumb's space, the space of a
conversation); lists translate their titles in one query in their selectors instead.
"""

from django import template

from cms.locales import titles_for_reader

register = template.Library()


@register.filter
def reader_title(page) -> str:
    if page is None:
        return ""
    return titles_for_reader([page.pk]).get(page.pk, page.title)
