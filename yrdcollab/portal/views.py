from django.shortcuts import render

from yrdcollab.platform.access.permissions import has_capability
from yrdcollab.platform.access.roles import Capability

from .selectors import home_overview_for


def home(request):
    context = {
        "overview": home_overview_for(request.user),
        # the links of the page follow the same capabilities as the pages they open
        "may_verify_certificates": has_capability(request.user, Capability.CERTIFICATE_VERIFY),
    }
    return render(request, "portal/home.html", context)
