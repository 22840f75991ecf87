from django.urls import path

from . import views

app_name = "catalogue"

urlpatterns = [
    path("", views.matter_list, name="list"),
    path("new/", views.matter_create, name="create"),
    path("<str:code>/", views.matter_detail, name="detail"),
    path("<str:code>/edit/", views.matter_edit, name="edit"),
    path("<str:code>/delete/", views.matter_delete, name="delete"),
    path("<str:code>/deadlines/", views.deadline_set, name="deadline_set"),
    path("<str:code>/deadlines/clear/", views.deadline_clear, name="deadline_clear"),
]
