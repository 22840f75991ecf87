"""Evidence writes: adding items with their files, issuing signed manifests, the receiver's
recognition decision, and custody hand-overs of seized items. Files reach the store before the
rows are written; if the transaction then fails the orphan blob is harmless (it is content-addressed
and referenced by nothing)."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yrdcollab.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from yrdcollab.platform.audit.services import audit_record

from .content import items_with_files, manifest_document
from .kinds import Decision, EvidenceKind, decision_needs_remarks, evidence_type_of, has_custody_log
from .models import CustodyEvent, EvidenceFile, EvidenceItem, EvidenceManifest, EvidenceRecognition
from .selectors import custody_item_access, manifest_access
from .signing import agency_key_current, canonical_json, sign
from .store import IncomingFile, store_put
from .subjects import require_attach, subject_resolve
from .verification import verify_manifest

MAX_FILES_PER_ITEM = 20


@dataclass(frozen=True)
class ItemData:
    kind: str
    title: str
    collected_by: str
    collected_at: datetime
    collected_place: str
    collection_method: str
    description: str = ""


def _require_text(value: str, field: str, label, max_length: int) -> str:
    value = (value or "").strip()
    if not value:
        raise InvalidInput(_("请填写%(field)s。") % {"field": label}, code="field_required", details={"field": field})
    if len(value) > max_length:
        raise InvalidInput(
            _("%(field)s不能超过 %(n)s 个字。") % {"field": label, "n": max_length},
            code="field_too_long",
            details={"field": field},
        )
    return value


def _check_files(files: list[IncomingFile], *, required: bool) -> None:
    if required and not files:
        raise InvalidInput(_("请至少上传一个证据文件。"), code="file_required", details={"field": "files"})
    if len(files) > MAX_FILES_PER_ITEM:
        raise InvalidInput(
            _("每项证据最多上传 %(n)s 个文件。") % {"n": MAX_FILES_PER_ITEM},
            code="too_many_files",
            details={"field": "files"},
        )


def _aware(value: datetime, field: str, label) -> datetime:
    if value is None:
        raise InvalidInput(_("请填写%(field)s。") % {"field": label}, code="field_required", details={"field": field})
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    if value > timezone.now() + timedelta(minutes=5):
        raise InvalidInput(
            _("%(field)s不能晚于当前时间。") % {"field": label}, code="time_in_future", details={"field": field}
        )
    return value


def _store_files(item: EvidenceItem, files: list[IncomingFile], custody_event: CustodyEvent | None = None) -> None:
    for incoming in files:
        store_put(incoming.data)
        EvidenceFile.objects.create(
            item=item,
            custody_event=custody_event,
            sha256=incoming.sha256,
            size=incoming.size,
            content_type=incoming.content_type,
            display_name=incoming.display_name,
        )


@transaction.atomic
def evidence_item_add(
    *, actor, subject_kind: str, subject_public_id, data: ItemData, files: list[IncomingFile]
) -> EvidenceItem:
    """A handler of the agency adds evidence it collected to an item it may act on."""
    subject = subject_resolve(actor, subject_kind, subject_public_id)
    require_attach(actor, subject)
    if data.kind not in EvidenceKind.values:
        raise InvalidInput(_("证据种类无效。"), code="invalid_kind", details={"field": "kind"})
    _check_files(files, required=True)
    item = EvidenceItem.objects.create(
        subject_kind=subject.kind.code,
        subject_public_id=subject.public_id,
        issuing_agency_id=actor.agency_id,
        kind=data.kind,
        evidence_type=evidence_type_of(data.kind),
        title=_require_text(data.title, "title", _("证据名称"), 200),
        description=(data.description or "").strip()[:4000],
        collected_by=_require_text(data.collected_by, "collected_by", _("收集人"), 100),
        collected_at=_aware(data.collected_at, "collected_at", _("收集时间")),
        collected_place=_require_text(data.collected_place, "collected_place", _("收集地点"), 200),
        collection_method=_require_text(data.collection_method, "collection_method", _("收集方式"), 200),
        created_by=actor,
    )
    _store_files(item, files)
    audit_record(
        actor=actor,
        action="evidence.item_added",
        obj=item,
        summary={
            "subject_kind": item.subject_kind,
            "subject_id": str(item.subject_public_id),
            "kind": item.kind,
            "files": [f.sha256 for f in files],
        },
    )
    return item


@transaction.atomic
def evidence_manifest_issue(*, actor, subject_kind: str, subject_public_id) -> EvidenceManifest:
    """Signs every evidence item the actor's agency added to the subject, as the next version."""
    subject = subject_resolve(actor, subject_kind, subject_public_id)
    require_attach(actor, subject)
    agency = actor.agency
    items = list(
        items_with_files(
            EvidenceItem.objects.filter(
                subject_kind=subject.kind.code, subject_public_id=subject.public_id, issuing_agency=agency
            )
        )
    )
    if not items:
        raise Conflict(_("本机构尚未为该事项登记证据，无法签发证据清单。"), code="evidence_none")
    last = (
        EvidenceManifest.objects.filter(
            subject_kind=subject.kind.code, subject_public_id=subject.public_id, issuing_agency=agency
        ).aggregate(v=Max("version"))["v"]
        or 0
    )
    key = agency_key_current(agency, actor=actor)
    manifest = EvidenceManifest(
        subject_kind=subject.kind.code,
        subject_public_id=subject.public_id,
        issuing_agency=agency,
        version=last + 1,
        key_id=key.key_id,
        created_by=actor,
    )
    document = manifest_document(
        manifest=manifest,
        items=items,
        issued_at=timezone.now(),
        issued_by=actor.get_full_name() or actor.get_username(),
    )
    payload = canonical_json(document)
    manifest.content = payload.decode("utf-8")
    manifest.signature = sign(key, payload)
    try:
        with transaction.atomic():
            manifest.save()
    except IntegrityError:
        raise Conflict(_("证据清单正在由他人同时签发，请刷新后重试。"), code="manifest_version_conflict") from None
    manifest.items.set(items)
    audit_record(
        actor=actor,
        action="evidence.manifest_issued",
        obj=manifest,
        summary={
            "subject_kind": manifest.subject_kind,
            "subject_id": str(manifest.subject_public_id),
            "version": manifest.version,
            "key_id": key.key_id,
            "items": len(items),
        },
    )
    return manifest


