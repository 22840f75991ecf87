from django.urls import path

from . import views

app_name = "sensing"

urlpatterns = [
    path("alerts/", views.alert_list, name="alert_list"),
    path("alerts/<uuid:public_id>/", views.alert_detail, name="alert_detail"),
    path("alerts/<uuid:public_id>/actions/<slug:action>/", views.alert_act, name="alert_act"),
    path("devices/", views.device_list, name="device_list"),
    path("devices/new/", views.device_create, name="device_create"),
    path("devices/<uuid:public_id>/", views.device_detail, name="device_detail"),
    path("devices/<uuid:public_id>/review/", views.device_review, name="device_review"),
    path("devices/<uuid:public_id>/publish/", views.device_publish, name="device_publish"),
    path("devices/<uuid:public_id>/credential/", views.device_rotate, name="device_rotate"),
    path("dead-letters/", views.dead_letters, name="dead_letters"),
]
