"""Reads for the home page (工作台): the user's agency, unread messages, certificates, the
calendar's state, and directory figures. Each part comes from its own app's selector."""

from django.db.models import Count
from django.utils import timezone

from yrdcollab.platform.access.permissions import has_capability
from yrdcollab.platform.access.roles import Capability
from yrdcollab.platform.accounts.selectors import certificates_of
from yrdcollab.platform.directory.models import Agency, Division
from yrdcollab.platform.notifications.selectors import notification_list_for, unread_count_for
from yrdcollab.platform.workdays.models import CalendarYear

RECENT_NOTIFICATIONS = 5


def home_overview_for(user) -> dict:
    today = timezone.localdate()
    by_level = dict(Division.objects.filter(is_active=True).values_list("level").annotate(n=Count("code")))
    known_years = set(CalendarYear.objects.filter(year__in=[today.year, today.year + 1]).values_list("year", flat=True))
    return {
        "agency": user.agency,
        "agency_count": Agency.objects.filter(is_active=True).count(),
        "division_counts": by_level,
        "unread_count": unread_count_for(user),
        "recent_notifications": list(notification_list_for(actor=user, unread_only=False)[:RECENT_NOTIFICATIONS]),
        "certificates": certificates_of(user),
        "missing_years": [y for y in (today.year, today.year + 1) if y not in known_years],
        "can_manage_calendar": has_capability(user, Capability.CALENDAR_MANAGE),
    }
