"""HTML pages of the credit module; each area keeps its routes next to its views."""

from .views import exchange, measures, query, records, repair, serious_list

app_name = "credit"

urlpatterns = [
    *query.urlpatterns,
    *records.urlpatterns,
    *serious_list.urlpatterns,
    *measures.urlpatterns,
    *repair.urlpatterns,
    *exchange.urlpatterns,
]
