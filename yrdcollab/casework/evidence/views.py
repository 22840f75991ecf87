"""Evidence pages: verify (and its lookup), add an item, an item with its chain of custody, and the
POST targets of the panel's forms (issue a manifest, recognize)."""

import re

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from yrdcollab.core.errors import InvalidInput
from yrdcollab.core.web import page_action

from . import selectors, services
from .forms import CustodyForm, ItemForm, LookupForm, RecognitionForm
from .store import read_upload
from .views_common import download_response

_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


@require_GET
def verify_lookup_view(request):
    form = LookupForm(request.GET or None)
    if form.is_bound and form.is_valid():
        found = _UUID.search(form.cleaned_data["manifest"])
        if found:
            return redirect("evidence:verify", manifest_id=found.group(0).lower())
        form.add_error(
            "manifest",
            _("未识别出证据清单编号，请粘贴清单编号（形如 1b4e28ba-2fa1-11d2-883f-0016d3cca427）或校验链接。"),
        )
    return render(request, "evidence/verify_lookup.html", {"form": form}, status=422 if form.errors else 200)


@require_GET
def verify_view(request, manifest_id):
    detail = selectors.manifest_detail(request.user, manifest_id)
    return render(
        request,
        "evidence/verify.html",
        {**detail, "form": RecognitionForm(), "verify_url": selectors.manifest_verify_url(detail["manifest"])},
    )


@require_http_methods(["GET", "POST"])
def recognize_view(request, manifest_id):
    if request.method == "GET":
        return redirect("evidence:verify", manifest_id=manifest_id)
    form = RecognitionForm(request.POST)
    if form.is_valid():
        try:
            services.evidence_recognize(
                actor=request.user,
                manifest_id=manifest_id,
                decision=form.cleaned_data["decision"],
                remarks=form.cleaned_data["remarks"],
            )
        except InvalidInput as exc:
            form.add_error("remarks" if exc.details.get("field") == "remarks" else None, str(exc.message))
        else:
            messages.success(request, _("已记录审核结论。"))
            return redirect("evidence:verify", manifest_id=manifest_id)
    detail = selectors.manifest_detail(request.user, manifest_id)
    return render(
        request,
        "evidence/verify.html",
        {**detail, "form": form, "verify_url": selectors.manifest_verify_url(detail["manifest"])},
        status=422,
    )


@require_http_methods(["GET", "POST"])
def item_add_view(request):
    source = request.POST if request.method == "POST" else request.GET
    kind, subject_id = source.get("subject_kind", ""), source.get("subject_id", "")
    panel = selectors.evidence_item_form_context(request.user, kind, subject_id)
    form = ItemForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            incoming = [read_upload(f) for f in request.FILES.getlist("files")]
            services.evidence_item_add(
                actor=request.user,
                subject_kind=kind,
                subject_public_id=subject_id,
                files=incoming,
                data=services.ItemData(
                    kind=data["kind"],
                    title=data["title"],
                    description=data["description"],
                    collected_by=data["collected_by"],
                    collected_at=data["collected_at"],
                    collected_place=data["collected_place"],
                    collection_method=data["collection_method"],
                ),
            )
        except InvalidInput as exc:
            field = exc.details.get("field")
            form.add_error(
                field if field in form.fields else ("files" if exc.code.startswith("file") else None), str(exc.message)
            )
        else:
            messages.success(request, _("证据已登记。"))
            return redirect(panel["subject_url"])
    return render(
        request, "evidence/item_add.html", {**panel, "form": form}, status=422 if request.method == "POST" else 200
    )


@require_POST
def manifest_issue_view(request):
    kind, subject_id = request.POST.get("subject_kind", ""), request.POST.get("subject_id", "")
    panel = selectors.evidence_item_form_context(request.user, kind, subject_id)
    issued = []

    def issue():
        issued.append(
            services.evidence_manifest_issue(actor=request.user, subject_kind=kind, subject_public_id=subject_id)
        )

    if page_action(request, issue):  # a refusal (nothing to sign, a concurrent issue) comes back as a message
        messages.success(request, _("已签发证据清单第 %(v)s 版。") % {"v": issued[0].version})
    return redirect(panel["subject_url"])


@require_GET
def item_detail_view(request, item_id):
    return render(
        request, "evidence/item.html", {**selectors.evidence_item_detail(request.user, item_id), "form": CustodyForm()}
    )


@require_POST
def custody_add_view(request, item_id):
    form = CustodyForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            photos = [read_upload(f, images_only=True) for f in request.FILES.getlist("photos")]
            services.custody_event_add(
                actor=request.user,
                item_id=item_id,
                photos=photos,
                data=services.CustodyData(
                    from_party=data["from_party"],
                    to_party=data["to_party"],
                    occurred_at=data["occurred_at"],
                    place=data["place"],
                    condition=data["condition"],
                ),
            )
        except InvalidInput as exc:
            field = exc.details.get("field")
            form.add_error(
                field if field in form.fields else ("photos" if exc.code.startswith("file") else None), str(exc.message)
            )
        else:
            messages.success(request, _("已登记交接记录。"))
            return redirect("evidence:item", item_id=item_id)
    return render(
        request,
        "evidence/item.html",
        {**selectors.evidence_item_detail(request.user, item_id), "form": form},
        status=422,
    )


@require_GET
def file_download_view(request, sha256):
    row, data = selectors.evidence_file_download(request.user, sha256)
    return download_response(row, data)
