"""The four credit workflows (pure, no database; the engine is core.workflow): credit records, the
严重失信主体名单, applied joint measures and 信用修复 applications — their statuses, actions and ONE
transition table each. Every move of a table runs through its one service:

    RECORD_TRANSITIONS   credit_record_transition   services/records.py
    LIST_TRANSITIONS     list_entry_transition      services/serious_list.py
    MEASURE_TRANSITIONS  measure_transition         services/measures.py (and measures_require_lift, in bulk)
    REPAIR_TRANSITIONS   repair_transition          services/repair.py

A move names who makes it (`Side`): a person of the agency the row belongs to, or the platform
itself (the daily sweep when a period ends, or the consequence of another move). Any other move is
InvalidTransition (409); an action the workflow does not have is InvalidInput (422 unknown_action)."""

from dataclasses import dataclass
from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _

from yrdcollab.core.errors import InvalidTransition
from yrdcollab.core.workflow import Move, TransitionTable


class Side(StrEnum):
    # The agency the row belongs to, by a person holding the capability: the determining agency
    # (认定机构) of a record, a list entry or a repair application; the applying agency of a measure.
    AGENCY = "agency"
    # A provincial credit system, through the exchange (an import restating a record).
    EXCHANGE = "exchange"
    # The platform itself: a period that ends (the daily sweep), a new publicity window, a basis that ended.
    PLATFORM = "platform"


class CreditTable(TransitionTable):
    """A transition table written per action with its source statuses (as core.workflow's
    table_from_sources: (sources, action, target or None to keep the status, who)), whose illegal move
    (409) keeps the code its API clients already branch on (illegal_record_transition …; the repair
    workflow answers the engine's invalid_transition)."""

    def __init__(
        self, name: str, *, illegal_code: str = "", statuses, actions, moves, consequences=None, notes_required=()
    ):
        super().__init__(
            name,
            statuses=statuses,
            actions=actions,
            consequences=consequences,
            notes_required=notes_required,
            moves={
                (source, action): (target if target is not None else source, by)
                for sources, action, target, by in moves
                for source in sources
            },
        )
        self.illegal_code = illegal_code

    def move(self, status, action) -> Move:
        try:
            return super().move(status, action)
        except InvalidTransition as exc:
            exc.code = self.illegal_code or exc.code
            raise


# --- credit records -------------------------------------------------------------------------------


class RecordStatus(models.TextChoices):
    PUBLISHED = "published", _("公示中")
    NOT_PUBLISHED = "not_published", _("不予公示")
    EXPIRED = "expired", _("公示期满")
    REPAIRED = "repaired", _("已信用修复")
    WITHDRAWN = "withdrawn", _("已撤回")  # the decision was changed or revoked (行政处罚法第四十八条)


class RecordAction(models.TextChoices):
    RECLASSIFY = "reclassify", _("调整")
    WITHDRAW = "withdraw", _("撤回")
    REPAIR = "repair", _("信用修复")
    EXPIRE = "expire", _("公示期满")
    PUBLISH = "publish", _("予以公示")
    UNPUBLISH = "unpublish", _("不予公示")
    IMPORT_UPDATE = "import_update", _("导入更新")


_LIVE = (RecordStatus.PUBLISHED, RecordStatus.NOT_PUBLISHED)

# A record opens published, not published or (recorded after its window) expired. It ends by repair,
# expiry or withdrawal of the decision. A reclassification keeps the status and recomputes the window;
# the new window then publishes or unpublishes the record (and expires it if it has already ended).
# An import restates a record that has not ended for good, with the same window moves.
RECORD_TRANSITIONS = CreditTable(
    "credit_record",
    illegal_code="illegal_record_transition",
    statuses=RecordStatus,
    actions=RecordAction,
    moves=[
        (_LIVE, RecordAction.RECLASSIFY, None, Side.AGENCY),
        (_LIVE, RecordAction.WITHDRAW, RecordStatus.WITHDRAWN, Side.AGENCY),
        (_LIVE, RecordAction.REPAIR, RecordStatus.REPAIRED, Side.AGENCY),  # an approved repair application
        ((RecordStatus.PUBLISHED,), RecordAction.EXPIRE, RecordStatus.EXPIRED, Side.PLATFORM),
        (
            (RecordStatus.NOT_PUBLISHED, RecordStatus.EXPIRED),
            RecordAction.PUBLISH,
            RecordStatus.PUBLISHED,
            Side.PLATFORM,
        ),
        (
            (RecordStatus.PUBLISHED, RecordStatus.EXPIRED),
            RecordAction.UNPUBLISH,
            RecordStatus.NOT_PUBLISHED,
            Side.PLATFORM,
        ),
        ((*_LIVE, RecordStatus.EXPIRED), RecordAction.IMPORT_UPDATE, None, Side.EXCHANGE),
    ],
    # What the confirmation dialog says before a person's move (the platform's and the exchange's
    # moves follow from these or from the calendar: no page offers them).
    consequences={
        RecordAction.RECLASSIFY: _(
            "将按新的失信程度和公示期重新计算该记录是否公示；公示截止日已过的，记录即转为公示期满，不能再调整。"
            "不再公示或不再适用的联合惩戒措施将提示实施机构解除。"
        ),
        RecordAction.WITHDRAW: _(
            "该信用信息将撤回，停止在沪苏浙皖公示和共享，撤回后不能恢复；据此实施的联合惩戒措施将提示各实施机构解除，"
            "仅以此为依据的名单程序随之撤销或移出。"
        ),
        RecordAction.REPAIR: _(
            "该信用记录将标记为已信用修复，停止在沪苏浙皖公示和共享，不能恢复；"
            "据此实施的联合惩戒措施将提示各实施机构解除。"
        ),
    },
)

