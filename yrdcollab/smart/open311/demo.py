"""The demo Open311 client of the embedded default: one API key of the Shanghai municipal bureau, so a
citizen-reporting app can post service requests. Idempotent."""

from django.db import transaction

from yrdcollab.platform.accounts.models import User

from .keys import api_key_mint
from .models import ApiKey

DEMO_OPEN311_CLIENT = "演示市民报事应用"


@transaction.atomic
def demo_open311_ensure() -> list[str]:
    if ApiKey.objects.filter(name=DEMO_OPEN311_CLIENT).exists():
        return []
    api_key_mint(actor=None, agency=User.objects.get(username="sh_admin").agency, name=DEMO_OPEN311_CLIENT)
    return [DEMO_OPEN311_CLIENT]
