"""Writes of the matter catalogue: load the committed file, add/edit/deactivate/delete matters, and
per-matter deadline overrides (stored by the casework kernel through catalogue.deadlines). All audited."""

from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from yrdcollab.core.errors import Conflict, InvalidInput, NotFound
from yrdcollab.platform.access.permissions import require_capability
from yrdcollab.platform.access.roles import Capability
from yrdcollab.platform.audit.services import audit_record
from yrdcollab.platform.workdays.rules import Unit

from .datafile import NAME_MAX, SCOPE_MAX, TEXT_MAX, TOP_CODE, apply_matter_rows, child_code_ok, read_matters_file
from .deadlines import EffectiveDeadline, deadline_rules
from .models import Matter
from .selectors import active_matters_forget, matter_in_use

AMOUNT_MIN, AMOUNT_MAX, BASIS_MAX = 1, 3650, 300


def _invalid(field: str, message: str, code: str = "invalid_input") -> InvalidInput:
    return InvalidInput(message, code=code, details={"field": field})


def _locked(code: str) -> Matter:
    matter = Matter.objects.select_for_update().filter(code=(code or "").strip()).first()
    if matter is None:
        raise NotFound(_("事项编码不存在。"), code="matter_not_found", details={"code": code})
    return matter


def _clean_texts(values: dict) -> dict:
    limits = {"name": NAME_MAX, "description": TEXT_MAX, "legal_basis": TEXT_MAX, "scope_ref": SCOPE_MAX}
    labels = {
        "name": _("事项名称"),
        "description": _("说明"),
        "legal_basis": _("主要法律依据"),
        "scope_ref": _("执法范围依据"),
    }
    cleaned = {}
    for key, value in values.items():
        if value is None:
            continue
        value = str(value).strip()
        if key == "name" and not value:
            raise _invalid("name", _("事项名称不能为空。"))
        if len(value) > limits[key]:
            raise _invalid(key, _("%(f)s不能超过%(n)d个字符。") % {"f": labels[key], "n": limits[key]})
        cleaned[key] = value
    return cleaned


@transaction.atomic
def matters_load(*, actor=None, refresh: bool = False, path: Path | None = None) -> dict:
    """Loads data/catalogue/matters.json (idempotent). Without `refresh` only missing codes are
    added, so administrators' edits survive a redeploy."""
    if actor is not None:
        require_capability(actor, Capability.MATTER_MANAGE)
    counts = apply_matter_rows(Matter, read_matters_file(path), refresh=refresh)
    if counts["created"] or counts["updated"]:
        audit_record(actor=actor, action="matter.loaded", object_type="Matter", summary={**counts, "refresh": refresh})
    return counts


@transaction.atomic
def matter_create(
    *,
    actor,
    code: str,
    name: str,
    parent_code: str = "",
    description: str = "",
    legal_basis: str = "",
    scope_ref: str = "",
    sort_order: int | None = None,
) -> Matter:
    require_capability(actor, Capability.MATTER_MANAGE)
    code, parent_code = (code or "").strip(), (parent_code or "").strip()
    parent = None
    if parent_code:
        parent = Matter.objects.filter(code=parent_code, parent__isnull=True).first()
        if parent is None:
            raise _invalid("parent_code", _("上级事项“%(c)s”不存在或不是一级事项。") % {"c": parent_code})
        if not parent.is_active:
            raise _invalid("parent_code", _("上级事项已停用，不能在其下新增事项。"))
        if not child_code_ok(code, parent_code):
            raise _invalid(
                "code",
                _("二级事项编码应为上级编码加两位数字（如 %(c)s01）。") % {"c": parent_code},
                code="invalid_matter_code",
            )
    elif not TOP_CODE.match(code):
        raise _invalid("code", _("一级事项编码应为两位数字（如 13）。"), code="invalid_matter_code")
    texts = _clean_texts({"name": name, "description": description, "legal_basis": legal_basis, "scope_ref": scope_ref})
    if Matter.objects.filter(code=code).exists():
        raise Conflict(_("事项编码“%(c)s”已存在。") % {"c": code}, code="matter_exists", details={"field": "code"})
    if sort_order is None:
        siblings = Matter.objects.filter(parent=parent).order_by("-sort_order").first()
        sort_order = (siblings.sort_order if siblings else 0) + 10
    if not 0 <= sort_order <= 100000:
        raise _invalid("sort_order", _("排序值应在0至100000之间。"))
    matter = Matter.objects.create(code=code, parent=parent, sort_order=sort_order, **texts)
    audit_record(
        actor=actor,
        action="matter.created",
        obj=matter,
        summary={"code": code, "name": matter.name, "parent": parent_code},
    )
    return matter


