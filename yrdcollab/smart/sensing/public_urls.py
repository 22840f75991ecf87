"""Without login: the published locations of enforcement devices (行政处罚法第四十一条)."""

from django.urls import path

from . import views_public

app_name = "sensing_public"

urlpatterns = [path("", views_public.published_device_map, name="index")]
