"""The 线索移送函 of a sent transfer (collaboration.letters lays it out)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from yrdcollab.casework.collaboration.letters import Letter, render_letter
from yrdcollab.casework.evidence.selectors import letter_qr_url
from yrdcollab.core.errors import InvalidTransition

from .models import ClueTransfer
from .presenters import party_rows, step_basis, step_rule
from .selectors import access_transfer
from .states import Status

FACTS_IN_LETTER = 600
UNIT_LABELS = {"working_day": "个工作日", "calendar_day": "日"}


def qr_target(actor, transfer: ClueTransfer, *, base_url: str) -> tuple[str, str]:
    url, is_manifest = letter_qr_url(
        actor,
        subject_kind="transfer",
        subject_public_id=transfer.public_id,
        issuing_agency_id=transfer.sender_id,
        base_url=base_url,
        fallback_path=reverse("transfers:detail", args=[transfer.public_id]),
    )
    return url, _("扫码核验证据清单") if is_manifest else _("扫码查看移送线索")


def transfer_letter_pdf(*, actor, transfer_id, base_url: str) -> tuple[str, bytes]:
    """(file name, PDF) of the letter; only once the clue was sent."""
    transfer = access_transfer(actor=actor, public_id=transfer_id)
    if not transfer.doc_number or transfer.status in (Status.DRAFT,):
        raise InvalidTransition(_("线索尚未移送，没有移送函。"), code="letter_not_available")
    rule = step_rule(transfer, "accept")
    basis = ""
    if rule:
        basis = _("%(amount)s%(unit)s内决定受理或者退回（%(basis)s）") % {
            "amount": rule.amount,
            "unit": UNIT_LABELS.get(rule.unit, rule.unit),
            "basis": step_basis(transfer, "accept"),
        }
    parties = "；".join(f"{p['role_label']}：{p['name']} {p['identifier']}".strip() for p in party_rows(transfer))
    facts = transfer.facts if len(transfer.facts) <= FACTS_IN_LETTER else transfer.facts[:FACTS_IN_LETTER] + "……"
    place = f"{transfer.place_division.name}（{transfer.place_division.code}） {transfer.place_address}"
    if transfer.latitude is not None:
        place += f"（{transfer.latitude}, {transfer.longitude}）"
    url, caption = qr_target(actor, transfer, base_url=base_url)
    letter = Letter(
        issuer=transfer.sender.name,
        title=_("线索移送函"),
        doc_number=transfer.doc_number,
        recipient=transfer.receiver.name,
        paragraphs=[
            _(
                "我单位在执法工作中发现“%(title)s”案件线索，经审查，该线索所涉违法行为发生地属你单位管辖范围，"
                "根据《中华人民共和国行政处罚法》第二十二条、第二十五条的规定，现将该线索移送你单位依法处理。"
            )
            % {"title": transfer.title},
            _("请你单位收到后及时签收，%(basis)s，并将办理结果函告我单位。")
            % {"basis": basis or _("依法决定是否受理")},
        ],
        issued_on=timezone.localtime(transfer.sent_at or timezone.now()).date(),
        rows=[
            (_("事项"), transfer.matter.name),
            (_("发生地点"), place),
            (_("当事人"), parties or _("暂不明确")),
            (_("线索事实"), facts),
            (_("受理期限依据"), basis or "—"),
        ],
        qr_url=url,
        qr_caption=caption,
    )
    return f"transfer-{transfer.public_id}.pdf", render_letter(letter)
