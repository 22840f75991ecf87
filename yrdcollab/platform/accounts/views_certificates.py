"""执法证核验: any field role, in any region, checks a certificate number."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from yrdcollab.core.errors import InvalidInput, RateLimited
from yrdcollab.platform.access.permissions import require_capability
from yrdcollab.platform.access.roles import Capability

from . import services
from .forms import CertificateVerifyForm


@require_GET
def certificate_verify(request):
    form = CertificateVerifyForm(request.GET or None)
    result, status = None, 200
    try:
        require_capability(request.user, Capability.CERTIFICATE_VERIFY)
        if form.is_bound:
            if form.is_valid():
                result = services.certificate_verify(actor=request.user, number=form.cleaned_data["number"])
            else:
                status = 422
    except (InvalidInput, RateLimited) as exc:
        form.add_error("number", str(exc.message))
        status = exc.status
    return render(request, "accounts/certificate_verify.html", {"form": form, "result": result}, status=status)
