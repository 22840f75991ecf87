"""/api/v1/cockpit/: every figure of the cockpit (指挥中心驾驶舱) for the caller's scope, each with the
URL of the list of records behind it; what the page and the big screen fetch."""

from ninja import Query, Router

from yrdcollab.core.schemas import ErrorOut

from .schemas import CockpitSeriesOut
from .selectors import cockpit_series

router = Router(tags=["cockpit"])


@router.get(
    "/series",
    url_name="cockpit_series",
    response={200: CockpitSeriesOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Every cockpit figure of the caller's scope for a period (30d, 12m or year), with click-through URLs",
)
def series(
    request,
    period: str = Query("30d", max_length=8, description="30d | 12m | year"),
    scope: str = Query(
        "",
        max_length=36,
        description="Narrower scope: all (the command centre's four regions), a province code (310000, 320000, "
        "330000, 340000; command centre only) or an agency's public id (an agency the caller sees: "
        "it and the agencies below it). Empty: the caller's own scope.",
    ),
):
    return cockpit_series(actor=request.auth, period=period, scope=scope)
