"""The draft's content checked as a whole, and its audience turned into the set of receiving agencies."""

import re
from dataclasses import dataclass, field, replace
from datetime import date
from uuid import UUID

from django.utils import timezone
from django.utils.translation import gettext as _

from yrdcollab.core.errors import InvalidInput
from yrdcollab.platform.directory.models import Agency, Division, DivisionLevel, Zone, ZoneKind
from yrdcollab.platform.directory.selectors import AgencyFilters, agency_search

from .models import BODY_MAX, TITLE_MAX, AudienceType, BulletinKind

AGENCIES_MAX = 500
_PROVINCE_CODE = re.compile(r"^\d{2}0000$")


@dataclass(frozen=True)
class BulletinDraft:
    kind: str
    title: str
    body: str
    audience_type: str
    provinces: tuple[str, ...] = ()
    zone: str = ""
    agencies: tuple[UUID, ...] = ()
    requires_ack: bool = False
    ack_due_on: date | None = None


@dataclass(frozen=True)
class CleanDraft:
    draft: BulletinDraft
    zone: Zone | None = None
    agencies: list[Agency] = field(default_factory=list)


def draft_with(draft: BulletinDraft, changes: dict) -> BulletinDraft:
    """`draft` with the given fields replaced (a PATCH)."""
    unknown = set(changes) - set(BulletinDraft.__dataclass_fields__)
    if unknown:
        raise InvalidInput(details={"unknown_fields": sorted(unknown)})
    normalized = {k: tuple(v) if k in ("provinces", "agencies") else v for k, v in changes.items()}
    return replace(draft, **normalized)


def _bad(field_name: str, message: str, **details) -> InvalidInput:
    return InvalidInput(message, details={"field": field_name, **details})


def clean_draft(draft: BulletinDraft) -> CleanDraft:
    """Every rule a draft must satisfy, each failure a 422 naming its field. Fields of audience kinds
    other than the chosen one are dropped, so a draft never carries a stale audience."""
    if draft.kind not in BulletinKind.values:
        raise _bad("kind", _("通报类别无效。"), allowed=BulletinKind.values)
    title = " ".join(str(draft.title or "").split())
    if not title or len(title) > TITLE_MAX:
        raise _bad("title", _("标题不能为空，且不超过 %(max)s 字。") % {"max": TITLE_MAX})
    body = str(draft.body or "").strip()
    if not body or len(body) > BODY_MAX:
        raise _bad("body", _("正文不能为空，且不超过 %(max)s 字。") % {"max": BODY_MAX})
    if draft.requires_ack:
        if draft.ack_due_on is None:
            raise _bad("ack_due_on", _("需要确认的通报须填写确认期限。"))
        if draft.ack_due_on < timezone.localdate():
            raise _bad("ack_due_on", _("确认期限不能早于今天。"))
    ack_due_on = draft.ack_due_on if draft.requires_ack else None
    zone, agencies, provinces, zone_kind, agency_ids = None, [], (), "", ()
    if draft.audience_type == AudienceType.ALL:
        pass
    elif draft.audience_type == AudienceType.REGION:
        provinces = tuple(sorted(set(draft.provinces)))
        if not provinces:
            raise _bad("provinces", _("请至少选择一个省（市）。"))
        bad = [c for c in provinces if not _PROVINCE_CODE.match(str(c))]
        known = set(
            Division.objects.filter(
                code__in=[c for c in provinces if c not in bad], level=DivisionLevel.PROVINCE
            ).values_list("code", flat=True)
        )
        bad += [c for c in provinces if c not in known and c not in bad]
        if bad:
            raise _bad("provinces", _("省级区划代码无效：%(codes)s") % {"codes": "、".join(map(str, bad))}, codes=bad)
    elif draft.audience_type == AudienceType.ZONE:
        zone = Zone.objects.filter(kind=draft.zone).first() if draft.zone else None
        if zone is None:
            raise _bad("zone", _("请选择有效的协作区域。"), allowed=ZoneKind.values)
        zone_kind = zone.kind
    elif draft.audience_type == AudienceType.AGENCIES:
        agency_ids = tuple(dict.fromkeys(draft.agencies))
        if not agency_ids:
            raise _bad("agencies", _("请至少选择一个接收机构。"))
        if len(agency_ids) > AGENCIES_MAX:
            raise _bad("agencies", _("接收机构不能超过 %(max)s 个。") % {"max": AGENCIES_MAX})
        agencies = list(Agency.objects.filter(public_id__in=agency_ids, is_active=True))
        missing = sorted(set(map(str, agency_ids)) - {str(a.public_id) for a in agencies})
        if missing:
            raise _bad("agencies", _("接收机构不存在或已停用。"), missing=missing)
    else:
        raise _bad("audience_type", _("发送范围无效。"), allowed=AudienceType.values)
    clean = BulletinDraft(
        kind=draft.kind,
        title=title,
        body=body,
        audience_type=draft.audience_type,
        provinces=provinces,
        zone=zone_kind,
        agencies=agency_ids,
        requires_ack=bool(draft.requires_ack),
        ack_due_on=ack_due_on,
    )
    return CleanDraft(draft=clean, zone=zone, agencies=agencies)


def draft_of(bulletin) -> BulletinDraft:
    return BulletinDraft(
        kind=bulletin.kind,
        title=bulletin.title,
        body=bulletin.body,
        audience_type=bulletin.audience_type,
        provinces=tuple(bulletin.audience_provinces or ()),
        zone=bulletin.audience_zone.kind if bulletin.audience_zone_id else "",
        # Only a list audience has agencies (clean_draft drops them for every other kind): no query else.
        agencies=tuple(bulletin.audience_agencies.values_list("public_id", flat=True))
        if bulletin.audience_type == AudienceType.AGENCIES
        else (),
        requires_ack=bulletin.requires_ack,
        ack_due_on=bulletin.ack_due_on,
    )


def recipient_agency_ids(*, actor, bulletin) -> list[int]:
    """The active agencies the audience names today, the issuer excluded."""
    kind = bulletin.audience_type
    if kind == AudienceType.ALL:
        agencies = Agency.objects.all()
    elif kind == AudienceType.REGION:
        agencies = Agency.objects.filter(division__province_code__in=list(bulletin.audience_provinces or []))
    elif kind == AudienceType.ZONE:
        # The directory's own definition of "agencies in a zone" (members and the agencies below them).
        agencies = agency_search(actor=actor, filters=AgencyFilters(zone=bulletin.audience_zone.kind))
    else:
        agencies = bulletin.audience_agencies.all()
    return sorted(set(agencies.filter(is_active=True).exclude(pk=bulletin.issuer_id).values_list("pk", flat=True)))


def audience_label(bulletin) -> str:
    kind = bulletin.audience_type
    if kind == AudienceType.REGION:
        names = dict(Division.objects.filter(code__in=bulletin.audience_provinces or []).values_list("code", "name"))
        return "、".join(names.get(code, code) for code in bulletin.audience_provinces or [])
    if kind == AudienceType.ZONE and bulletin.audience_zone_id:
        return bulletin.audience_zone.name
    if kind == AudienceType.AGENCIES:
        return _("指定机构 %(count)s 个") % {"count": bulletin.audience_agencies.count()}
    return str(AudienceType(kind).label)
