"""Reads of the matter catalogue. Everyone who may see the directory may read it."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext as _

from yrdcollab.core.errors import InvalidInput, NotFound
from yrdcollab.core.refcache import ReferenceCache
from yrdcollab.platform.access.permissions import has_capability, require_capability
from yrdcollab.platform.access.roles import Capability

from .deadlines import EffectiveDeadline, deadline_rules
from .models import Matter


def can_manage_matters(actor) -> bool:
    return has_capability(actor, Capability.MATTER_MANAGE)


def _require_view(actor) -> None:
    require_capability(actor, Capability.DIRECTORY_VIEW)


def matter_tree(*, actor, include_inactive: bool = False) -> list[dict]:
    """[{"matter": top, "children": [child, …]}, …] in catalogue order."""
    _require_view(actor)
    queryset = Matter.objects.all() if include_inactive else Matter.objects.filter(is_active=True)
    matters = list(queryset.order_by("sort_order", "code"))
    children: dict[int, list[Matter]] = {}
    for m in matters:
        if m.parent_id:
            children.setdefault(m.parent_id, []).append(m)
    return [{"matter": m, "children": children.get(m.pk, [])} for m in matters if m.parent_id is None]


def matter_search(*, actor, q: str = "", include_inactive: bool = False) -> list[Matter]:
    """Flat list matching a code prefix or a name/description fragment, parents first."""
    _require_view(actor)
    q = (q or "").strip()[:32]
    queryset = Matter.objects.select_related("parent")
    if not include_inactive:
        queryset = queryset.filter(is_active=True)
    if q:
        queryset = queryset.filter(
            Q(code__startswith=q) | Q(name__icontains=q) | Q(description__icontains=q) | Q(parent__name__icontains=q)
        )
    return list(queryset.order_by("code"))


def matter_get(*, actor, code: str) -> Matter:
    _require_view(actor)
    matter = Matter.objects.select_related("parent").filter(code=(code or "").strip()).first()
    if matter is None:
        raise NotFound(_("事项编码不存在。"), code="matter_not_found", details={"code": code})
    return matter


# Active matters by code, resolved by every workflow action that names one (issue #13): reference data in
# the cache (core.refcache), dropped by receivers.py when a matter (or its parent) changes.
ACTIVE = ReferenceCache("matter", timeout=600)


def active_matter(code: str) -> Matter | None:
    """The active matter with this code (its parent loaded), from the cache; None when there is none."""
    code = str(code or "").strip()
    if not code or len(code) > 16:
        return None
    return ACTIVE.get(code, lambda: Matter.objects.select_related("parent").filter(code=code, is_active=True).first())


def active_matters_forget(*codes: str) -> None:
    for code in codes:
        ACTIVE.forget(code)


def matter_resolve(code: str, *, field: str = "matter") -> Matter:
    """The active matter with this code, for services of other apps that receive a code as input;
    an unknown or deactivated code is invalid input (422) naming the field."""
    matter = active_matter(code)
    if matter is None:
        raise InvalidInput(
            _("事项编码“%(code)s”不存在或已停用。") % {"code": code},
            code="unknown_matter",
            details={"field": field, "code": code},
        )
    return matter


def matter_in_use(matter: Matter) -> bool:
    """Whether anything (a transfer, a request, a decision, …) points at the matter or its children.
    Deadline overrides and child matters do not count: they go with the matter."""
    targets = [matter, *matter.children.all()]
    # include_hidden: other apps' foreign keys with related_name="+" count too.
    relations = [
        f for f in Matter._meta.get_fields(include_hidden=True) if f.is_relation and f.auto_created and not f.concrete
    ]
    for relation in relations:
        # Rows deleted together with the matter (its own deadline overrides) belong to it.
        if relation.related_model is Matter or relation.on_delete is models.CASCADE:
            continue
        if relation.related_model._default_manager.filter(**{f"{relation.field.name}__in": targets}).exists():
            return True
    return False


def matter_deadlines(*, actor, matter: Matter) -> list[EffectiveDeadline]:
    """The deadline of every workflow step for this matter and where it comes from."""
    _require_view(actor)
    return deadline_rules().effective(matter)


def matter_profile(*, actor, code: str) -> dict:
    """A matter, its children (inactive ones too) and the deadline of every workflow step."""
    matter = matter_get(actor=actor, code=code)
    return {
        "matter": matter,
        "children": list(matter.children.order_by("sort_order", "code")),
        "deadlines": matter_deadlines(actor=actor, matter=matter),
        "can_manage": can_manage_matters(actor),
    }
