from django.shortcuts import render
from django.views.decorators.http import require_GET

from yrdcollab.casework.supervision.links import item_url
from yrdcollab.core.web import paginate

from . import selectors

TEMPLATES = {
    "due_soon": "tracked",
    "overdue": "tracked",
    "evidence": "evidence",
    "reinforcements": "reinforcements",
    "shifts": "shifts",
}


@require_GET
def mine(request):
    """我的待办: the open items assigned to the user."""
    return render(request, "workbench/mine.html", {"items": selectors.my_items(actor=request.user)})


@require_GET
def queue(request, key):
    """A queue the workbench lists itself (deadlines across workflows, evidence to recognise,
    reinforcements to answer, today's shifts)."""
    queue, part, rows = selectors.workbench_queue(actor=request.user, key=key)
    page = paginate(request, rows)
    template = TEMPLATES[key]
    links = [item_url(row.kind, row.public_id) for row in page.object_list] if template == "tracked" else []
    context = {"queue": queue, "part": part, "page": page, "rows": list(zip(page.object_list, links, strict=False))}
    return render(request, f"workbench/queue_{template}.html", context)
