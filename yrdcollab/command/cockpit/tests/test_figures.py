"""The cockpit's figures on a small world counted by hand: what the command centre sees of the four
regions, what 青浦's leader sees of its own scope, and who may not see the cockpit at all."""

import pytest

from yrdcollab.command.cockpit.periods import Period, parse_period
from yrdcollab.command.cockpit.selectors import cockpit_series
from yrdcollab.core.errors import InvalidInput, PermissionDenied


def _regions(series) -> dict:
    return {(link["source_code"], link["target_code"]): link["value"] for link in series["flows"]["regions"]}


def _pipeline(series) -> dict:
    return {
        row["key"]: {k: row[k] for k in ("on_time", "due_soon", "overdue", "none", "level_1", "level_2")}
        for row in series["pipeline"]["by_region"]
    }


def test_the_command_centre_sees_the_four_regions(world):
    series = cockpit_series(actor=world.supervisor, period="30d")
    assert series["everything"] is True
    assert _regions(series) == {("310000", "320000"): 1, ("320000", "340000"): 1, ("330000", "310000"): 1}
    assert series["flows"]["totals"] == {"transfer": 2, "assistance": 1}
    assert _pipeline(series) == {
        "310000": {"on_time": 0, "due_soon": 1, "overdue": 0, "none": 0, "level_1": 0, "level_2": 0},
        "320000": {"on_time": 1, "due_soon": 0, "overdue": 1, "none": 0, "level_1": 1, "level_2": 0},
        "330000": {"on_time": 0, "due_soon": 0, "overdue": 0, "none": 1, "level_1": 0, "level_2": 0},
        "340000": {"on_time": 0, "due_soon": 0, "overdue": 1, "none": 0, "level_1": 0, "level_2": 1},
    }
    kpis = {kpi["key"]: kpi["value"] for kpi in series["kpis"]}
    assert kpis["open"] == 5 and kpis["overdue"] == 2 and kpis["escalated"] == 2
    assert kpis["transfers"] == 2 and kpis["assistance"] == 1
    by_agency = {row["label"]: row["overdue"] for row in series["pipeline"]["by_agency"]}
    assert by_agency == {"吴江区综合执法局": 1, "合肥市城管局": 1, "青浦区城管执法局": 0, "嘉善县综合执法局": 0}
    # The matter mix counts a child matter under its parent.
    assert [(m["key"], m["value"]) for m in series["matters"]] == [("CK01", 3)]


def test_the_period_widens_the_flows(world):
    series = cockpit_series(actor=world.supervisor, period="12m")
    assert _regions(series)[("310000", "320000")] == 2
    monthly = series["trends"]["monthly"]
    assert len(monthly) == 12 and sum(p["transfers"] for p in monthly) == 3
    assert sum(p["assistance"] for p in monthly) == 1
    daily = series["trends"]["daily"]
    assert len(daily) == 30 and sum(p["transfers"] + p["assistance"] for p in daily) == 3


def test_an_agency_leader_sees_its_own_scope_only(world):
    series = cockpit_series(actor=world.leader, period="30d")
    assert series["everything"] is False
    assert _regions(series) == {("310000", "320000"): 1, ("330000", "310000"): 1}
    pipeline = _pipeline(series)
    assert set(pipeline) == {"310000", "320000"}
    assert pipeline["320000"] == {"on_time": 1, "due_soon": 0, "overdue": 1, "none": 0, "level_1": 1, "level_2": 0}
    assert series["pipeline"]["totals"]["open"] == 3
    # its lists are the cockpit's own (the supervision dashboard is the command centre's)
    assert series["pipeline"]["by_region"][0]["urls"]["overdue"].startswith("/cockpit/records/items/")


def test_an_officer_without_command_view_is_refused(world):
    with pytest.raises(PermissionDenied):
        cockpit_series(actor=world.officer, period="30d")


@pytest.mark.parametrize("bad", ["7d", "30D", "year ", "x" * 8])
def test_a_bad_period_is_invalid_filter(bad):
    with pytest.raises(InvalidInput) as caught:
        parse_period(bad)
    assert caught.value.code == "invalid_filter" and caught.value.details == {"field": "period"}


def test_no_period_is_the_last_30_days():
    assert parse_period(None) == parse_period("") == Period.DAYS_30
