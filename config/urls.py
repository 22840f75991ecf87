from django.urls import include, path

from config.api import api
from yrdcollab.core import views as core_views

urlpatterns = [
    path("", include("yrdcollab.core.urls")),
    path("healthz", core_views.healthz, name="healthz"),
    path("readyz", core_views.readyz, name="readyz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("accounts/", include("yrdcollab.accounts.urls")),
    path("directory/", include("yrdcollab.directory.urls")),
    path("audit/", include("yrdcollab.audit.urls")),
    path("inbox/", include("yrdcollab.notifications.urls")),
    path("calendar/", include("yrdcollab.workdays.urls")),
    path("matters/", include("yrdcollab.catalogue.urls")),
    path("parties/", include("yrdcollab.parties.urls")),
    path("evidence/", include("yrdcollab.evidence.urls")),
    path("transfers/", include("yrdcollab.transfers.urls")),
    path("assistance/", include("yrdcollab.assistance.urls")),
    path("recognition/", include("yrdcollab.recognition.urls")),
    path("bulletins/", include("yrdcollab.bulletins.urls")),
    path("supervision/", include("yrdcollab.supervision.urls")),
    path("credit/", include("yrdcollab.credit.urls")),
    path("geo/", include("yrdcollab.geo.urls")),
    path("sensing/", include("yrdcollab.sensing.urls")),
    path("fleet/", include("yrdcollab.fleet.urls")),
    path("operations/", include("yrdcollab.operations.urls")),
    path("duty/", include("yrdcollab.duty.urls")),
    path("events/", include("yrdcollab.events.urls")),
    # Without login: 行政处罚信息公示 and the published locations of enforcement devices.
    path("public/credit/", include("yrdcollab.credit.public_urls")),
    path("public/devices/", include("yrdcollab.sensing.public_urls")),
    path("open311/v2/", include("yrdcollab.open311.urls")),
]

handler403 = "yrdcollab.core.views.error_403"
handler404 = "yrdcollab.core.views.error_404"
handler500 = "yrdcollab.core.views.error_500"
