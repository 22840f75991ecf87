"""The list of applied joint measures (联合惩戒措施) as an export (platform/exports registry): rows
from the list page's own scoped selector with the same filters, so an export holds exactly what the
list shows the actor; a natural person's ID number appears masked, as on the page. Registered from
CreditConfig.ready()."""

from django.utils.translation import gettext_lazy as _

from yrdcollab.platform.exports.registry import Column, ExportSource, register

from .selectors.measures import READ_CAPABILITIES, applied_list

PARAMS = ("status", "q")
CHUNK = 1000
COLUMNS = (
    Column(_("信用主体"), 36),
    Column(_("主体标识"), 22),
    Column(_("措施"), 36),
    Column(_("依据"), 26),
    Column(_("依据文书"), 26),
    Column(_("实施机构"), 30),
    Column(_("实施日期"), 11),
    Column(_("状态"), 10),
    Column(_("应解除时间"), 17),
    Column(_("解除时间"), 17),
    Column(_("备注"), 40),
)


def _filters(params: dict) -> dict:
    return {"status": params.get("status", "").strip()[:32], "q": params.get("q", "").strip()[:64]}


def _rows(*, actor, params):
    for applied in applied_list(actor=actor, **_filters(params)).iterator(chunk_size=CHUNK):
        if applied.record is not None:
            basis, document = str(_("信用记录")), applied.record.decision.decision_number
        elif applied.list_entry is not None:
            basis, document = str(_("严重失信主体名单")), applied.list_entry.document_number
        else:  # the table's check constraint says there is always one
            basis, document = "", ""
        yield (
            applied.subject.name,
            applied.subject.identifier_display,
            applied.measure.name,
            basis,
            document,
            applied.agency.name,
            applied.applied_on,
            str(applied.get_status_display()),
            applied.lift_required_at,
            applied.lifted_at,
            applied.note,
        )


def _count(*, actor, params) -> int:
    return applied_list(actor=actor, **_filters(params)).count()


SOURCE = ExportSource(
    key="credit.measures",
    label=_("联合惩戒措施"),
    columns=COLUMNS,
    rows=_rows,
    count=_count,
    capability=READ_CAPABILITIES,
    params=PARAMS,
)


def register_sources() -> None:
    register(SOURCE)
