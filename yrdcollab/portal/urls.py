from django.urls import path

from . import pwa, views
from .search import views as search_views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", search_views.search_page, name="search"),
    # the installable app: the worker must be served from the root to control every page
    path("sw.js", pwa.service_worker, name="service_worker"),
    path("manifest.webmanifest", pwa.manifest, name="manifest"),
    path("offline/", pwa.offline, name="offline"),
]
