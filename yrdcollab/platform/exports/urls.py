from django.urls import path

from . import views

app_name = "exports"

urlpatterns = [
    path("", views.job_list, name="job_list"),
    path("jobs/<uuid:public_id>/", views.job_detail, name="job_detail"),
    path("jobs/<uuid:public_id>/file", views.job_file, name="job_file"),
    path("<str:source_key>/", views.export_start, name="start"),
]
