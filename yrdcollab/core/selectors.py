"""Reads for the home page: figures about the directory and the user's own work."""

from django.db.models import Count

from yrdcollab.directory.models import Agency, Division


def home_overview_for(user) -> dict:
    by_level = dict(Division.objects.filter(is_active=True).values_list("level").annotate(n=Count("code")))
    return {
        "agency": user.agency,
        "agency_count": Agency.objects.filter(is_active=True).count(),
        "division_counts": by_level,
    }
