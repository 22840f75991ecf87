"""Reminding platform administrators to load next year's schedule. The State Council publishes it in
late October to December; from 1 November every day without it gets one reminder (and a year that has
already begun without its schedule is reminded every day too)."""

from datetime import date

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from yrdcollab.platform.access.roles import Role
from yrdcollab.platform.accounts.models import User
from yrdcollab.platform.notifications.services import notify

from .models import CalendarYear, MissingYearReminder

REMIND_FROM_MONTH, REMIND_FROM_DAY = 11, 1


def years_to_remind(today: date, known_years) -> list[int]:
    """Pure rule: the current year if missing; next year if missing and today is on or after 1 November."""
    known = set(known_years)
    years = [today.year] if today.year not in known else []
    if (today.month, today.day) >= (REMIND_FROM_MONTH, REMIND_FROM_DAY) and today.year + 1 not in known:
        years.append(today.year + 1)
    return years


def calendar_remind_missing_years(*, today: date | None = None) -> int:
    """Sends today's reminder if one is due and none went out today. Returns the number of recipients."""
    today = today or timezone.localdate()
    missing = years_to_remind(today, CalendarYear.objects.values_list("year", flat=True))
    if not missing:
        return 0
    admins = list(User.objects.filter(is_active=True, role_assignments__role=Role.PLATFORM_ADMIN).distinct())
    try:
        with transaction.atomic():
            MissingYearReminder.objects.create(sent_on=today, missing_years=missing, recipient_count=len(admins))
            if admins:
                years_text = "、".join(f"{y}年" for y in missing)
                notify(
                    recipients=admins,
                    kind="calendar.year_missing",
                    title=_("请载入%(years)s的法定节假日安排") % {"years": years_text},
                    body=_(
                        "平台尚未载入%(years)s的国务院办公厅放假安排通知，涉及该年度的期限目前仅按周末推算并标记为“临时”。"
                        "通知发布后，请在“工作日历”页面或用 calendar_load_year 命令载入，临时期限将自动重算。"
                    )
                    % {"years": years_text},
                    link=reverse("workdays:calendar"),
                    email=True,
                )
    except IntegrityError:
        return 0  # another worker sent today's reminder
    return len(admins)
