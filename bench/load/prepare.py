"""Data of the load test, made through the real services on a database that `seed_demo` filled:
officers of 青浦 and 吴江 (the demo logins plus bench officers, each with a personal API token) and a
working set of clues and assistance requests in both directions in every status. Writes the tokens
to the JSON file named on the command line (read by locustfile.py). Run by bench/load/run.py:

    DJANGO_SETTINGS_MODULE=config.settings.local .venv/bin/python bench/load/prepare.py tokens.json
"""

import json
import os
import sys
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

import django  # noqa: E402

django.setup()

from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from yrdcollab.casework.assistance.services import PartyInput as AssistanceParty  # noqa: E402
from yrdcollab.casework.assistance.services import assistance_create, assistance_transition  # noqa: E402
from yrdcollab.casework.transfers.services import transfer_create, transfer_transition  # noqa: E402
from yrdcollab.casework.transfers.validation import PartyInput, TransferInput  # noqa: E402
from yrdcollab.platform.accounts.models import ApiToken, RoleAssignment, User  # noqa: E402
from yrdcollab.platform.accounts.tokens import hash_secret, new_token_material  # noqa: E402

OFFICERS_PER_SIDE = int(os.environ.get("BENCH_OFFICERS", "20"))
CLUES = int(os.environ.get("BENCH_CLUES", "300"))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "120"))
SIDES = {"qingpu": "qingpu_officer", "wujiang": "wujiang_officer"}
TRANSFER_PATHS = [
    [],
    ["send"],
    ["send", "sign"],
    ["send", "sign", "accept"],
    ["send", "sign", "accept", "start_investigation"],
]
ASSISTANCE_PATHS = [[], ["send"], ["send", "acknowledge"]]


def _officers(side: str) -> list[User]:
    demo = User.objects.select_related("agency").get(username=SIDES[side])
    officers = [demo]
    for n in range(1, OFFICERS_PER_SIDE):
        user = User.objects.filter(username=f"bench_{side}_{n:02d}").first()
        if user is None:
            user = User.objects.create_user(
                username=f"bench_{side}_{n:02d}",
                password=None,
                full_name=f"压测队员{side}{n:02d}",
                email=f"bench_{side}_{n:02d}@bench.yrd-collab.local",
                agency=demo.agency,
            )
            RoleAssignment.objects.create(user=user, role="officer")
        officers.append(user)
    return officers


def _token(user: User) -> str:
    prefix, secret, plaintext = new_token_material()
    ApiToken.objects.create(
        user=user,
        name="bench",
        prefix=prefix,
        secret_hash=hash_secret(secret),
        expires_at=timezone.now() + timedelta(days=2),
    )
    return plaintext


def _clue(sender: User, receiver: User, n: int) -> None:
    clue = transfer_create(
        actor=sender,
        data=TransferInput(
            receiver=str(receiver.agency.public_id),
            matter="0302",
            title=f"压测线索{n:04d}：渣土车夜间偷倒建筑垃圾",
            facts="巡查发现一辆重型自卸货车在省界附近空地倾倒建筑垃圾约30吨，车辆随后驶离。",
            place_address="省界附近空地",
            place_division=receiver.agency.division_id,  # 青浦区, 吴江区: county level
            parties=[PartyInput(kind="vehicle", name="重型自卸货车", plate=f"沪D{50000 + n}", role="vehicle")],
        ),
    )
    for action in TRANSFER_PATHS[n % len(TRANSFER_PATHS)]:
        actor = sender if action == "send" else receiver
        transfer_transition(actor=actor, transfer_id=clue.public_id, action=action)


def _request(requester: User, responder: User, n: int) -> None:
    request = assistance_create(
        actor=requester,
        responder_id=responder.agency.public_id,
        type="locate",
        matter_code="0302",
        title=f"压测协查{n:04d}：查找渣土车驾驶员",
        questions="请协助查找驾驶员的下落及联系方式。",
        parties=[AssistanceParty(kind="individual", name=f"王某{n}")],
        address="省界附近",
    )
    for action in ASSISTANCE_PATHS[n % len(ASSISTANCE_PATHS)]:
        actor = requester if action == "send" else responder
        assistance_transition(actor=actor, public_id=request.public_id, action=action)


def main(out: Path) -> None:
    with transaction.atomic():
        qingpu, wujiang = _officers("qingpu"), _officers("wujiang")
        tokens = {"qingpu": [_token(u) for u in qingpu], "wujiang": [_token(u) for u in wujiang]}
    for n in range(CLUES):
        with transaction.atomic():
            a, b = (qingpu, wujiang) if n % 2 == 0 else (wujiang, qingpu)
            _clue(a[n % len(a)], b[n % len(b)], n)
    for n in range(REQUESTS):
        with transaction.atomic():
            a, b = (qingpu, wujiang) if n % 2 == 0 else (wujiang, qingpu)
            _request(a[n % len(a)], b[n % len(b)], n)
    out.write_text(json.dumps(tokens))
    print(f"prepared: {len(qingpu) + len(wujiang)} officers with tokens, {CLUES} clues, {REQUESTS} assistance requests")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
