"""信用联合惩戒: the credit record a penalty decision leaves, the 严重失信主体名单, the catalogue of joint
measures and the measures agencies applied, and 信用修复 applications routed to the determining agency.

The credit subject is the `parties.Party` (one row per USCC or ID number across all four regions);
the penalty facts stay on `recognition.PenaltyDecision`, recorded once."""

from .exchange import ImportBatch
from .lists import RemovalReason, SeriousListEntry
from .measures import AppliedMeasure, JointMeasure
from .query_reports import CreditQueryReport
from .querysets import (
    SHARED_LIST_STATUSES,
    CreditQuerySet,
    CreditRecordQuerySet,
    RepairApplicationQuerySet,
    SeriousListEntryQuerySet,
    published_q,
)
from .records import CreditRecord, Regime, Severity
from .repair import AttachmentKind, RepairApplication, RepairAttachment, RepairEvent

__all__ = [
    "SHARED_LIST_STATUSES",
    "CreditQuerySet",
    "CreditRecordQuerySet",
    "published_q",
    "SeriousListEntryQuerySet",
    "RepairApplicationQuerySet",
    "Regime",
    "Severity",
    "CreditRecord",
    "RemovalReason",
    "SeriousListEntry",
    "JointMeasure",
    "AppliedMeasure",
    "RepairApplication",
    "AttachmentKind",
    "RepairAttachment",
    "RepairEvent",
    "ImportBatch",
    "CreditQueryReport",
]
