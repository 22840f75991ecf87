"""The result page of the top bar's search box (/search/?q=)."""

from django.contrib.humanize.templatetags.humanize import intcomma
from django.shortcuts import render
from django.views.decorators.http import require_GET

from yrdcollab.core.errors import InvalidInput

from .matching import RECENT_ROWS
from .selectors import MAX_LENGTH, MIN_LENGTH, search_everything, shown_query


@require_GET
def search_page(request):
    q = request.GET.get("q", "").strip()[:MAX_LENGTH]
    shown = shown_query(q)
    # a complete ID number is neither repeated in the title nor kept in the box
    context = {"q": shown, "box_q": q if shown == q else "", "min_length": MIN_LENGTH, "result": None, "refusal": ""}
    context["recent_rows"] = intcomma(RECENT_ROWS)
    try:
        context["result"] = search_everything(actor=request.user, q=q)
    except InvalidInput as refusal:  # too short: a polite word, no query
        context["refusal"] = refusal.message
    return render(request, "portal/search.html", context)
