"""Login, logout and the lockout page. Profile, tokens and certificate pages live in
views_profile.py and views_certificates.py."""

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.utils.decorators import method_decorator
from django.views.decorators.debug import sensitive_post_parameters

from .forms import LoginForm


@method_decorator(sensitive_post_parameters("password"), name="dispatch")
@method_decorator(login_not_required, name="dispatch")
class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    pass


def lockout_response(request, original_response=None, credentials=None):
    """django-axes calls this once the failure limit is reached for a username and address."""
    return render(request, "accounts/login.html", {"form": LoginForm(request), "locked_out": True}, status=429)
