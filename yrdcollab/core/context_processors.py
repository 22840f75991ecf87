from .navigation import navigation_for


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    context = {"navigation": navigation_for(user, request.path)}
    try:
        from yrdcollab.notifications.selectors import unread_count_for
    except ImportError:
        return context
    context["unread_notifications"] = unread_count_for(user)
    return context
