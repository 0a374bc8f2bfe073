"""Template helpers of moderation: how long an urgent item has waited, and when counsellors answer."""

from django import template
from django.utils import timezone
from django.utils.translation import gettext as _

from moderation import selectors

register = template.Library()


def waited_minutes(since, until=None) -> int:
    return max(int(((until or timezone.now()) - since).total_seconds() // 60), 0)


@register.filter
def waiting_for(item) -> str:
    """ "waiting 23 min" / "waiting 2 h 5 min": how long an open item has waited, server-rendered."""
    minutes = waited_minutes(item.created_at)
    if minutes < 60:
        return _("waiting %(minutes)d min") % {"minutes": minutes}
    return _("waiting %(hours)d h %(minutes)d min") % {"hours": minutes // 60, "minutes": minutes % 60}


@register.inclusion_tag("moderation/includes/counsellor_hours.html", takes_context=True)
def counsellor_hours(context):
    """ "Counsellors are here until 16:00" / "Counsellors are back Monday at 9:00", for the site of the request."""
    request = context.get("request")
    hours = selectors.counsellor_hours(request=request)
    return {"hours": hours}
