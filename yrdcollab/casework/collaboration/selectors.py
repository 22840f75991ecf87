"""Reads of the tracked-item index, scoped to the actor (TrackedItemQuerySet.visible_to)."""

from django.db.models import QuerySet

from .models import TrackedItem


def tracked_items_visible_to(actor) -> QuerySet[TrackedItem]:
    return TrackedItem.objects.visible_to(actor).select_related("sender", "receiver", "waiting_on")
