"""/open311/v2/: Open311 GeoReport v2 (its own formats and errors, not the platform API's)."""

from django.urls import path, re_path

from . import admin_views, views

app_name = "open311"

_FMT = r"\.(?P<fmt>json|xml)$"

urlpatterns = [
    re_path(r"^services" + _FMT, views.services_index, name="services"),
    re_path(r"^services/(?P<code>[^/.]{1,32})" + _FMT, views.service_definition, name="service_definition"),
    re_path(r"^requests" + _FMT, views.requests_index, name="requests"),
    re_path(r"^requests/(?P<request_id>[^/.]{1,64})" + _FMT, views.request_detail, name="request_detail"),
    path("keys/", admin_views.key_list, name="key_list"),
    path("keys/<uuid:public_id>/deactivate/", admin_views.key_deactivate, name="key_deactivate"),
]
