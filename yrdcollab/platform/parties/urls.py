from django.urls import path

from . import views

app_name = "parties"

urlpatterns = [
    path("name-claims/", views.name_claim_list, name="name_claim_list"),
    path("name-claims/<uuid:claim_id>/", views.name_claim_detail, name="name_claim_detail"),
    path("name-claims/<uuid:claim_id>/approve/", views.name_claim_approve, name="name_claim_approve"),
    path("name-claims/<uuid:claim_id>/reject/", views.name_claim_reject, name="name_claim_reject"),
]
