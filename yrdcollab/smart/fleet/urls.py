from django.urls import path

from . import views

app_name = "fleet"

urlpatterns = [
    path("", views.truck_list, name="truck_list"),
    path("trucks/new/", views.truck_create, name="truck_create"),
    path("trucks/<uuid:public_id>/", views.truck_detail, name="truck_detail"),
    path("trucks/<uuid:public_id>/edit/", views.truck_edit, name="truck_edit"),
    path("areas/", views.area_list, name="area_list"),
    path("sites/new/", views.site_form, name="site_create"),
    path("sites/<uuid:public_id>/edit/", views.site_form, name="site_edit"),
    path("routes/new/", views.route_form, name="route_create"),
    path("routes/<uuid:public_id>/edit/", views.route_form, name="route_edit"),
]
