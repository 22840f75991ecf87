from django.urls import path

from . import views

app_name = "evidence"

urlpatterns = [
    path("verify/", views.verify_lookup_view, name="verify_lookup"),
    path("verify/<uuid:manifest_id>/", views.verify_view, name="verify"),
    path("manifests/<uuid:manifest_id>/recognize/", views.recognize_view, name="recognize"),
    path("manifests/issue/", views.manifest_issue_view, name="manifest_issue"),
    path("items/new/", views.item_add_view, name="item_add"),
    path("items/<uuid:item_id>/", views.item_detail_view, name="item"),
    path("items/<uuid:item_id>/custody/", views.custody_add_view, name="custody_add"),
    path("files/<str:sha256>/", views.file_download_view, name="file"),
]
