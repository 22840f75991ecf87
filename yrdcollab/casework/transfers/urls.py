from django.urls import path

from . import views

app_name = "transfers"

urlpatterns = [
    path("", views.transfer_list, name="list"),
    path("new/", views.transfer_create, name="create"),
    path("suggest-receiver/", views.suggest_receiver, name="suggest_receiver"),
    path("<uuid:public_id>/", views.transfer_detail, name="detail"),
    path("<uuid:public_id>/actions/<slug:action>/", views.transfer_act, name="act"),
    path("<uuid:public_id>/letter.pdf", views.transfer_letter, name="letter"),
]
