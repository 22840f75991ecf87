from django.urls import path

from . import views

app_name = "assistance"

urlpatterns = [
    path("", views.list_view, name="list"),
    path("new/", views.create_view, name="create"),
    path("suggest-responder/", views.suggest_responder_view, name="suggest_responder"),
    path("<uuid:public_id>/", views.detail_view, name="detail"),
    path("<uuid:public_id>/actions/<slug:action>/", views.action_view, name="action"),
    path("<uuid:public_id>/letter.pdf", views.letter_view, name="letter"),
    path("<uuid:public_id>/reply-letter.pdf", views.reply_letter_view, name="reply_letter"),
]
