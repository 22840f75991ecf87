from yrdcollab.command.workbench.selectors import nav_badges
from yrdcollab.platform.notifications.selectors import unread_count_for

from .navigation import navigation_for, tab_bar_for


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    badges = nav_badges(actor=user)
    return {
        "navigation": navigation_for(user, request.path, badges),
        "tab_bar": tab_bar_for(user, request.path, badges),
        "unread_notifications": unread_count_for(user),
    }
