from .models import TrackedItem
from .visibility import visible_q


def tracked_items_visible_to(actor):
    return TrackedItem.objects.filter(visible_q(actor, "sender", "receiver")).select_related(
        "sender", "receiver", "waiting_on")
