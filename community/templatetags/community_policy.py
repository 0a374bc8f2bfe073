"""Template filters that ask the policy module, so templates never restate a rule."""

from django import template

from community import policy
from community.selectors import allowed

register = template.Library()


@register.filter
def editable_by(post, user) -> bool:
    return allowed(policy.require_can_edit_post, user, post)


@register.filter
def state_reason_for(post, user) -> str:
    return post.state_reason if policy.sees_state_reason(user, post) else ""