@transaction.atomic
def matter_update(
    *,
    actor,
    code: str,
    name: str | None = None,
    description: str | None = None,
    legal_basis: str | None = None,
    scope_ref: str | None = None,
    sort_order: int | None = None,
    is_active: bool | None = None,
) -> Matter:
    """Edits a matter. Deactivating a first-level matter deactivates its children; a child cannot be
    reactivated under a deactivated parent. Codes never change."""
    require_capability(actor, Capability.MATTER_MANAGE)
    matter = _locked(code)
    changes = _clean_texts(
        {"name": name, "description": description, "legal_basis": legal_basis, "scope_ref": scope_ref}
    )
    if sort_order is not None:
        if not 0 <= sort_order <= 100000:
            raise _invalid("sort_order", _("排序值应在0至100000之间。"))
        changes["sort_order"] = sort_order
    if is_active is not None:
        if is_active and matter.parent_id and not matter.parent.is_active:
            raise _invalid("is_active", _("上级事项已停用，请先启用上级事项。"))
        changes["is_active"] = is_active
    changed = {k: v for k, v in changes.items() if getattr(matter, k) != v}
    if not changed:
        return matter
    for key, value in changed.items():
        setattr(matter, key, value)
    matter.save()
    cascaded = 0
    if changed.get("is_active") is False and matter.parent_id is None:
        children = list(matter.children.filter(is_active=True).values_list("code", flat=True))
        cascaded = matter.children.filter(is_active=True).update(is_active=False)
        active_matters_forget(*children)  # update() sends no post_save
    action = (
        "matter.deactivated"
        if changed.get("is_active") is False
        else ("matter.reactivated" if changed.get("is_active") else "matter.updated")
    )
    audit_record(
        actor=actor,
        action=action,
        obj=matter,
        summary={"code": matter.code, "changed": changed, "children_deactivated": cascaded},
    )
    return matter


@transaction.atomic
def matter_delete(*, actor, code: str) -> None:
    """Only a matter nothing points at may be deleted (a mistaken entry); otherwise deactivate it."""
    require_capability(actor, Capability.MATTER_MANAGE)
    matter = _locked(code)
    if matter_in_use(matter):
        raise Conflict(
            _("该事项已被业务数据引用，不能删除，请改为停用。"), code="matter_in_use", details={"code": matter.code}
        )
    if matter.children.exists():
        raise Conflict(_("请先删除该事项的下级事项。"), code="matter_has_children", details={"code": matter.code})
    audit_record(actor=actor, action="matter.deleted", obj=matter, summary={"code": matter.code, "name": matter.name})
    matter.delete()  # its deadline overrides go with it (on_delete=CASCADE)


def _check_step(workflow: str, step: str) -> None:
    if (str(workflow), str(step)) not in {(s.workflow, s.step) for s in deadline_rules().steps()}:
        raise _invalid("step", _("未知的业务环节：%(w)s.%(s)s。") % {"w": workflow, "s": step}, code="unknown_step")


@transaction.atomic
def matter_deadline_set(
    *, actor, code: str, workflow: str, step: str, amount: int, unit: str, legal_basis: str
) -> EffectiveDeadline:
    """Sets this matter's own deadline for a workflow step (overrides the parent's and the default);
    returns the step's deadline as it now applies."""
    require_capability(actor, Capability.MATTER_MANAGE)
    matter = _locked(code)
    _check_step(workflow, step)
    if not isinstance(amount, int) or not AMOUNT_MIN <= amount <= AMOUNT_MAX:
        raise _invalid("amount", _("期限应为1至3650之间的整数。"))
    if unit not in {u.value for u in Unit}:
        raise _invalid("unit", _("期限单位应为工作日或自然日。"))
    legal_basis = (legal_basis or "").strip()
    if not legal_basis:
        raise _invalid("legal_basis", _("请填写期限依据（法规条款或协作规程）。"))
    if len(legal_basis) > BASIS_MAX:
        raise _invalid("legal_basis", _("期限依据不能超过%(n)d个字符。") % {"n": BASIS_MAX})
    created = deadline_rules().override(
        matter, workflow=workflow, step=step, amount=amount, unit=unit, legal_basis=legal_basis
    )
    audit_record(
        actor=actor,
        action="matter.deadline_set",
        obj=matter,
        summary={
            "code": matter.code,
            "workflow": workflow,
            "step": step,
            "amount": amount,
            "unit": unit,
            "legal_basis": legal_basis,
            "created": created,
        },
    )
    return next(d for d in deadline_rules().effective(matter) if (d.workflow, d.step) == (workflow, step))


@transaction.atomic
def matter_deadline_clear(*, actor, code: str, workflow: str, step: str) -> None:
    require_capability(actor, Capability.MATTER_MANAGE)
    matter = _locked(code)
    _check_step(workflow, step)
    if not deadline_rules().clear(matter, workflow=workflow, step=step):
        raise NotFound(_("该事项没有此环节的专门期限。"), code="deadline_override_not_found")
    audit_record(
        actor=actor,
        action="matter.deadline_cleared",
        obj=matter,
        summary={"code": matter.code, "workflow": workflow, "step": step},
    )
