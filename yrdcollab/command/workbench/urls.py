from django.urls import path

from . import views

app_name = "workbench"

urlpatterns = [
    path("mine/", views.mine, name="mine"),
    path("<slug:key>/", views.queue, name="queue"),
]
