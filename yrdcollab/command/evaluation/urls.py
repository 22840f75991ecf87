from django.urls import path

from . import views

app_name = "evaluation"

urlpatterns = [
    path("", views.index, name="index"),
    path("indicators/", views.indicators, name="indicators"),
    path("runs/", views.run, name="run"),
    path("report.<str:fmt>", views.export, name="export"),
    path("<slug:code>/<str:subject>/<str:period>/", views.drill, name="drill"),
]
