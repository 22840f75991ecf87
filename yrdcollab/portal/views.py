from django.shortcuts import render

from .selectors import home_overview_for


def home(request):
    return render(request, "portal/home.html", {"overview": home_overview_for(request.user)})
