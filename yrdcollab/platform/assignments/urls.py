from django.urls import path

from . import views

app_name = "assignments"

urlpatterns = [
    path("<slug:kind>/<uuid:public_id>/", views.assign, name="assign"),
]
