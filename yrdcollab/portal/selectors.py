"""Reads for the home page (工作台): what waits on the user and the user's agency (the workbench's
queues and the items assigned to the user), unread messages, certificates and the calendar's state.
Each part comes from its own app's selector."""

from django.utils import timezone

from yrdcollab.command.workbench.selectors import my_items, workbench_cards
from yrdcollab.platform.access.permissions import has_capability
from yrdcollab.platform.access.roles import Capability
from yrdcollab.platform.accounts.selectors import certificates_of
from yrdcollab.platform.notifications.selectors import notification_list_for, unread_count_for
from yrdcollab.platform.workdays.models import CalendarYear

RECENT_NOTIFICATIONS = 5
MY_ITEMS_ON_HOME = 5


def home_overview_for(user) -> dict:
    today = timezone.localdate()
    known_years = set(CalendarYear.objects.filter(year__in=[today.year, today.year + 1]).values_list("year", flat=True))
    return {
        "agency": user.agency,
        "cards": workbench_cards(actor=user),
        "my_items": my_items(actor=user) if has_capability(user, Capability.COLLABORATION_HANDLE) else None,
        "unread_count": unread_count_for(user),
        "recent_notifications": list(notification_list_for(actor=user, unread_only=False)[:RECENT_NOTIFICATIONS]),
        "certificates": certificates_of(user),
        "missing_years": [y for y in (today.year, today.year + 1) if y not in known_years],
        "can_manage_calendar": has_capability(user, Capability.CALENDAR_MANAGE),
    }
