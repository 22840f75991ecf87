from django.urls import path

from . import views

app_name = "recognition"

urlpatterns = [
    path("", views.decision_list, name="list"),
    path("new/", views.decision_create, name="create"),
    path("decisions/<uuid:decision_id>/recognize/", views.decision_recognize, name="recognize"),
    path("parties/<uuid:party_id>/", views.party_history, name="party"),
]
