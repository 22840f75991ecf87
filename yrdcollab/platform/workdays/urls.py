from django.urls import path

from . import views

app_name = "workdays"

urlpatterns = [
    path("", views.calendar_view, name="calendar"),
    path("calculate/", views.calculate_view, name="calculate"),
    path("load/", views.load_year_view, name="load_year"),
]
