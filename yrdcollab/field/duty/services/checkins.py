"""Patrol check-ins (巡查打卡): by the assigned officer, on his own assignment, at server time (or, sent
from the phone's offline queue, at the bounded moment it was made; core.replay). A check-in
far from the assigned area or outside the shift window is kept and flagged, never refused; the
organiser's squad and bureau leaders are told. Photos: JPEG/PNG by content, size-limited, stored
content-addressed (the name the browser sent is ignored)."""

from datetime import datetime, timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from yrdcollab.casework.evidence import store
from yrdcollab.core.errors import Conflict, NotFound, PermissionDenied
from yrdcollab.core.replay import insert_once, replay_parse
from yrdcollab.core.validation import invalid, text
from yrdcollab.platform.access.roles import Role
from yrdcollab.platform.audit.services import audit_record
from yrdcollab.platform.geo import crs as geo_crs
from yrdcollab.platform.notifications.services import notify_later

from .. import areas, permissions, rules
from ..conf import SETTINGS
from ..models import CheckIn
from ..selectors import access_check_in, access_shift, own_assignment

NOTE_MAX = 300
PHOTO_TYPES = {"image/jpeg", "image/png"}
MAX_ACCURACY_M = 100_000


def photo_read(upload) -> tuple[bytes, str]:
    """The photo's bytes and sniffed type, or InvalidInput photo_too_large / photo_type_not_allowed."""
    limit = SETTINGS.YRD_DUTY_PHOTO_MAX_BYTES
    declared = getattr(upload, "size", None)
    data = b"" if declared is not None and declared > limit else upload.read(limit + 1)
    if (declared is not None and declared > limit) or len(data) > limit:
        raise invalid(
            "photo",
            _("现场照片不能超过 %(mb)s MB。") % {"mb": f"{limit / 1048576:g}"},
            "photo_too_large",
            max_bytes=limit,
        )
    if not data:
        raise invalid("photo", _("现场照片为空。"), "photo_empty")
    import filetype

    kind = filetype.guess(data)
    if kind is None or kind.mime not in PHOTO_TYPES:
        raise invalid(
            "photo",
            _("现场照片只能是 JPG 或 PNG 图片（按文件内容识别）。"),
            "photo_type_not_allowed",
            detected=getattr(kind, "mime", ""),
        )
    return data, kind.mime


def _accuracy(value) -> int | None:
    if value in (None, ""):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = -1
    if not 0 <= number <= MAX_ACCURACY_M:
        raise invalid("accuracy_m", _("定位精度须在 0 至 %(n)d 米之间。") % {"n": MAX_ACCURACY_M}, "out_of_range")
    return round(number)


def _notify_flagged(check_in: CheckIn) -> None:
    label = dict(CheckIn._meta.get_field("flag").choices).get(check_in.flag, check_in.flag)
    body = _("%(agency)s %(officer)s 于 %(at)s 在“%(roster)s” %(post)s 班次打卡：%(flag)s，距责任区域约 %(m)d 米。") % {
        "agency": check_in.agency.short_name or check_in.agency.name,
        "officer": check_in.officer.full_name,
        "at": timezone.localtime(check_in.at).strftime("%Y-%m-%d %H:%M"),
        "roster": check_in.roster.name,
        "post": check_in.shift.post,
        "flag": label,
        "m": check_in.distance_m,
    }
    if check_in.note:
        body += _("队员说明：%(note)s") % {"note": check_in.note}
    notify_later(  # one job row; the worker composes the inbox and outbox rows after commit
        agency_ids=[check_in.roster.organiser_id],
        roles=[Role.SQUAD_LEADER, Role.BUREAU_LEADER],
        kind="duty.check_in_flagged",
        title=_("巡查打卡异常：%(flag)s") % {"flag": label},
        body=body,
        link=reverse("duty:check_in_list", args=[check_in.roster.public_id]) + "?flagged=1",
    )


