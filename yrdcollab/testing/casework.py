"""Builders of collaboration items for tests that are not the owning app's: a clue sent from one
agency to another, through the transfers services (so its tracked item, deadline and audit are real)."""

from yrdcollab.casework.collaboration.deadlines import step_defaults
from yrdcollab.casework.collaboration.models import DeadlineRule
from yrdcollab.casework.transfers import services as transfer_services
from yrdcollab.casework.transfers.models import ClueTransfer
from yrdcollab.casework.transfers.validation import TransferInput
from yrdcollab.platform.catalogue.models import Matter

from . import personas


def deadline_rules() -> None:
    """The default step rules of collaboration's data migration (a transactional test may have flushed them)."""
    for default in step_defaults():
        DeadlineRule.objects.get_or_create(
            workflow=default.workflow,
            step=default.step,
            matter=None,
            defaults={"amount": default.amount, "unit": default.unit, "legal_basis": default.legal_basis},
        )


def dumping_matter() -> Matter:
    parent, _ = Matter.objects.get_or_create(code="T03", defaults={"name": "建筑垃圾/渣土"})
    child, _ = Matter.objects.get_or_create(code="T0301", defaults={"name": "跨区域偷倒建筑垃圾", "parent": parent})
    return child


def sent_transfer(sender, *, receiver_key: str = "wujiang", title: str = "跨省偷倒建筑垃圾") -> ClueTransfer:
    """A clue from `sender`'s agency to the agency `receiver_key` (personas), sent (待签收)."""
    deadline_rules()
    receiver = personas.agency(receiver_key)
    draft = transfer_services.transfer_create(
        actor=sender,
        data=TransferInput(
            receiver=str(receiver.public_id),
            matter=dumping_matter().code,
            title=title,
            facts="夜间一辆重型自卸货车在汾湖高新区某空地倾倒建筑垃圾约30吨。",
            place_address="汾湖大道与临沪大道交叉口东北侧空地",
            place_division=receiver.division_id,
        ),
    )
    return transfer_services.transfer_transition(actor=sender, transfer_id=draft.public_id, action="send")
