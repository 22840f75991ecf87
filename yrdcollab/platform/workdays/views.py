"""The calendar page, its deadline calculator (htmx) and the form that loads a year's schedule."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from yrdcollab.core.errors import ApplicationError, Conflict, InvalidInput

from . import selectors, services
from .forms import DueDateForm, LoadYearForm
from .parsing import parse_schedule


def _int_or_none(value):
    try:
        return int(value) if value not in (None, "") else None
    except ValueError:
        return None


@require_GET
def calendar_view(request):
    year = _int_or_none(request.GET.get("year"))
    if year is not None and not 2000 <= year <= 2100:
        year = None
    overview = selectors.calendar_page_overview(actor=request.user, year=year)
    form = DueDateForm(initial={"start": overview["today"].isoformat(), "period": "三日"})
    return render(request, "workdays/calendar.html", {**overview, "calc_form": form})


@require_GET
def calculate_view(request):
    form = DueDateForm(request.GET)
    context = {"calc_form": form}
    if form.is_valid():
        try:
            context["result"] = selectors.calendar_due_date(
                actor=request.user, start=form.cleaned_data["start"], text=form.cleaned_data["period"]
            )
        except InvalidInput as exc:
            context["error"] = exc.message
    else:
        context["error"] = _("请填写有效的起算日和期间。")
    return render(request, "workdays/_due_date_result.html", context)


@require_http_methods(["GET", "POST"])
def load_year_view(request):
    context = selectors.calendar_load_context(actor=request.user)
    form = LoadYearForm(request.POST or None, request.FILES or None, initial={"year": context["suggested_year"]})
    line_errors = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            schedule = parse_schedule(form.schedule_data(), year=data["year"])
            row = services.calendar_year_load(
                actor=request.user,
                year=data["year"],
                notice_number=data["notice_number"],
                notice_title=data["notice_title"],
                published_on=data["published_on"],
                holidays=schedule.holidays,
                makeup_days=schedule.makeup_days,
                replace=data["replace"],
            )
        except Conflict as exc:
            form.add_error("replace", str(exc.message))
        except InvalidInput as exc:
            form.add_error(None, str(exc.message))
            line_errors = exc.details.get("errors", [])
        except ApplicationError as exc:
            form.add_error(None, str(exc.message))
        else:
            messages.success(
                request,
                _("已载入 %(year)s 年放假安排（%(notice)s），涉及该年度的临时期限将自动重算。")
                % {"year": row.year, "notice": row.notice_number},
            )
            return redirect(f"{reverse('workdays:calendar')}?year={row.year}")
    return render(
        request,
        "workdays/load_year.html",
        {**context, "form": form, "line_errors": line_errors},
        status=422 if request.method == "POST" else 200,
    )
