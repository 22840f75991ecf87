"""Pages of joint duty: roster list, create form, detail (date × post grid, members, shifts, map),
conflicts, the officer's own duty with a phone-friendly check-in form, check-in list with flags and
map, and the check-in photo. Views parse, call one service or selector, render."""

from datetime import date

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from yrdcollab.core.dates import parse_bounded_date
from yrdcollab.core.downloads import harden_download
from yrdcollab.core.replay import HEADER as IDEMPOTENCY_HEADER
from yrdcollab.core.web import choice_param, form_submit, page_action, text_param

from . import permissions, presenters, selectors, services
from .conflicts import roster_conflicts
from .forms import CheckInForm, RosterForm, ShiftForm
from .views_support import campaign_choices, event_choices

CHECK_IN_PAGE = 100  # check-ins of the list page (with the map: a day of a busy roster)
ROSTER_LIST_MAX = 200  # rosters of the list page
ROSTER_SCOPES = ("all", "mine", "organised")


def _day(value) -> date | None:
    return parse_bounded_date(str(value)) if value else None


@require_GET
def roster_list(request):
    permissions.require_duty_reader(request.user)
    may_create = permissions.may_create_roster(request.user)
    default = "all" if may_create or selectors.sees_all_rosters(request.user) else "mine"
    scope = choice_param(request, "scope", ROSTER_SCOPES, default)
    q = text_param(request, "q")
    rosters = list(selectors.roster_list(actor=request.user, scope=scope, q=q)[:ROSTER_LIST_MAX])
    return render(
        request,
        "duty/roster_list.html",
        {
            "rosters": rosters,
            "scope": scope,
            "q": q,
            "may_create": may_create,
            "board": presenters.shift_board(selectors.my_assignments(actor=request.user)),
        },
    )


@require_http_methods(["GET", "POST"])
def roster_create(request):
    permissions.require(permissions.may_create_roster(request.user))
    choices = {
        "agency_choices": selectors.agency_choices(request.user),
        "campaign_choices": campaign_choices(request.user),
        "event_choices": event_choices(request.user),
    }
    if request.method == "GET":
        return render(request, "duty/roster_form.html", {"form": RosterForm(**choices)})
    form = RosterForm(request.POST, **choices)

    def call(d):
        return services.roster_create(
            actor=request.user,
            data=services.RosterInput(
                name=d["name"],
                kind=d["kind"],
                starts_on=d["starts_on"],
                ends_on=d["ends_on"],
                agencies=d["agencies"],
                divisions=form.division_codes(),
                geometry=d["geometry"],
                crs=d["crs"],
                campaign=d["campaign"] or None,
                event=d["event"] or None,
            ),
        )

    roster, error = form_submit(request, form, "duty/roster_form.html", {}, call)
    if error:
        return error
    messages.success(request, _("已建立勤务表“%(name)s”。") % {"name": roster.name})
    return redirect("duty:roster_detail", public_id=roster.public_id)


def _detail_context(request, roster, shift_form=None) -> dict:
    user = request.user
    shifts = selectors.roster_shifts(roster)
    start = presenters.grid_start(roster, _day(request.GET.get("week")))
    positions = selectors.patrol_positions(actor=user, roster=roster)
    recent = list(selectors.roster_check_ins(roster)[:50])
    members = selectors.roster_members(roster)
    abilities = permissions.roster_abilities(user, roster)
    return {
        "roster": roster,
        "agencies": selectors.roster_agencies(roster),
        "divisions": list(roster.area_divisions.all()),
        "members": members,
        "shifts": shifts,
        "grid": presenters.roster_grid(roster, shifts, start),
        "shift_staff": presenters.shift_staff(shifts),  # named in the confirmation of a shift's deletion
        "map_data": presenters.map_data(roster, shifts, recent, positions),
        "positions": positions,
        **abilities,
        "candidates": selectors.nomination_candidates(actor=user, roster=roster) if abilities["takes_part"] else [],
        "shift_form": shift_form or ShiftForm(),
        "problem_count": len(roster_conflicts(roster)),
        "my_shift_ids": {a.shift_id for a in selectors.my_assignments(actor=user, upcoming_only=False)},
    }


@require_GET
def roster_detail(request, public_id):
    roster = selectors.access_roster(actor=request.user, public_id=public_id)
    return render(request, "duty/roster_detail.html", _detail_context(request, roster))


@require_POST
def roster_members(request, public_id):
    """Nominate (officers[]) or remove (remove=<officer id>) members."""
    remove = request.POST.get("remove")
    if remove:
        if page_action(
            request, lambda: services.member_remove(actor=request.user, roster_id=public_id, officer_id=remove)
        ):
            messages.success(request, _("已移出。"))
    elif page_action(
        request,
        lambda: services.members_nominate(
            actor=request.user, roster_id=public_id, officers=request.POST.getlist("officers")[:200]
        ),
    ):
        messages.success(request, _("已选派。"))
    return redirect("duty:roster_detail", public_id=public_id)


