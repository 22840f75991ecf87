"""/api/v1/credit/: one router per area of the credit module."""

from ninja import Router

from . import exchange, measures, query, records, repair, serious_list

router = Router(tags=["credit"])
router.add_router("/records/", records.router)
router.add_router("/serious-list/", serious_list.router)
router.add_router("/measures/", measures.router)
router.add_router("/query/", query.router)
router.add_router("/repair/", repair.router)
router.add_router("/exchange/", exchange.router)
