from django.urls import include, path

from config.api import api
from yrdcollab.core import views as core_views

urlpatterns = [
    path("", include("yrdcollab.portal.urls")),
    path("healthz", core_views.healthz, name="healthz"),
    path("readyz", core_views.readyz, name="readyz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("accounts/", include("yrdcollab.platform.accounts.urls")),
    path("directory/", include("yrdcollab.platform.directory.urls")),
    path("audit/", include("yrdcollab.platform.audit.urls")),
    path("inbox/", include("yrdcollab.platform.notifications.urls")),
    path("calendar/", include("yrdcollab.platform.workdays.urls")),
    path("matters/", include("yrdcollab.platform.catalogue.urls")),
    path("parties/", include("yrdcollab.platform.parties.urls")),
    path("evidence/", include("yrdcollab.casework.evidence.urls")),
    path("transfers/", include("yrdcollab.casework.transfers.urls")),
    path("assistance/", include("yrdcollab.casework.assistance.urls")),
    path("recognition/", include("yrdcollab.casework.recognition.urls")),
    path("bulletins/", include("yrdcollab.casework.bulletins.urls")),
    path("supervision/", include("yrdcollab.casework.supervision.urls")),
    path("credit/", include("yrdcollab.credit.urls")),
    path("geo/", include("yrdcollab.platform.geo.urls")),
    path("sensing/", include("yrdcollab.smart.sensing.urls")),
    path("fleet/", include("yrdcollab.smart.fleet.urls")),
    path("operations/", include("yrdcollab.field.operations.urls")),
    path("duty/", include("yrdcollab.field.duty.urls")),
    path("events/", include("yrdcollab.field.events.urls")),
    path("workbench/", include("yrdcollab.command.workbench.urls")),
    path("cockpit/", include("yrdcollab.command.cockpit.urls")),
    path("evaluation/", include("yrdcollab.command.evaluation.urls")),
    path("assignments/", include("yrdcollab.platform.assignments.urls")),
    path("exports/", include("yrdcollab.platform.exports.urls")),
    # Without login: 行政处罚信息公示 and the published locations of enforcement devices.
    path("public/credit/", include("yrdcollab.credit.public_urls")),
    path("public/devices/", include("yrdcollab.smart.sensing.public_urls")),
    path("open311/v2/", include("yrdcollab.smart.open311.urls")),
]

handler400 = "yrdcollab.core.views.error_400"
handler403 = "yrdcollab.core.views.error_403"
handler404 = "yrdcollab.core.views.error_404"
handler500 = "yrdcollab.core.views.error_500"
