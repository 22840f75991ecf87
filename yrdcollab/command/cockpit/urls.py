from django.urls import path

from . import views

app_name = "cockpit"

urlpatterns = [
    path("", views.index, name="index"),
    path("screen/", views.screen, name="screen"),
    path("records/<slug:source>/", views.records, name="records"),
]