@require_POST
def shift_create(request, public_id):
    roster = selectors.access_roster(actor=request.user, public_id=public_id)
    form = ShiftForm(request.POST)
    if not form.is_valid():  # the roster page, with the form's errors (its context is built only when shown)
        return render(request, "duty/roster_detail.html", _detail_context(request, roster, form), status=422)

    def call(d):
        return services.shift_create(
            actor=request.user,
            roster_id=roster.public_id,
            data=services.ShiftInput(
                post=d["post"],
                starts_at=d["starts_at"],
                ends_at=d["ends_at"],
                required_count=d["required_count"],
                geometry=d["geometry"],
                crs=d["crs"],
            ),
        )

    _shift, error = form_submit(
        request,
        form,
        "duty/roster_detail.html",
        {},
        call,
        on_error=lambda _exc, _context: _detail_context(request, roster, form),
    )
    if error:
        return error
    messages.success(request, _("已新增班次。"))
    return redirect("duty:roster_detail", public_id=public_id)


@require_POST
def shift_action(request, public_id):
    """Assign (assign=<officer id>), unassign (unassign=<officer id>) or delete (delete=1) on one shift."""
    shift = selectors.access_shift(actor=request.user, public_id=public_id)
    post = request.POST
    if post.get("assign"):
        done = page_action(
            request,
            lambda: services.assignment_create(actor=request.user, shift_id=public_id, officer_id=post["assign"]),
        )
        message = _("已排班。")
    elif post.get("unassign"):
        done = page_action(
            request,
            lambda: services.assignment_remove(actor=request.user, shift_id=public_id, officer_id=post["unassign"]),
        )
        message = _("已取消排班。")
    elif post.get("delete"):
        done = page_action(request, lambda: services.shift_delete(actor=request.user, shift_id=public_id))
        message = _("已删除班次。")
    else:
        done, message = False, ""
        messages.error(request, _("未指明操作。"))
    if done:
        messages.success(request, message)
    week = timezone.localtime(shift.starts_at).date().isoformat()
    return redirect(f"{reverse('duty:roster_detail', args=[shift.roster.public_id])}?week={week}#grid")


@require_GET
def conflicts(request, public_id):
    roster = selectors.access_roster(actor=request.user, public_id=public_id)
    return render(request, "duty/conflicts.html", {"roster": roster, "problems": roster_conflicts(roster)})


@require_GET
def check_in_now(request):
    """The 打卡 tab: straight to the check-in on the one shift in progress; otherwise the officer's
    shifts in progress (当前班次) and to come, or why there is none now and when the next one starts."""
    permissions.require_duty_reader(request.user)
    board = presenters.shift_board(selectors.my_assignments(actor=request.user))
    if board.default is not None:
        return redirect("duty:check_in", public_id=board.default.shift.public_id)
    return render(request, "duty/check_in_now.html", {"board": board})


@require_http_methods(["GET", "POST"])
def check_in(request, public_id):
    """The officer's check-in on one of his shifts: browser geolocation fills lon/lat, typed as a fallback."""
    shift = selectors.access_shift(actor=request.user, public_id=public_id)
    permissions.require_own_assignment(selectors.own_assignment(actor=request.user, shift=shift), shift)
    now = timezone.now()
    context = {
        "shift": shift,
        "roster": shift.roster,
        "own": list(selectors.roster_check_ins(shift.roster, officer_id=request.user.pk, shift=shift)[:20]),
        "board": presenters.shift_board(selectors.my_assignments(actor=request.user), now),
        "shift_state": "ended" if shift.ends_at <= now else "upcoming" if shift.starts_at > now else "current",
    }
    if request.method == "GET":
        return render(request, "duty/check_in_form.html", {**context, "form": CheckInForm()})
    form = CheckInForm(request.POST, request.FILES)

    def call(d):
        return services.check_in_record(
            actor=request.user,
            shift_id=shift.public_id,
            lon=d["lon"],
            lat=d["lat"],
            crs=d["crs"],
            accuracy_m=d["accuracy_m"],
            note=d["note"],
            photo=d["photo"] or None,
            client_id=d["client_id"] or request.META.get(IDEMPOTENCY_HEADER),  # static/js/offline.js
            made_at=d["made_at"],
        )

    done, error = form_submit(request, form, "duty/check_in_form.html", context, call)
    if error:
        return error
    if done.flag:
        messages.warning(
            request,
            _("已打卡，但%(flag)s（距责任区域约 %(m)d 米），已提示带班领导。")
            % {"flag": done.get_flag_display(), "m": done.distance_m},
        )
    else:
        messages.success(request, _("已打卡。"))
    return redirect("duty:check_in", public_id=shift.public_id)


@require_GET
def check_in_list(request, public_id):
    roster = selectors.access_roster(actor=request.user, public_id=public_id)
    flagged = request.GET.get("flagged") == "1"
    day = _day(request.GET.get("day"))
    check_ins = list(selectors.roster_check_ins(roster, flagged=flagged, day=day)[:CHECK_IN_PAGE])
    positions = selectors.patrol_positions(actor=request.user, roster=roster)
    return render(
        request,
        "duty/check_in_list.html",
        {
            "roster": roster,
            "check_ins": check_ins,
            "flagged": flagged,
            "day": day,
            "map_data": presenters.map_data(roster, selectors.roster_shifts(roster), check_ins, positions),
            "photo_ids": permissions.photo_viewable_ids(request.user, roster, check_ins),
        },
    )


@require_GET
def check_in_photo(request, public_id):
    data, content_type, _check_in = services.check_in_photo(actor=request.user, check_in_id=public_id)
    return harden_download(HttpResponse(data, content_type=content_type))