@transaction.atomic
def evidence_recognize(*, actor, manifest_id, decision: str, remarks: str = "", item_id=None) -> EvidenceRecognition:
    """The receiving agency's review (示范区条例 art. 57 ¶2). Only an agency that may act on the subject
    and did not issue the evidence; only when the manifest verifies now; once per agency."""
    manifest = manifest_access(actor, manifest_id)
    subject = subject_resolve(actor, manifest.subject_kind, manifest.subject_public_id)
    require_attach(actor, subject)
    if actor.agency_id == manifest.issuing_agency_id:
        raise PermissionDenied(_("证据出具机构不能审核认可本机构的证据。"), code="own_evidence")
    if decision not in Decision.values:
        raise InvalidInput(_("审核结论无效。"), code="invalid_decision", details={"field": "decision"})
    remarks = (remarks or "").strip()
    if decision_needs_remarks(decision) and not remarks:
        raise InvalidInput(
            _("附意见认可或不予认可时，必须填写意见或理由。"), code="remarks_required", details={"field": "remarks"}
        )
    if len(remarks) > 2000:
        raise InvalidInput(_("意见或理由不能超过 2000 个字。"), code="field_too_long", details={"field": "remarks"})
    item = None
    if item_id:
        item = manifest.items.filter(public_id=item_id).first()
        if item is None:
            raise NotFound(code="item_not_in_manifest")
    manifest = EvidenceManifest.objects.select_for_update().get(pk=manifest.pk)
    if EvidenceRecognition.objects.filter(manifest=manifest, item=item, recognizing_agency_id=actor.agency_id).exists():
        raise Conflict(_("本机构已对该证据作出审核结论。"), code="already_decided")
    result = verify_manifest(manifest)
    if not result.ok:
        raise Conflict(
            _("证据清单校验未通过（%(status)s），不能作出审核结论。") % {"status": result.label},
            code="evidence_verification_failed",
            details={"status": result.status, **result.details},
        )
    try:
        with transaction.atomic():
            recognition = EvidenceRecognition.objects.create(
                manifest=manifest,
                item=item,
                recognizing_agency_id=actor.agency_id,
                decision=decision,
                remarks=remarks,
                decided_by=actor,
                decided_at=timezone.now(),
            )
    except IntegrityError:
        raise Conflict(_("本机构已对该证据作出审核结论。"), code="already_decided") from None
    audit_record(
        actor=actor,
        action="evidence.recognized",
        obj=recognition,
        summary={
            "manifest": str(manifest.public_id),
            "version": manifest.version,
            "decision": decision,
            "item": str(item.public_id) if item else "",
        },
    )
    return recognition


@dataclass(frozen=True)
class CustodyData:
    from_party: str
    to_party: str
    occurred_at: datetime
    place: str
    condition: str


@transaction.atomic
def custody_event_add(*, actor, item_id, data: CustodyData, photos: list[IncomingFile]) -> CustodyEvent:
    """Appends one hand-over to a seized item's chain of custody (either agency on the item may)."""
    item = custody_item_access(actor, item_id)
    subject = subject_resolve(actor, item.subject_kind, item.subject_public_id)
    require_attach(actor, subject)
    if not has_custody_log(item.kind):
        raise InvalidInput(_("只有涉案物品才有保管交接记录。"), code="not_seized_item")
    _check_files(photos, required=False)
    event = CustodyEvent.objects.create(
        item=item,
        from_party=_require_text(data.from_party, "from_party", _("移交方"), 200),
        to_party=_require_text(data.to_party, "to_party", _("接收方"), 200),
        occurred_at=_aware(data.occurred_at, "occurred_at", _("交接时间")),
        place=_require_text(data.place, "place", _("交接地点"), 200),
        condition=_require_text(data.condition, "condition", _("物品状况"), 500),
        recorded_by=actor,
        recorded_by_agency_id=actor.agency_id,
    )
    _store_files(item, photos, custody_event=event)
    audit_record(
        actor=actor,
        action="evidence.custody_recorded",
        obj=event,
        summary={
            "item": str(item.public_id),
            "from": event.from_party,
            "to": event.to_party,
            "photos": [p.sha256 for p in photos],
        },
    )
    return event
