from django.urls import path

from . import views, views_certificates, views_profile

app_name = "accounts"

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("profile/", views_profile.profile, name="profile"),
    path("profile/tokens/", views_profile.token_create, name="token_create"),
    path("profile/tokens/<uuid:token_id>/revoke/", views_profile.token_revoke, name="token_revoke"),
    path("users/<uuid:user_id>/", views_profile.user_profile, name="user_profile"),
    path("users/<uuid:user_id>/reveal-mobile/", views_profile.mobile_reveal, name="mobile_reveal"),
    path("verify/", views_certificates.certificate_verify, name="certificate_verify"),
]
