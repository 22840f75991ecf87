from django.urls import path

from . import views, views_authorizations

app_name = "operations"

urlpatterns = [
    path("", views.campaign_list, name="campaign_list"),
    path("new/", views.campaign_create, name="campaign_create"),
    path("<uuid:public_id>/", views.campaign_detail, name="campaign_detail"),
    path("<uuid:public_id>/actions/<str:action>/", views.campaign_action, name="campaign_action"),
    path("<uuid:public_id>/respond/<str:action>/", views.campaign_respond, name="campaign_respond"),
    path("<uuid:public_id>/invite/", views.campaign_invite, name="campaign_invite"),
    path("<uuid:public_id>/tasks/", views.task_assign, name="task_assign"),
    path("<uuid:public_id>/tasks/<uuid:task_id>/<str:action>/", views.task_action, name="task_action"),
    path(
        "<uuid:public_id>/decisions/<uuid:decision_id>/recognize/", views.decision_recognize, name="decision_recognize"
    ),
    path("<uuid:public_id>/report.<str:fmt>", views.campaign_report, name="campaign_report"),
    path("<uuid:public_id>/findings/new/", views.finding_create, name="finding_create"),
    path("findings/<uuid:public_id>/", views.finding_detail, name="finding_detail"),
    path("findings/<uuid:public_id>/<str:action>/", views.finding_action, name="finding_action"),
    path("authorizations/", views_authorizations.authorization_list, name="authorization_list"),
    path("authorizations/new/", views_authorizations.authorization_create, name="authorization_create"),
    path("authorizations/<uuid:public_id>/", views_authorizations.authorization_detail, name="authorization_detail"),
    path(
        "authorizations/<uuid:public_id>/revoke/",
        views_authorizations.authorization_revoke,
        name="authorization_revoke",
    ),
    path(
        "authorizations/<uuid:public_id>/findings/new/",
        views.authorization_finding_create,
        name="authorization_finding_create",
    ),
]
