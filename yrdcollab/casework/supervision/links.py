"""Where an item lives: the transfers/assistance detail pages, once those apps provide them."""

from django.urls import NoReverseMatch, reverse

DETAIL_URL_NAMES = {
    "transfer": "transfers:detail",
    "assistance": "assistance:detail",
    "credit_repair": "credit:repair_detail",
}


def item_url(kind: str, public_id) -> str:
    name = DETAIL_URL_NAMES.get(kind)
    if name is None:
        return ""
    try:
        return reverse(name, args=[public_id])
    except NoReverseMatch:
        return ""
