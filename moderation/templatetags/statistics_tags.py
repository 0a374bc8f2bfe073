"""How the statistics page shows a figure: suppressed groups, durations and shares in the reader's locale."""

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def statistic(figure, kind: str) -> str:
    if figure.suppressed:
        return _("fewer than 5")
    if figure.value is None:
        return "–"
    if kind == "share":
        return _("%(percent)s %%") % {"percent": number_format(100 * figure.value, 0)}
    if kind == "duration":
        minutes = figure.value.total_seconds() / 60
        if minutes < 60:
            return _("%(count)s min") % {"count": number_format(minutes, 0)}
        if minutes < 48 * 60:
            return _("%(count)s h") % {"count": number_format(minutes / 60, 1)}
        return _("%(count)s days") % {"count": number_format(minutes / (24 * 60), 1)}
    return number_format(figure.value)


@register.filter
def get_figure(figures: dict, key: str):
    return figures[key]
