"""The member sees a counsellor's offer to continue privately on their own question."""

from django import template

from community import selectors

register = template.Library()


@register.inclusion_tag("community/includes/private_talk_banner.html", takes_context=True)
def private_talk_banner(context, thread):
    """Open offers on the thread's posts, for the member they are for (one query, only for that member)."""
    user = context.get("user")
    offers = selectors.open_private_talk_offers_in_thread(user=user, thread=thread)
    return {"offers": offers}
