"""Row locks that serialise bookings: every service that checks an officer's assignments (double
booking, "no assignments left") first locks the officers' user rows, always in primary-key order so
two services locking several officers cannot deadlock."""

from yrdcollab.platform.accounts.models import User


def lock_officers(officer_ids) -> list[User]:
    ids = sorted(set(officer_ids))
    if not ids:
        return []
    return list(User.objects.select_for_update().filter(pk__in=ids).order_by("pk"))
