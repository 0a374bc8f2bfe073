"""``{{ moment|when }}``, ``{{ moment|when:"short" }}``, ``{{ day|when:"date" }}``: see cms.dates."""

from django import template

from cms.dates import format_when

register = template.Library()


@register.filter(name="when", expects_localtime=False)
def when(value, style="datetime"):
    return format_when(value, style)
