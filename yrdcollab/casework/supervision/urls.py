from django.urls import path

from . import views

app_name = "supervision"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("items/<uuid:public_id>/order/", views.order_new, name="order_new"),
    path("orders/", views.order_list, name="order_list"),
    path("orders/<uuid:public_id>/", views.order_detail, name="order_detail"),
    path("orders/<uuid:public_id>/reply/", views.order_reply, name="order_reply"),
    path("orders/<uuid:public_id>/close/", views.order_close, name="order_close"),
]