# The move of a new publicity window to each status it may give.
WINDOW_MOVES = {
    RecordStatus.PUBLISHED: RecordAction.PUBLISH,
    RecordStatus.NOT_PUBLISHED: RecordAction.UNPUBLISH,
    RecordStatus.EXPIRED: RecordAction.EXPIRE,
}


# --- 严重失信主体名单 -----------------------------------------------------------------------------


class ListStatus(models.TextChoices):
    PROPOSED = "proposed", _("拟列入")
    DECIDED = "decided", _("已决定列入")
    PUBLISHED = "published", _("已公布")
    REMOVED = "removed", _("已移出")
    WITHDRAWN = "withdrawn", _("已撤销拟列入")


class ListAction(models.TextChoices):
    DECIDE = "decide", _("决定列入")
    WITHDRAW = "withdraw", _("撤销拟列入")
    PUBLISH = "publish", _("公布")
    REMOVE = "remove", _("移出名单")
    EXPIRE = "expire", _("期满移出")


# Proposed by the determining agency (list_entry_propose opens an entry as proposed), then decided
# with a numbered decision, published and removed by it (repair, revocation); at the end of its
# period the platform removes it.
LIST_TRANSITIONS = CreditTable(
    "credit_list",
    illegal_code="illegal_list_transition",
    statuses=ListStatus,
    actions=ListAction,
    moves=[
        ((ListStatus.PROPOSED,), ListAction.DECIDE, ListStatus.DECIDED, Side.AGENCY),
        ((ListStatus.PROPOSED,), ListAction.WITHDRAW, ListStatus.WITHDRAWN, Side.AGENCY),
        ((ListStatus.DECIDED,), ListAction.PUBLISH, ListStatus.PUBLISHED, Side.AGENCY),
        ((ListStatus.DECIDED, ListStatus.PUBLISHED), ListAction.REMOVE, ListStatus.REMOVED, Side.AGENCY),
        ((ListStatus.DECIDED, ListStatus.PUBLISHED), ListAction.EXPIRE, ListStatus.REMOVED, Side.PLATFORM),
    ],
    consequences={
        ListAction.DECIDE: _(
            "将作出列入严重失信主体名单决定，编制决定书文号并确定名单期限；决定后不能撤销拟列入，只能移出名单。"
        ),
        ListAction.WITHDRAW: _("拟列入程序将终止，该主体不列入名单；撤销后不能恢复，如需列入须重新提出。"),
        ListAction.PUBLISH: _(
            "名单将公布，在沪苏浙皖信用查询中可见，可据以实施联合惩戒；正对该主体实施惩戒措施的其他机构将收到通知。"
            "公布后不能撤回，只能移出名单。"
        ),
        ListAction.REMOVE: _(
            "该主体将移出严重失信主体名单，不能恢复；据此实施的联合惩戒措施将提示各实施机构解除，"
            "正对该主体实施惩戒措施的其他机构将收到通知。"
        ),
    },
)
# Entries still in the procedure (at most one per subject and determining agency).
LIST_OPEN = frozenset(s for s in ListStatus if not LIST_TRANSITIONS.is_terminal(s))


# --- applied joint measures -----------------------------------------------------------------------


class MeasureStatus(models.TextChoices):
    IN_FORCE = "in_force", _("实施中")
    LIFT_REQUIRED = "lift_required", _("应予解除")
    LIFTED = "lifted", _("已解除")


class MeasureAction(models.TextChoices):
    REQUIRE_LIFT = "require_lift", _("提示解除")
    LIFT = "lift", _("解除")


