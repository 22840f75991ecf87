"""Pages without login: 行政处罚信息公示 (行政处罚法第四十八条)."""

from .views import public

app_name = "credit_public"

urlpatterns = [*public.urlpatterns]
