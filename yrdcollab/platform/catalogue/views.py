"""Pages of the matter catalogue: the tree with search, one matter with its deadlines, and the
administrator's forms (add, edit/deactivate, delete, deadline overrides)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from yrdcollab.core.errors import Conflict, InvalidInput, NotFound

from . import selectors, services
from .forms import DeadlineForm, MatterCreateForm, MatterEditForm


def _form_error(form, exc) -> None:
    field = exc.details.get("field")
    form.add_error(field if field in form.fields else None, str(exc.message))


def _render_list(request, create_form=None, status=200):
    q = request.GET.get("q", "").strip()[:32]
    can_manage = selectors.can_manage_matters(request.user)
    include_inactive = can_manage and request.GET.get("inactive") == "1"
    context = {
        "q": q,
        "can_manage": can_manage,
        "include_inactive": include_inactive,
        "create_form": create_form or MatterCreateForm(),
    }
    if q:
        context["results"] = selectors.matter_search(actor=request.user, q=q, include_inactive=include_inactive)
    else:
        context["tree"] = selectors.matter_tree(actor=request.user, include_inactive=include_inactive)
    template = "catalogue/_results.html" if request.htmx else "catalogue/matter_list.html"
    return render(request, template, context, status=status)


@require_GET
def matter_list(request):
    return _render_list(request)


@require_POST
def matter_create(request):
    form = MatterCreateForm(request.POST)
    if form.is_valid():
        try:
            matter = services.matter_create(actor=request.user, **form.cleaned_data)
        except (InvalidInput, Conflict) as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("已新增事项：%(m)s") % {"m": matter})
            return redirect("catalogue:detail", code=matter.code)
    return _render_list(request, form, status=422)


def _render_detail(request, code, edit_form=None, deadline_form=None, status=200):
    profile = selectors.matter_profile(actor=request.user, code=code)
    matter = profile["matter"]
    edit_form = edit_form or MatterEditForm(
        initial={
            "name": matter.name,
            "description": matter.description,
            "legal_basis": matter.legal_basis,
            "scope_ref": matter.scope_ref,
            "sort_order": matter.sort_order,
            "is_active": matter.is_active,
        }
    )
    return render(
        request,
        "catalogue/matter_detail.html",
        {**profile, "edit_form": edit_form, "deadline_form": deadline_form or DeadlineForm()},
        status=status,
    )


@require_GET
def matter_detail(request, code):
    return _render_detail(request, code)


@require_POST
def matter_edit(request, code):
    form = MatterEditForm(request.POST)
    if form.is_valid():
        try:
            services.matter_update(actor=request.user, code=code, **form.cleaned_data)
        except InvalidInput as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("事项已保存。"))
            return redirect("catalogue:detail", code=code)
    return _render_detail(request, code, edit_form=form, status=422)


@require_POST
def matter_delete(request, code):
    try:
        services.matter_delete(actor=request.user, code=code)
    except Conflict as exc:
        messages.error(request, str(exc.message))
        return redirect("catalogue:detail", code=code)
    messages.success(request, _("事项已删除。"))
    return redirect("catalogue:list")


def _step(value: str) -> tuple[str, str]:
    workflow, _sep, step = (value or "").partition(".")
    return workflow, step


@require_POST
def deadline_set(request, code):
    form = DeadlineForm(request.POST)
    if form.is_valid():
        workflow, step = _step(form.cleaned_data["step"])
        try:
            services.matter_deadline_set(
                actor=request.user,
                code=code,
                workflow=workflow,
                step=step,
                amount=form.cleaned_data["amount"],
                unit=form.cleaned_data["unit"],
                legal_basis=form.cleaned_data["legal_basis"],
            )
        except InvalidInput as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("已设置该事项的专门期限。"))
            return redirect("catalogue:detail", code=code)
    return _render_detail(request, code, deadline_form=form, status=422)


@require_POST
def deadline_clear(request, code):
    workflow, step = _step(request.POST.get("step", ""))
    try:
        services.matter_deadline_clear(actor=request.user, code=code, workflow=workflow, step=step)
    except (InvalidInput, NotFound) as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("已恢复为默认期限。"))
    return redirect("catalogue:detail", code=code)
