from django.urls import path

from . import views, views_work

app_name = "events"

urlpatterns = [
    path("", views.event_list, name="event_list"),
    path("new/", views.event_create, name="event_create"),
    path("<uuid:public_id>/", views.event_detail, name="event_detail"),
    path("<uuid:public_id>/edit/", views.event_edit, name="event_edit"),
    path("<uuid:public_id>/act/<slug:action>/", views.event_act, name="event_act"),
    path("<uuid:public_id>/participants/", views.participant_add, name="participant_add"),
    path("<uuid:public_id>/zones/new/", views.zone_form, name="zone_create"),
    path("zones/<uuid:zone_id>/edit/", views.zone_form, name="zone_edit"),
    path("zones/<uuid:zone_id>/delete/", views.zone_delete, name="zone_delete"),
    path("<uuid:public_id>/command/", views.command, name="command"),
    path("<uuid:public_id>/command/live/", views.command_live, name="command_live"),
    path("<uuid:public_id>/reinforcements/", views_work.reinforcement_list, name="reinforcement_list"),
    path("<uuid:public_id>/reinforcements/new/", views_work.reinforcement_create, name="reinforcement_create"),
    path("reinforcements/<uuid:public_id>/", views_work.reinforcement_detail, name="reinforcement_detail"),
    path("reinforcements/<uuid:public_id>/<slug:action>/", views_work.reinforcement_act, name="reinforcement_act"),
    path("<uuid:public_id>/incidents/", views_work.incident_list, name="incident_list"),
    path("incidents/<uuid:public_id>/", views_work.incident_detail, name="incident_detail"),
    path("incidents/<uuid:public_id>/<slug:action>/", views_work.incident_act, name="incident_act"),
    path("<uuid:public_id>/reports/", views_work.report_list, name="report_list"),
    path("reports/<uuid:public_id>/", views_work.report_detail, name="report_detail"),
    path("reports/<uuid:public_id>/pdf/", views_work.report_pdf, name="report_pdf"),
]
