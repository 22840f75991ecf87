from django.urls import path

from . import views

app_name = "directory"

urlpatterns = [
    path("", views.agency_list, name="agency_list"),
    path("agencies/<uuid:public_id>/", views.agency_detail, name="agency_detail"),
    path("divisions/", views.division_list, name="division_list"),
    path("divisions/<str:code>/", views.division_detail, name="division_detail"),
    path("zones/", views.zone_list, name="zone_list"),
    path("zones/pairs/", views.adjacent_pair_add, name="adjacent_pair_add"),
    path("zones/pairs/<uuid:public_id>/remove/", views.adjacent_pair_remove, name="adjacent_pair_remove"),
    path("pairings/", views.pairing_list, name="pairing_list"),
]
