from community.selectors import unread_count


def notifications_badge(request):
    """The unread count in the header: one query, for signed-in people only."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": unread_count(user=user)}
