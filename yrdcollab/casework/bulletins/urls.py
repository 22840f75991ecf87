from django.urls import path

from . import views

app_name = "bulletins"

urlpatterns = [
    path("", views.list_view, name="list"),
    path("new/", views.create_view, name="create"),
    path("agencies/", views.agency_options_view, name="agency_options"),
    path("<uuid:public_id>/", views.detail_view, name="detail"),
    path("<uuid:public_id>/edit/", views.edit_view, name="edit"),
    path("<uuid:public_id>/publish/", views.publish_view, name="publish"),
    path("<uuid:public_id>/withdraw/", views.withdraw_view, name="withdraw"),
    path("<uuid:public_id>/acknowledge/", views.acknowledge_view, name="acknowledge"),
    path("<uuid:public_id>/attachments/", views.attachment_upload_view, name="attachment_upload"),
    path("<uuid:public_id>/attachments/<str:sha256>/", views.attachment_view, name="attachment"),
]
