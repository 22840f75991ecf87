from django.urls import path

from . import views

app_name = "duty"

urlpatterns = [
    path("", views.roster_list, name="roster_list"),
    path("rosters/new/", views.roster_create, name="roster_create"),
    path("rosters/<uuid:public_id>/", views.roster_detail, name="roster_detail"),
    path("rosters/<uuid:public_id>/members/", views.roster_members, name="roster_members"),
    path("rosters/<uuid:public_id>/shifts/", views.shift_create, name="shift_create"),
    path("rosters/<uuid:public_id>/conflicts/", views.conflicts, name="conflicts"),
    path("rosters/<uuid:public_id>/check-ins/", views.check_in_list, name="check_in_list"),
    path("shifts/<uuid:public_id>/", views.shift_action, name="shift_action"),
    path("shifts/<uuid:public_id>/check-in/", views.check_in, name="check_in"),
    path("check-in/", views.check_in_now, name="check_in_now"),
    path("check-ins/<uuid:public_id>/photo/", views.check_in_photo, name="check_in_photo"),
]