@transaction.atomic
def check_in_record(
    *,
    actor,
    shift_id,
    lon,
    lat,
    crs: str = "wgs84",
    accuracy_m=None,
    note: str = "",
    photo=None,
    at: datetime | None = None,
    client_id=None,
    made_at=None,
) -> CheckIn:
    """`at` is for seeding demo data only; every caller facing a user leaves it to the server clock.
    `client_id` (the phone's key) makes the call idempotent per officer: a repeat returns the check-in
    first recorded, unchanged (409 `client_id_reused` if it named another shift); another officer's
    same key is his own. `made_at` (bounded, 422) is when the phone recorded it and becomes `at`."""
    replay = replay_parse(client_id, made_at)
    shift = access_shift(actor=actor, public_id=shift_id)
    assignment = own_assignment(actor=actor, shift=shift)
    permissions.require_own_assignment(assignment, shift)
    if replay.client_id is not None:
        earlier = _replayed(actor, replay.client_id, shift)
        if earlier is not None:
            return earlier
    lon_w, lat_w, crs_name = geo_crs.validate(lon, lat, crs)
    lon_w, lat_w = geo_crs.to_wgs84(lon_w, lat_w, crs_name)
    accuracy = _accuracy(accuracy_m)
    note = text(" ".join(str(note or "").split()), "note", max_length=NOTE_MAX, required=False, label=_("说明"))
    photo_sha, photo_type = "", ""
    if photo is not None:
        data, photo_type = photo_read(photo)
        photo_sha = store.store_put(data)
    at = replay.made_at or at or timezone.now()
    distance = areas.distance_to_assigned_area(shift, lon_w, lat_w)
    flag = rules.check_in_flag(
        at=at,
        starts_at=shift.starts_at,
        ends_at=shift.ends_at,
        distance_m=distance,
        tolerance_m=float(SETTINGS.YRD_DUTY_CHECKIN_TOLERANCE_M),
        grace=timedelta(minutes=SETTINGS.YRD_DUTY_CHECKIN_GRACE_MINUTES),
    )
    check_in = CheckIn(
        assignment=assignment,
        shift=shift,
        roster=shift.roster,
        officer=actor,
        agency_id=assignment.officer.agency_id,
        at=at,
        lon=lon_w,
        lat=lat_w,
        accuracy_m=accuracy,
        photo_sha256=photo_sha,
        photo_content_type=photo_type,
        note=note,
        distance_m=round(distance or 0),
        flag=flag,
        client_id=replay.client_id,
        made_at=replay.made_at,
    )
    if (earlier := insert_once(check_in, replay, lambda: _replayed(actor, replay.client_id, shift))) is not None:
        return earlier  # a concurrent resend of the same key got there first
    audit_record(
        actor=actor,
        action="duty.checked_in",
        obj=check_in,
        summary={
            "shift": str(shift.public_id),
            "post": shift.post,
            "lon": round(lon_w, 6),
            "lat": round(lat_w, 6),
            "crs": crs_name,
            "distance_m": check_in.distance_m,
            "flag": flag,
            "photo": photo_sha,
            "made_at": replay.made_at.isoformat() if replay.made_at else None,
        },
    )
    if flag:
        # Inside the transaction (DESIGN §1): the inbox and outbox rows commit with the check-in, and
        # the worker delivers the e-mails after commit; a failure here rolls the check-in back.
        _notify_flagged(check_in)
    return check_in


def _replayed(actor, client_id, shift) -> CheckIn | None:
    """The actor's own check-in recorded under `client_id`, if any (never another officer's)."""
    earlier = CheckIn.objects.filter(officer_id=actor.pk, client_id=client_id).first()
    if earlier is not None and earlier.shift_id != shift.pk:
        raise Conflict(_("该离线记录编号已用于其他班次的打卡。"), code="client_id_reused")
    return earlier


def check_in_photo(*, actor, check_in_id) -> tuple[bytes, str, CheckIn]:
    """The photo for the officer himself, the roster's agencies' duty managers and the command centre;
    others who see the check-in get 403. Every view is audited."""
    check_in = access_check_in(actor=actor, public_id=check_in_id)
    if not permissions.may_view_photo(actor, check_in):
        raise PermissionDenied()
    if not check_in.photo_sha256:
        raise NotFound(_("该打卡没有现场照片。"))
    try:
        blob = store.store_get(check_in.photo_sha256)
    except store.StoredFileMissing:
        raise NotFound(_("照片文件缺失，请联系平台管理员。")) from None
    if blob.sha256 != check_in.photo_sha256:
        raise Conflict(_("照片文件与其哈希不符，可能已被篡改。"), code="stored_file_corrupt")
    audit_record(
        actor=actor,
        action="duty.check_in_photo_viewed",
        obj=check_in,
        summary={"officer": check_in.officer.full_name, "sha256": check_in.photo_sha256},
    )
    return blob.data, check_in.photo_content_type, check_in