# The basis ending (its record repaired, expired, withdrawn or reclassified, its list entry removed)
# makes a measure "to be lifted"; the applying agency lifts it, flagged or not.
MEASURE_TRANSITIONS = CreditTable(
    "credit_measure",
    illegal_code="illegal_measure_transition",
    statuses=MeasureStatus,
    actions=MeasureAction,
    moves=[
        ((MeasureStatus.IN_FORCE,), MeasureAction.REQUIRE_LIFT, MeasureStatus.LIFT_REQUIRED, Side.PLATFORM),
        ((MeasureStatus.IN_FORCE, MeasureStatus.LIFT_REQUIRED), MeasureAction.LIFT, MeasureStatus.LIFTED, Side.AGENCY),
    ],
    consequences={
        # The platform's move when the basis ends; no page offers it.
        MeasureAction.REQUIRE_LIFT: _("该措施将转为“应予解除”，并通知实施机构及时解除。"),
        MeasureAction.LIFT: _(
            "将解除本机构对该主体实施的这项联合惩戒措施并登记解除原因；解除后不能恢复，如需继续惩戒须重新实施。"
        ),
    },
)
MEASURE_OPEN = frozenset(s for s in MeasureStatus if not MEASURE_TRANSITIONS.is_terminal(s))


# --- 信用修复 applications ------------------------------------------------------------------------


class RepairStatus(models.TextChoices):
    SUBMITTED = "submitted", _("已提交")
    ACCEPTED = "accepted", _("已受理")
    REJECTED = "rejected", _("不予受理")
    APPROVED = "approved", _("准予修复")
    DENIED = "denied", _("不予修复")


class RepairAction(models.TextChoices):
    ACCEPT = "accept", _("受理")
    REJECT = "reject", _("不予受理")
    APPROVE = "approve", _("准予修复")
    DENY = "deny", _("不予修复")


# Filed at any window (submitted, by repair_file), then the determining agency checks completeness
# (accept / reject) and decides (approve / deny).
REPAIR_TRANSITIONS = CreditTable(
    "credit_repair",
    statuses=RepairStatus,
    actions=RepairAction,
    moves=[
        ((RepairStatus.SUBMITTED,), RepairAction.ACCEPT, RepairStatus.ACCEPTED, Side.AGENCY),
        ((RepairStatus.SUBMITTED,), RepairAction.REJECT, RepairStatus.REJECTED, Side.AGENCY),
        ((RepairStatus.ACCEPTED,), RepairAction.APPROVE, RepairStatus.APPROVED, Side.AGENCY),
        ((RepairStatus.ACCEPTED,), RepairAction.DENY, RepairStatus.DENIED, Side.AGENCY),
    ],
    # A refusal must say why: the window tells the applicant, who may file again.
    consequences={
        RepairAction.REJECT: _(
            "申请将不予受理并办结，理由将通知受理窗口转告申请人；办结后不能恢复，申请人可重新申请。"
        ),
        RepairAction.APPROVE: _(
            "准予修复后，该信用信息（或名单）将停止在沪苏浙皖公示和共享，据此实施的联合惩戒措施提示各实施机构解除，"
            "并出具信用修复决定书、通知受理窗口；决定后不能撤销。"
        ),
        RepairAction.DENY: _(
            "申请将不予修复并办结，信用信息（或名单）保持不变；理由将通知受理窗口转告申请人，申请人可重新申请。"
        ),
    },
    notes_required=[RepairAction.REJECT, RepairAction.DENY],
)
# Applications still being handled (one per target at a time).
REPAIR_OPEN = frozenset(s for s in RepairStatus if not REPAIR_TRANSITIONS.is_terminal(s))
# The deadline step (collaboration DeadlineRule.step of workflow credit_repair) running in a status.
REPAIR_STEP_OF_STATUS: dict[str, str] = {RepairStatus.SUBMITTED: "accept", RepairStatus.ACCEPTED: "decide"}


# --- bulk moves -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class BulkMove:
    """One action of a table applied to many rows at once (the daily sweep, measures flagged when
    their basis ends): only rows in `sources` may move, and they all move to `target`."""

    action: str
    sources: tuple[str, ...]
    target: str


def bulk_move(table: TransitionTable, action) -> BulkMove:
    moves = [m for m in table.moves() if m.action == str(action)]
    targets = {m.target for m in moves}
    if len(targets) != 1:
        raise ValueError(f"{table.name}: {action} has no single target ({targets})")
    return BulkMove(str(action), tuple(m.source for m in moves), targets.pop())


RECORD_EXPIRY = bulk_move(RECORD_TRANSITIONS, RecordAction.EXPIRE)
LIST_EXPIRY = bulk_move(LIST_TRANSITIONS, ListAction.EXPIRE)
MEASURE_LIFT_REQUIRED = bulk_move(MEASURE_TRANSITIONS, MeasureAction.REQUIRE_LIFT)
